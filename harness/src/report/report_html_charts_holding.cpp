// report.html, holding-state workloads (spawn rows with the facts
// held_resources, rss_before_kb, rss_after_kb; workloads/holding/README.md):
// the variant's own RSS at start-up and while holding N, grouped by N, Go and
// Rust side by side, and the numbers behind it (report_holding.hpp's rows).
#include <algorithm>

#include "analysis/analysis.hpp"
#include "core/format.hpp"
#include "report/report_common.hpp"
#include "report/report_holding.hpp"
#include "report/report_html_charts.hpp"

namespace xlb::html {

bool write_holding_section(Page& page, const std::string& workload) {
  const auto& doc = page.doc();
  std::vector<HoldingRow> rows;
  for (const auto& cell : cells_of(doc)) {
    if (cell.front()->workload != workload) continue;
    auto here = holding_rows(doc, cell);
    rows.insert(rows.end(), here.begin(), here.end());
  }
  if (rows.empty()) return false;
  std::stable_sort(rows.begin(), rows.end(),
                   [](const HoldingRow& a, const HoldingRow& b) { return a.resources < b.resources; });

  std::vector<std::int64_t> ns;
  std::vector<std::string> variants;
  for (const auto& r : rows) {
    if (std::find(ns.begin(), ns.end(), r.resources) == ns.end()) ns.push_back(r.resources);
    if (std::find(variants.begin(), variants.end(), r.m->variant_id()) == variants.end())
      variants.push_back(r.m->variant_id());
  }
  json labels = json::array();
  for (auto n : ns) labels.push_back("N = " + grouped(n));

  // Per variant two bars per N: RSS at start-up (light) and while holding N (full colour).
  json datasets = json::array();
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

  auto& out = page.out();
  out << "<section class=\"cell\" id=\"cell-" << esc(workload) << "-rss\">\n<h3>resident memory at start-up and "
         "while holding N decoded resources</h3>\n";
  page.chart({{"type", "bar"},
              {"legend", true},
              {"labels", labels},
              {"x", category_axis("resources decoded and held, N")},
              {"y", number_axis("resident memory (VmRSS), MB")},
              {"datasets", datasets}},
             360, workload + ": RSS at start-up and while holding N",
             "lower is better; the variant's own VmRSS from /proc/self/status, last process run; light = "
             "before loading, full colour = holding all N (Go after runtime.GC())");

  Table table({"variant", "N", "RSS at start-up MB", "RSS holding N MB", "growth over N = 0 MB", "KB per resource",
               "Go HeapInuse MB", "peak RSS MB (wait4, median of runs)", "load time ms [95% CI]"});
  auto opt = [](const std::optional<double>& v, double divisor) { return v ? fixed(*v / divisor, 1) : "-"; };
  for (const auto& r : rows)
    table.add({r.m->variant_id(), grouped(r.resources), fixed(r.rss_start_kb / 1024.0, 1),
               fixed(r.rss_held_kb / 1024.0, 1), opt(r.growth_kb, 1024.0), opt(r.bytes_per_resource, 1024.0),
               opt(r.heap_inuse_bytes, 1024.0 * 1024.0), summarize_row(*r.m).rss_mb, summarize_row(*r.m).ops});
  write_table(out, table);

  // Go / Rust at the largest N, first variant of each language (as the text reports).
  const auto largest = ns.back();
  const HoldingRow *go = nullptr, *rust = nullptr;
  for (const auto& r : rows) {
    if (r.resources != largest) continue;
    if (r.m->language == "go" && !go) go = &r;
    if (r.m->language == "rust" && !rust) rust = &r;
  }
  if (go && rust && rust->rss_held_kb > 0)
    out << "<p>Go / Rust (" << esc(go->m->variant_id()) << " vs " << esc(rust->m->variant_id()) << ") holding "
        << grouped(largest) << ": " << fixed(go->rss_held_kb / rust->rss_held_kb, 2) << "x the RSS"
        << (go->bytes_per_resource && rust->bytes_per_resource && *rust->bytes_per_resource > 0
                ? ", " + fixed(*go->bytes_per_resource / *rust->bytes_per_resource, 2) + "x the growth per resource"
                : std::string())
        << ".</p>\n";
  out << "</section>\n";
  return true;
}

}  // namespace xlb::html
