// report.html, batch workloads (json, csv): per workload/mode/input one
// horizontal bar chart of median ops/s per variant with the 95% CI of the
// median drawn over each bar, the numbers behind it, and the Rust/Go ratios.
#include "core/format.hpp"
#include "model/metrics.hpp"
#include "report/report_common.hpp"
#include "report/report_html_charts.hpp"

namespace xlb::html {

void write_batch_cell(Page& page, const std::vector<const Measurement*>& cell,
                      const std::vector<LanguageComparison>& comparisons) {
  const auto& first = *cell.front();
  auto& out = page.out();
  out << "<section class=\"cell\" id=\"cell-" << esc(first.workload + "-" + first.mode + "-" + first.input)
      << "\">\n<h3>" << esc(first.mode) << " / " << esc(first.input);
  if (first.input_bytes > 0) out << " (" << esc(human(static_cast<double>(first.input_bytes))) << "B input)";
  out << "</h3>\n";

  json labels = json::array(), medians = json::array(), intervals = json::array(), colors = json::array();
  Table table({"variant", "label", "status", "ops/s median", "95% CI low", "95% CI high", "samples", "MB/s median",
               "ns/op p50", "ns/op p95", "CV", "peak RSS MB", "page faults/op"});
  for (const auto* m : cell) {
    const auto text = summarize_row(*m);
    std::vector<std::string> row = {m->variant_id(), m->label, m->status, "-", "-", "-",
                                    std::to_string(m->samples.size()), text.mb_s, text.ns_p50, text.ns_p95, text.cv,
                                    text.rss_mb, text.faults_per_op};
    if (m->status == "ok" && !m->samples.empty()) {
      const auto ops = stats::summarize(metric("ops_per_s").series(*m));
      row[3] = plain(ops.median);
      row[4] = plain(ops.median_ci.interval.low);
      row[5] = plain(ops.median_ci.interval.high) + (ops.median_ci.coverage_reached ? "" : " *");
      labels.push_back(m->variant_id());
      medians.push_back(ops.median);
      intervals.push_back({ops.median_ci.interval.low, ops.median_ci.interval.high});
      colors.push_back(language_color(m->language));
    }
    table.add(row, m->status == "ok" ? "" : "bad");
  }
  if (!labels.empty()) {
    json spec = {{"type", "bar"},
                 {"legend", false},
                 {"labels", labels},
                 {"x", number_axis("operations per second")},
                 {"y", category_axis("variant")},
                 {"datasets",
                  {{{"label", "95% CI of the median"}, {"role", "ci"}, {"unit", "ops/s"}, {"data", intervals}},
                   {{"label", "median"}, {"overlay", true}, {"unit", "ops/s"}, {"colors", colors},
                    {"data", medians}}}}};
    page.chart(spec, 80 + 34 * static_cast<int>(labels.size()),
               first.workload + " " + first.mode + " / " + first.input + ": operations per second",
               "higher is better; bar = median of the samples, dark whisker = its 95% confidence interval");
  }
  write_table(out, table);

  auto here = comparisons_of_cell(comparisons, first);
  if (!here.empty()) {
    Table ratios({"basis", "pair", "Rust / Go (ops/s)", "95% CI", "Mann-Whitney U", "verdict"});
    for (const auto* c : here)
      ratios.add({c->basis, c->rust->variant + " vs " + c->go->variant, fixed(c->cmp.ratio.ratio, 3) + "x",
                  "[" + fixed(c->cmp.ratio.ci.low, 3) + ", " + fixed(c->cmp.ratio.ci.high, 3) + "]",
                  p_value_text(c->cmp.test.p_value), c->verdict});
    write_table(out, ratios);
  }
  out << "</section>\n";
}

}  // namespace xlb::html
