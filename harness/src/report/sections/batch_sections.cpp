// Batch workloads (json, csv, wordfreq, plug-ins' own): per workload/mode/input
// a horizontal bar chart of median ops/s with the 95% CI of the median over
// each bar, the numbers behind it, and the Rust/Go ratios.
#include "core/format.hpp"
#include "model/metrics.hpp"
#include "report/model/chart_spec.hpp"
#include "report/sections/cell_text.hpp"
#include "report/sections/kind_sections.hpp"

namespace xlb::report {
namespace {

std::string cell_title(const Measurement& first) {
  std::string title = first.mode + " / " + first.input;
  if (first.input_bytes > 0) title += " (" + human(static_cast<double>(first.input_bytes)) + "B input)";
  if (first.params.contains("tasks")) title += " (" + first.params["tasks"].dump() + " tasks)";
  return title;
}

Section cell_section(const ReportContext& ctx, const std::vector<const Measurement*>& cell) {
  const auto& first = *cell.front();
  Section s{"cell-" + first.workload + "-" + first.mode + "-" + first.input, cell_title(first), first.kind, {}, {}};
  json labels = json::array(), medians = json::array(), intervals = json::array(), colors = json::array();
  Table table("", {"variant", "label", "ops/s median [95% CI]", "samples", "MB/s", "ns/op p50", "ns/op p95", "CV",
                   "peak RSS MB", "CPU s/run", "page faults/op", "status"});
  for (const auto* m : cell) {
    const auto text = summarize_row(*m);
    table.add({m->variant_id(), m->label, text.ops, std::to_string(m->samples.size()), text.mb_s, text.ns_p50,
               text.ns_p95, text.cv, text.rss_mb, text.cpu_s, text.faults_per_op, m->status},
              m->status == "ok" ? "" : "bad");
    if (m->status != "ok" || m->samples.empty()) continue;
    const auto ops = stats::summarize(metric("ops_per_s").series(*m));
    labels.push_back(m->variant_id());
    medians.push_back(ops.median);
    intervals.push_back({ops.median_ci.interval.low, ops.median_ci.interval.high});
    colors.push_back(language_color(m->language));
  }
  if (!labels.empty())
    s.charts({{{{"type", "bar"},
                {"legend", false},
                {"labels", labels},
                {"x", number_axis("operations per second")},
                {"y", category_axis("variant")},
                {"datasets",
                 {{{"label", "95% CI of the median"}, {"role", "ci"}, {"unit", "ops/s"}, {"data", intervals}},
                  {{"label", "median"}, {"overlay", true}, {"unit", "ops/s"}, {"colors", colors}, {"data", medians}}}}},
               80 + 34 * static_cast<int>(labels.size()),
               first.workload + " " + first.mode + " / " + first.input + ": operations per second",
               "higher is better; bar = median of the samples, dark whisker = its 95% confidence interval"}});
  s.table(std::move(table));
  const auto here = comparisons_of_cell(ctx.comparisons, first);
  if (!here.empty()) {
    Table ratios("", {"Rust / Go (ops/s)", "pair", "ratio [95% CI]", "Mann-Whitney U", "verdict"});
    for (const auto* c : here)
      ratios.add({c->basis, c->rust->variant + " vs " + c->go->variant, ratio_text(c->cmp.ratio.ratio, c->cmp.ratio.ci),
                  p_value_text(c->cmp.test.p_value), c->verdict});
    s.table(std::move(ratios));
  }
  return s;
}

}  // namespace

void add_batch_sections(const ReportContext& ctx, const std::string& workload, Section& into) {
  for (const auto& cell : cells_of(ctx.doc))
    if (cell.front()->workload == workload) into.children.push_back(cell_section(ctx, cell));
}

}  // namespace xlb::report
