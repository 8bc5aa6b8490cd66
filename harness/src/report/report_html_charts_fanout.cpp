// report.html, fan-out workloads (kind spawn, inputs with params.tasks): per
// mode, the wall time of the fan-out and the bytes per task against N, both on
// log axes, one line per variant; the numbers behind them; Rust/Go per N.
#include <algorithm>
#include <map>

#include "core/format.hpp"
#include "model/metrics.hpp"
#include "report/report_common.hpp"
#include "report/report_html_charts.hpp"

namespace xlb::html {
namespace {

std::int64_t tasks_of(const Measurement& m) { return m.params.value("tasks", std::int64_t{-1}); }

// The variant's own time for the whole fan-out, in ms (one sample per process run).
stats::Summary wall_ms(const Measurement& m) {
  std::vector<double> ms;
  for (double ns : metric("ns_per_op").series(m)) ms.push_back(ns / 1e6);
  return stats::summarize(ms);
}

std::vector<std::string> modes_of(const ResultsDoc& doc, const std::string& workload) {
  std::vector<std::string> modes;
  for (const auto& m : doc.measurements)
    if (m.workload == workload && std::find(modes.begin(), modes.end(), m.mode) == modes.end())
      modes.push_back(m.mode);
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

}  // namespace

void write_fanout_section(Page& page, const std::string& workload) {
  const auto& doc = page.doc();
  auto& out = page.out();
  const auto comparisons = compare_languages(doc, page.threshold());
  for (const auto& mode : modes_of(doc, workload)) {
    const auto variants = by_variant(doc, workload, mode);
    if (variants.empty()) continue;
    out << "<section class=\"cell\" id=\"cell-" << esc(workload + "-" + mode) << "\">\n<h3>mode " << esc(mode)
        << ": time and memory against the number of tasks</h3>\n";

    VariantPalette palette;
    json time_sets = json::array(), byte_sets = json::array();
    Table table({"variant", "tasks (N)", "status", "wall time ms median", "95% CI low", "95% CI high", "runs", "CV",
                 "peak RSS MB (median of runs)", "bytes per task vs N = 0", "CPU s/run"});
    for (const auto& rows : variants) {
      const auto& v = *rows.front();
      const std::string color = palette.color(v.language, v.variant_id());
      json times = json::array(), bytes = json::array();
      for (const auto* m : rows) {
        const auto n = tasks_of(*m);
        std::vector<std::string> row = {m->variant_id(), grouped(n), m->status, "-", "-", "-",
                                        std::to_string(m->samples.size()), "-", summarize_row(*m).rss_mb,
                                        per_task_text(doc, *m), summarize_row(*m).cpu_s};
        if (m->status == "ok" && !m->samples.empty()) {
          const auto w = wall_ms(*m);
          row[3] = plain(w.median);
          row[4] = plain(w.median_ci.interval.low);
          row[5] = plain(w.median_ci.interval.high) + (w.median_ci.coverage_reached ? "" : " *");
          row[7] = fixed(w.cv * 100, 1) + "%";
          if (n > 0) {
            times.push_back({{"x", n}, {"y", log_value(w.median)}});
            const auto b = bytes_per_task(doc, *m);
            bytes.push_back({{"x", n}, {"y", b ? log_value(*b) : json(nullptr)}});
          }
        }
        table.add(row, m->status == "ok" ? "" : "bad");
      }
      const bool reference = v.label == "reference";
      time_sets.push_back({{"label", v.variant_id()}, {"color", color}, {"dash", reference}, {"unit", "ms"},
                           {"data", times}});
      byte_sets.push_back({{"label", v.variant_id()}, {"color", color}, {"dash", reference}, {"unit", "B"},
                           {"data", bytes}});
    }
    const json x = number_axis("tasks spawned, N (log scale)", true);
    page.begin_pair();
    page.chart({{"type", "line"},
                {"legend", true},
                {"x", x},
                {"y", number_axis("wall time, ms (log scale)", true)},
                {"datasets", time_sets}},
               340, workload + " " + mode + ": wall time against N",
               "lower is better; median of the process runs, the variant's own clock from the first spawn to the "
               "last join. Dashed: OS-thread reference variants. N = 0 is in the table (a log axis has no 0).");
    page.chart({{"type", "line"},
                {"legend", true},
                {"x", x},
                {"y", number_axis("bytes per task (log scale)", true)},
                {"datasets", byte_sets}},
               340, workload + " " + mode + ": memory per task against N",
               "lower is better; (median peak RSS at N - median peak RSS at N = 0) / N, same variant and mode. "
               "A gap: the growth was not positive (lost in noise).");
    page.end_pair();
    write_table(out, table);

    Table ratios({"N", "basis", "pair", "Rust / Go speed (Go time / Rust time)", "95% CI", "Mann-Whitney U",
                  "verdict"});
    for (const auto& c : comparisons)
      if (c.workload == workload && c.mode == mode)
        ratios.add({grouped(tasks_of(*c.rust)), c.basis, c.rust->variant + " vs " + c.go->variant,
                    fixed(c.cmp.ratio.ratio, 3) + "x",
                    "[" + fixed(c.cmp.ratio.ci.low, 3) + ", " + fixed(c.cmp.ratio.ci.high, 3) + "]",
                    p_value_text(c.cmp.test.p_value), c.verdict});
    if (!ratios.rows.empty()) write_table(out, ratios);
    out << "</section>\n";
  }
}

}  // namespace xlb::html
