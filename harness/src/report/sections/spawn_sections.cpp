// Spawn workloads (one process per sample): fan-out workloads (inputs with
// params.tasks) get wall time and bytes per task against N on log axes, per
// mode; holding-state workloads the RSS at start-up and while holding N; other
// spawn cells a table each. Every shape ends with the Rust/Go speed ratios.
#include <algorithm>
#include <map>

#include "core/format.hpp"
#include "model/metrics.hpp"
#include "report/model/chart_spec.hpp"
#include "report/sections/cell_text.hpp"
#include "report/sections/holding_rows.hpp"
#include "report/sections/kind_sections.hpp"

namespace xlb::report {
namespace {

std::int64_t tasks_of(const Measurement& m) { return m.params.value("tasks", std::int64_t{-1}); }

std::vector<std::string> modes_of(const ResultsDoc& doc, const std::string& workload) {
  std::vector<std::string> modes;
  for (const auto& m : doc.measurements)
    if (m.workload == workload && std::find(modes.begin(), modes.end(), m.mode) == modes.end()) modes.push_back(m.mode);
  return modes;
}

// A mode's rows per variant (document order of first appearance), each sorted by N.
std::vector<std::vector<const Measurement*>> by_variant(const ResultsDoc& doc, const std::string& workload,
                                                        const std::string& mode) {
  std::vector<std::vector<const Measurement*>> out;
  std::map<std::string, size_t> index;
  for (const auto& m : doc.measurements) {
    if (m.workload != workload || m.mode != mode || tasks_of(m) < 0) continue;
    auto [it, fresh] = index.emplace(m.variant_id(), out.size());
    if (fresh) out.emplace_back();
    out[it->second].push_back(&m);
  }
  for (auto& rows : out)
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Measurement* a, const Measurement* b) { return tasks_of(*a) < tasks_of(*b); });
  return out;
}

// Rust/Go speed (Go time / Rust time) for the comparisons `keep` selects.
template <typename Keep>
Table speed_ratios(const ReportContext& ctx, Keep keep) {
  Table t("", {"input", "basis", "pair", "Rust / Go speed (Go time / Rust time) [95% CI]", "Mann-Whitney U", "verdict"});
  for (const auto& c : ctx.comparisons)
    if (keep(c))
      t.add({c.input, c.basis, c.rust->variant + " vs " + c.go->variant, ratio_text(c.cmp.ratio.ratio, c.cmp.ratio.ci),
             p_value_text(c.cmp.test.p_value), c.verdict});
  return t;
}

Section fanout_mode(const ReportContext& ctx, const std::string& workload, const std::string& mode,
                    const std::vector<std::vector<const Measurement*>>& variants) {
  const auto& doc = ctx.doc;
  Section s{"cell-" + workload + "-" + mode, "mode " + mode + ": time and memory against the number of tasks", "spawn",
            {}, {}};
  VariantPalette palette;
  json time_sets = json::array(), byte_sets = json::array();
  Table table("", {"variant", "tasks (N)", "wall time ms median [95% CI]", "runs", "CV", "peak RSS MB (median of runs)",
                   "bytes per task vs N = 0", "CPU s/run", "status"});
  for (const auto& rows : variants) {
    const auto& v = *rows.front();
    const std::string color = palette.color(v.language, v.variant_id());
    json times = json::array(), bytes = json::array();
    for (const auto* m : rows) {
      const auto n = tasks_of(*m);
      const auto text = summarize_row(*m);
      table.add({m->variant_id(), grouped(n), text.ops, std::to_string(m->samples.size()), text.cv, text.rss_mb,
                 per_task_text(doc, *m), text.cpu_s, m->status},
                m->status == "ok" ? "" : "bad");
      if (m->status != "ok" || m->samples.empty() || n <= 0) continue;
      std::vector<double> ms;
      for (double ns : metric("ns_per_op").series(*m)) ms.push_back(ns / 1e6);
      times.push_back({{"x", n}, {"y", log_value(stats::median(ms))}});
      const auto b = bytes_per_task(doc, *m);
      bytes.push_back({{"x", n}, {"y", b ? log_value(*b) : json(nullptr)}});
    }
    const bool reference = v.label == "reference";
    time_sets.push_back({{"label", v.variant_id()}, {"color", color}, {"dash", reference}, {"unit", "ms"}, {"data", times}});
    byte_sets.push_back({{"label", v.variant_id()}, {"color", color}, {"dash", reference}, {"unit", "B"}, {"data", bytes}});
  }
  const json x = number_axis("tasks spawned, N (log scale)", true);
  s.charts({{{{"type", "line"}, {"legend", true}, {"x", x}, {"y", number_axis("wall time, ms (log scale)", true)},
              {"datasets", time_sets}},
             340, workload + " " + mode + ": wall time against N",
             "lower is better; median of the process runs, the variant's own clock from the first spawn to the last "
             "join. Dashed: OS-thread reference variants. N = 0 is in the table (a log axis has no 0)."},
            {{{"type", "line"}, {"legend", true}, {"x", x}, {"y", number_axis("bytes per task (log scale)", true)},
              {"datasets", byte_sets}},
             340, workload + " " + mode + ": memory per task against N",
             "lower is better; (median peak RSS at N - median peak RSS at N = 0) / N, same variant and mode. A gap: "
             "the growth was not positive (lost in noise)."}});
  s.table(std::move(table));
  auto ratios = speed_ratios(ctx, [&](const LanguageComparison& c) { return c.workload == workload && c.mode == mode; });
  if (!ratios.rows.empty()) s.table(std::move(ratios));
  return s;
}

