#pragma once
// The renderers of the report model: each walks sections and blocks and knows
// nothing of workloads. Output goes to an injected stream.
#include <filesystem>
#include <ostream>

#include "report/model/report_model.hpp"

namespace xlb::report {

// The end-of-run summary: plain and warning paragraphs, non-detail tables aligned in columns.
void render_console(const Report& report, std::ostream& out);
// report.md, also fit for a CI job summary: every paragraph and table.
void render_markdown(const Report& report, std::ostream& out);
// report.html: one self-contained page; chart_lib is Chart.js's source (empty: tables only, with a note
// naming chart_js_path).
void render_html(const Report& report, const std::string& chart_lib, const std::filesystem::path& chart_js_path,
                 std::ostream& out);

}  // namespace xlb::report
