#pragma once
// Reporters turn a results document into bytes on an injected stream; one
// small file each, one row in make_reporter.
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "model/results.hpp"

namespace xlb {

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void write(const ResultsDoc& doc, std::ostream& out) const = 0;
};

// "console", "markdown", "json", "html", "gbench", "benchstat". Throws InputError for an unknown format.
std::unique_ptr<Reporter> make_reporter(const std::string& format, double threshold);
std::vector<std::string> report_formats();

// report.md and report.html next to results.json.
void write_report_files(const ResultsDoc& doc, const std::filesystem::path& run_dir, double threshold);

// One progress line for a measurement: "12.3k ops/s [12.1k, 12.4k]" or its failure.
std::string progress_line(const Measurement& m);

}  // namespace xlb