// "Go / Rust (a vs b) holding N: 3.10x the RSS, 3.40x the growth per resource", at the largest N.
std::string holding_ratio_line(const std::vector<HoldingRow>& rows, std::int64_t largest) {
  const HoldingRow *go = nullptr, *rust = nullptr;
  for (const auto& r : rows) {
    if (r.resources != largest) continue;
    if (r.m->language == "go" && !go) go = &r;
    if (r.m->language == "rust" && !rust) rust = &r;
  }
  if (!go || !rust || rust->rss_held_kb <= 0) return "";
  std::string line = "Go / Rust (" + go->m->variant_id() + " vs " + rust->m->variant_id() + ") holding " +
                     grouped(largest) + ": " + fixed(go->rss_held_kb / rust->rss_held_kb, 2) + "x the RSS";
  if (go->bytes_per_resource && rust->bytes_per_resource && *rust->bytes_per_resource > 0)
    line += ", " + fixed(*go->bytes_per_resource / *rust->bytes_per_resource, 2) + "x the growth per resource";
  return line;
}

Section holding_section(const ReportContext& ctx, const std::string& workload, std::vector<HoldingRow> rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const HoldingRow& a, const HoldingRow& b) { return a.resources < b.resources; });
  std::vector<std::int64_t> ns;
  std::vector<std::string> variants;
  for (const auto& r : rows) {
    if (std::find(ns.begin(), ns.end(), r.resources) == ns.end()) ns.push_back(r.resources);
    if (std::find(variants.begin(), variants.end(), r.m->variant_id()) == variants.end())
      variants.push_back(r.m->variant_id());
  }
  json labels = json::array(), datasets = json::array();
  for (auto n : ns) labels.push_back("N = " + grouped(n));
  // Per variant two bars per N: RSS at start-up (light) and while holding N (full colour).
  for (const auto& id : variants) {
    json before = json::array(), after = json::array();
    std::string language;
    for (auto n : ns) {
      const auto it = std::find_if(rows.begin(), rows.end(),
                                   [&](const HoldingRow& r) { return r.resources == n && r.m->variant_id() == id; });
      before.push_back(it == rows.end() ? json(nullptr) : json(it->rss_start_kb / 1024.0));
      after.push_back(it == rows.end() ? json(nullptr) : json(it->rss_held_kb / 1024.0));
      if (it != rows.end()) language = it->m->language;
    }
    datasets.push_back({{"label", id + ": RSS at start-up"}, {"color", light_color(language)}, {"unit", "MB"},
                        {"data", before}});
    datasets.push_back({{"label", id + ": RSS holding N"}, {"color", language_color(language)}, {"unit", "MB"},
                        {"data", after}});
  }
  Section s{"cell-" + workload + "-rss", "resident memory at start-up and while holding N decoded resources", "spawn",
            {}, {}};
  s.paragraph("The variant's own VmRSS (/proc/self/status, last process run) before loading and while holding N "
              "decoded resources (Go: after runtime.GC()); growth = RSS holding N minus the same variant's RSS "
              "holding 0.",
              Tone::muted);
  s.charts({{{{"type", "bar"}, {"legend", true}, {"labels", labels}, {"x", category_axis("resources decoded and held, N")},
              {"y", number_axis("resident memory (VmRSS), MB")}, {"datasets", datasets}},
             360, workload + ": RSS at start-up and while holding N",
             "lower is better; the variant's own VmRSS from /proc/self/status, last process run; light = before "
             "loading, full colour = holding all N (Go after runtime.GC())"}});
  Table table("", {"variant", "N", "RSS at start-up MB", "RSS holding N MB", "growth over N = 0 MB", "KB per resource",
                   "Go HeapInuse MB", "peak RSS MB (wait4, median of runs)", "load time ms [95% CI]"});
  auto opt = [](const std::optional<double>& v, double divisor) { return v ? fixed(*v / divisor, 1) : "-"; };
  for (const auto& r : rows) {
    const auto text = summarize_row(*r.m);
    table.add({r.m->variant_id(), grouped(r.resources), fixed(r.rss_start_kb / 1024.0, 1),
               fixed(r.rss_held_kb / 1024.0, 1), opt(r.growth_kb, 1024.0), opt(r.bytes_per_resource, 1024.0),
               opt(r.heap_inuse_bytes, 1024.0 * 1024.0), text.rss_mb, text.ops});
  }
  if (const auto line = holding_ratio_line(rows, ns.back()); !line.empty()) table.notes.push_back(line);
  s.table(std::move(table));
  auto ratios = speed_ratios(ctx, [&](const LanguageComparison& c) { return c.workload == workload; });
  if (!ratios.rows.empty()) s.table(std::move(ratios));
  return s;
}

