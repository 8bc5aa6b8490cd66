#pragma once
// Reporters turn a results document into bytes on an injected stream. The
// text formats render one report model (report/model); make_reporter has one
// row per format.
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/claims.hpp"
#include "model/results.hpp"

namespace xlb {

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void write(const ResultsDoc& doc, std::ostream& out) const = 0;
};

// The claims outcome a report shows (evaluated once per run or report command). Null: the
// reporters evaluate the project's claims file themselves.
using ClaimsRef = std::shared_ptr<const ClaimsOutcome>;

// "console", "markdown", "json", "html", "model", "gbench", "benchstat". Throws InputError for an unknown format.
std::unique_ptr<Reporter> make_reporter(const std::string& format, double threshold, ClaimsRef claims = {});
std::vector<std::string> report_formats();

// report.md and report.html next to results.json.
void write_report_files(const ResultsDoc& doc, const std::filesystem::path& run_dir, double threshold,
                        ClaimsRef claims = {});

// The claims to show for `doc`: `claims` when set, else the project's claims file evaluated now.
ClaimsOutcome claims_or_default(const ClaimsRef& claims, const ResultsDoc& doc);

// One progress line for a measurement: "12.3k ops/s [12.1k, 12.4k]" or its failure.
std::string progress_line(const Measurement& m);

}  // namespace xlb
