#include "report/report_common.hpp"

#include <fstream>

#include "core/errors.hpp"
#include "core/format.hpp"
#include "report/sections/cell_text.hpp"

namespace xlb {
namespace {

class JsonReporter : public Reporter {
 public:
  void write(const ResultsDoc& doc, std::ostream& out) const override { out << to_json(doc).dump(1) << "\n"; }
};

}  // namespace

std::vector<std::string> report_formats() { return {"console", "markdown", "json", "html", "model", "gbench", "benchstat"}; }

std::unique_ptr<Reporter> make_reporter(const std::string& format, double threshold, ClaimsRef claims) {
  if (format == "console") return make_console_reporter(threshold, std::move(claims));
  if (format == "markdown") return make_markdown_reporter(threshold, std::move(claims));
  if (format == "json") return std::make_unique<JsonReporter>();
  if (format == "html") return make_html_reporter(threshold, default_chart_js_path(), std::move(claims));
  if (format == "model") return make_model_reporter(threshold, std::move(claims));
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
