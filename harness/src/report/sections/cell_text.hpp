#pragma once
// The formatted figures of one measurement and the comparisons of one cell,
// shared by the section builders.
#include <string>
#include <utility>
#include <vector>

#include "analysis/analysis.hpp"
#include "model/results.hpp"

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

// "a, b, c"; beyond `most` items: "a, b and 3 more".
std::string list_text(const std::vector<std::string>& items, size_t most = static_cast<size_t>(-1));

// "ok", or "invalid: reason".
std::string status_text(const Measurement& m);

}  // namespace xlb
