#include "report_common.hpp"

#include <fstream>

#include "errors.hpp"
#include "format.hpp"
#include "metrics.hpp"

namespace xlb {
namespace {

class JsonReporter : public Reporter {
 public:
  void write(const ResultsDoc& doc, std::ostream& out) const override { out << to_json(doc).dump(1) << "\n"; }
};

}  // namespace

RowText summarize_row(const Measurement& m) {
  RowText row;
  if (!m.runs.empty()) {
    row.rss_mb = fixed(peak_rss_kb(m) / 1024.0, 1);
    row.cpu_s = fixed(cpu_seconds_per_run(m), 2);
  }
  if (m.status != "ok" || m.samples.empty()) return row;
  auto ops = stats::summarize(metric("ops_per_s").series(m));
  row.ops = with_interval(ops.median, ops.median_ci.interval);
  row.cv = fixed(ops.cv * 100, 1) + "%";
  if (m.input_bytes > 0) row.mb_s = human(stats::median(metric("mb_per_s").series(m)));
  auto ns = stats::summarize(metric("ns_per_op").series(m));
  row.ns_p50 = human(ns.p50);
  row.ns_p95 = human(ns.p95);
  return row;
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
    if (m.status != "ok") rows.emplace_back(m.cell() + " " + m.variant_id(), m.status + ": " + m.reason);
  return rows;
}

std::vector<std::string> report_formats() { return {"console", "markdown", "json"}; }

std::unique_ptr<Reporter> make_reporter(const std::string& format, double threshold) {
  if (format == "console") return make_console_reporter(threshold);
  if (format == "markdown") return make_markdown_reporter(threshold);
  if (format == "json") return std::make_unique<JsonReporter>();
  throw InputError("unknown report format '" + format + "' (console, markdown, json)");
}

void write_report_files(const ResultsDoc& doc, const std::filesystem::path& run_dir, double threshold) {
  std::ofstream md(run_dir / "report.md");
  make_reporter("markdown", threshold)->write(doc, md);
  if (!md) throw std::runtime_error((run_dir / "report.md").string() + ": write failed");
}

std::string progress_line(const Measurement& m) {
  if (m.status != "ok") return m.status + ": " + m.reason;
  auto row = summarize_row(m);
  return row.ops + " ops/s, " + row.mb_s + " MB/s, CV " + row.cv;
}

}  // namespace xlb
