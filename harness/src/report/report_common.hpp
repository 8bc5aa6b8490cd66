#pragma once
// The reporter factory's pieces: one maker per format. Console, Markdown, HTML
// and model render the report model (report/sections -> report/render); json,
// gbench and benchstat export the raw samples for other tools.
#include <filesystem>
#include <memory>

#include "report/render/escape.hpp"
#include "report/report.hpp"

namespace xlb {

std::unique_ptr<Reporter> make_console_reporter(double threshold, ClaimsRef claims = {});
std::unique_ptr<Reporter> make_markdown_reporter(double threshold, ClaimsRef claims);
// report.html; chart_js is Chart.js's chart.umd.js, embedded inline (missing file: tables only, with a note).
std::unique_ptr<Reporter> make_html_reporter(double threshold, const std::filesystem::path& chart_js,
                                             ClaimsRef claims = {});
// The report model itself as JSON: what the three formats above render.
std::unique_ptr<Reporter> make_model_reporter(double threshold, ClaimsRef claims);
// $XLBENCH_CHART_JS, else <$XLBENCH_ROOT or source dir>/node_modules/chart.js/dist/chart.umd.js.
std::filesystem::path default_chart_js_path();
// Google Benchmark JSON (one "iteration" entry per sample) and Go benchmark text for benchstat.
std::unique_ptr<Reporter> make_gbench_reporter();
std::unique_ptr<Reporter> make_benchstat_reporter();

}  // namespace xlb
