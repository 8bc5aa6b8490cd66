#pragma once
// `xlbench history show`: the series with their change points, as Markdown (one table row
// per series, for a CI job summary) or a self-contained HTML page (a trend chart per series
// drawn by the report's embedded Chart.js, change points marked, and a table).
#include <filesystem>
#include <ostream>

#include "history/check.hpp"

namespace xlb {

void write_history_markdown(const CheckResult& r, std::ostream& out);
// chart_js: Chart.js's chart.umd.js, embedded inline; a missing file gives tables only, with a note.
void write_history_html(const CheckResult& r, const std::filesystem::path& chart_js, std::ostream& out);

}  // namespace xlb