Section spawn_cell(const ReportContext& ctx, const std::vector<const Measurement*>& cell) {
  const auto& first = *cell.front();
  Section s{"cell-" + first.workload + "-" + first.mode + "-" + first.input, first.mode + " / " + first.input, "spawn",
            {}, {}};
  Table table("", {"variant", "label", "time median [95% CI]", "CV", "peak RSS MB (median of runs)",
                   "bytes/task vs 0 tasks", "CPU s/run", "threads (hello)", "status"});
  for (const auto* m : cell) {
    const auto row = summarize_row(*m);
    table.add({m->variant_id(), m->label, row.ops, row.cv, row.rss_mb, per_task_text(ctx.doc, *m), row.cpu_s,
               std::to_string(m->hello.value("threads", 0)), m->status},
              m->status == "ok" ? "" : "bad");
  }
  s.table(std::move(table));
  auto ratios = speed_ratios(ctx, [&](const LanguageComparison& c) {
    return c.workload == first.workload && c.mode == first.mode && c.input == first.input;
  });
  if (!ratios.rows.empty()) s.table(std::move(ratios));
  return s;
}

}  // namespace

void add_spawn_sections(const ReportContext& ctx, const std::string& workload, Section& into) {
  std::vector<HoldingRow> holding;
  bool fanout = false;
  for (const auto& cell : cells_of(ctx.doc)) {
    if (cell.front()->workload != workload) continue;
    const auto rows = holding_rows(ctx.doc, cell);
    holding.insert(holding.end(), rows.begin(), rows.end());
    fanout = fanout || std::any_of(cell.begin(), cell.end(), [](const Measurement* m) { return tasks_of(*m) >= 0; });
  }
  if (!holding.empty()) {
    into.children.push_back(holding_section(ctx, workload, std::move(holding)));
  } else if (fanout) {
    for (const auto& mode : modes_of(ctx.doc, workload))
      if (const auto variants = by_variant(ctx.doc, workload, mode); !variants.empty())
        into.children.push_back(fanout_mode(ctx, workload, mode, variants));
  } else {
    for (const auto& cell : cells_of(ctx.doc))
      if (cell.front()->workload == workload) into.children.push_back(spawn_cell(ctx, cell));
  }
}

}  // namespace xlb::report
