#pragma once
// Pieces the text reporters share: a formatted row per measurement, the
// comparisons of one cell, and the list of invalid/failed measurements.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analysis.hpp"
#include "report.hpp"

namespace xlb {

struct RowText {
  std::string ops = "-", mb_s = "-", ns_p50 = "-", ns_p95 = "-", cv = "-", rss_mb = "-", cpu_s = "-";
};
RowText summarize_row(const Measurement& m);

std::vector<const LanguageComparison*> comparisons_of_cell(const std::vector<LanguageComparison>& all,
                                                           const Measurement& cell_member);
// (workload/mode/input variant, "invalid: reason") for every non-ok measurement.
std::vector<std::pair<std::string, std::string>> problem_rows(const ResultsDoc& doc);

std::unique_ptr<Reporter> make_console_reporter(double threshold);
std::unique_ptr<Reporter> make_markdown_reporter(double threshold);

}  // namespace xlb
