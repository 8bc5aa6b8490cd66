#include "report/sections/cell_text.hpp"

#include "core/format.hpp"
#include "model/metrics.hpp"

namespace xlb {

RowText summarize_row(const Measurement& m) {
  RowText row;
  if (!m.runs.empty()) {
    row.rss_mb = fixed(peak_rss_kb(m) / 1024.0, 1);
    row.cpu_s = fixed(cpu_seconds_per_run(m), 2);
    if (auto faults = minor_faults_per_op(m)) row.faults_per_op = human(*faults);
  }
  if (m.status != "ok" || m.samples.empty()) return row;
  if (m.kind == "spawn") {
    // One sample per process: the variant's own time for the whole fan-out, shown in ms.
    std::vector<double> ms;
    for (double ns : metric("ns_per_op").series(m)) ms.push_back(ns / 1e6);
    auto wall = stats::summarize(ms);
    row.ops = with_interval(wall.median, wall.median_ci.interval) + " ms";
    row.cv = fixed(wall.cv * 100, 1) + "%";
    row.rss_mb = fixed(median_peak_rss_kb(m) / 1024.0, 1);
    return row;
  }
  auto ops = stats::summarize(metric("ops_per_s").series(m));
  row.ops = with_interval(ops.median, ops.median_ci.interval);
  row.cv = fixed(ops.cv * 100, 1) + "%";
  if (m.input_bytes > 0) row.mb_s = human(stats::median(metric("mb_per_s").series(m)));
  auto ns = stats::summarize(metric("ns_per_op").series(m));
  row.ns_p50 = human(ns.p50);
  row.ns_p95 = human(ns.p95);
  return row;
}

std::string per_task_text(const ResultsDoc& doc, const Measurement& m) {
  auto bytes = bytes_per_task(doc, m);
  return bytes ? human(*bytes) + " B" : "-";
}

std::vector<const LanguageComparison*> comparisons_of_cell(const std::vector<LanguageComparison>& all,
                                                           const Measurement& member) {
  std::vector<const LanguageComparison*> out;
  for (const auto& c : all)
    if (c.workload == member.workload && c.mode == member.mode && c.input == member.input) out.push_back(&c);
  return out;
}

std::vector<std::pair<std::string, std::string>> problem_rows(const ResultsDoc& doc) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& m : doc.measurements)
    if (m.status != "ok") rows.emplace_back(m.cell() + " " + m.variant_id(), status_text(m));
  return rows;
}

std::string list_text(const std::vector<std::string>& items, size_t most) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < most; ++i) out += (out.empty() ? "" : ", ") + items[i];
  if (items.size() > most) out += " and " + std::to_string(items.size() - most) + " more";
  return out;
}

std::string status_text(const Measurement& m) { return m.status == "ok" ? "ok" : m.status + ": " + m.reason; }

}  // namespace xlb
