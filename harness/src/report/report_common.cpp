#include "report/report_common.hpp"

#include <fstream>

#include "core/errors.hpp"
#include "core/format.hpp"
#include "model/metrics.hpp"

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
    if (m.status != "ok") rows.emplace_back(m.cell() + " " + m.variant_id(), m.status + ": " + m.reason);
  return rows;
}

std::vector<std::string> report_formats() { return {"console", "markdown", "json", "html", "gbench", "benchstat"}; }

std::unique_ptr<Reporter> make_reporter(const std::string& format, double threshold, ClaimsRef claims) {
  if (format == "console") return make_console_reporter(threshold);
  if (format == "markdown") return make_markdown_reporter(threshold, std::move(claims));
  if (format == "json") return std::make_unique<JsonReporter>();
  if (format == "html") return make_html_reporter(threshold, default_chart_js_path(), std::move(claims));
  if (format == "gbench") return make_gbench_reporter();
  if (format == "benchstat") return make_benchstat_reporter();
  std::string known;
  for (const auto& f : report_formats()) known += (known.empty() ? "" : ", ") + f;
  throw InputError("unknown report format '" + format + "' (" + known + ")");
}

ClaimsOutcome claims_or_default(const ClaimsRef& claims, const ResultsDoc& doc) {
  return claims ? *claims : evaluate_claims_file(default_claims_path(), doc);
}

void write_report_files(const ResultsDoc& doc, const std::filesystem::path& run_dir, double threshold,
                        ClaimsRef claims) {
  if (!claims) claims = std::make_shared<const ClaimsOutcome>(claims_or_default(claims, doc));
  for (const auto& [file, format] : {std::pair{"report.md", "markdown"}, std::pair{"report.html", "html"}}) {
    std::ofstream out(run_dir / file);
    make_reporter(format, threshold, claims)->write(doc, out);
    if (!out) throw std::runtime_error((run_dir / file).string() + ": write failed");
  }
}

std::string progress_line(const Measurement& m) {
  if (m.status != "ok") return m.status + ": " + m.reason;
  if (m.samples.empty()) return "warm-up run ok";
  auto row = summarize_row(m);
  if (m.kind == "spawn") return row.ops + ", peak RSS " + row.rss_mb + " MB";
  return row.ops + " ops/s, " + row.mb_s + " MB/s, CV " + row.cv;
}

}  // namespace xlb
