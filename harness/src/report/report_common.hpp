#pragma once
// Pieces the text reporters share: a formatted row per measurement, the
// comparisons of one cell, and the list of invalid/failed measurements.
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "analysis/analysis.hpp"
#include "report/report.hpp"

namespace xlb {

struct RowText {
  std::string ops = "-", mb_s = "-", ns_p50 = "-", ns_p95 = "-", cv = "-", rss_mb = "-", cpu_s = "-",
              faults_per_op = "-";
};
// For spawn measurements `ops` holds the wall time ("12.3 ms [..]") and rss_mb the median peak.
RowText summarize_row(const Measurement& m);
// Spawn workloads: "2.78k B" per task against the tasks = 0 run, or "-".
std::string per_task_text(const ResultsDoc& doc, const Measurement& m);

std::vector<const LanguageComparison*> comparisons_of_cell(const std::vector<LanguageComparison>& all,
                                                           const Measurement& cell_member);
// (workload/mode/input variant, "invalid: reason") for every non-ok measurement.
std::vector<std::pair<std::string, std::string>> problem_rows(const ResultsDoc& doc);

std::unique_ptr<Reporter> make_console_reporter(double threshold);
std::unique_ptr<Reporter> make_markdown_reporter(double threshold, ClaimsRef claims);
// report.html; chart_js is Chart.js's chart.umd.js, embedded inline (missing file: tables only, with a note).
std::unique_ptr<Reporter> make_html_reporter(double threshold, const std::filesystem::path& chart_js,
                                             ClaimsRef claims = {});
// $XLBENCH_CHART_JS, else <$XLBENCH_ROOT or source dir>/node_modules/chart.js/dist/chart.umd.js.
std::filesystem::path default_chart_js_path();
// Google Benchmark JSON (one "iteration" entry per sample) and Go benchmark text for benchstat.
std::unique_ptr<Reporter> make_gbench_reporter();
std::unique_ptr<Reporter> make_benchstat_reporter();

// HTML text/attribute escaping; JSON safe to inline in <script> (no "</", "<!--");
// script source with every "</" written as "<\/".
std::string html_escape(const std::string& s);
std::string script_json(const nlohmann::json& j);
std::string script_safe(const std::string& code);

}  // namespace xlb
