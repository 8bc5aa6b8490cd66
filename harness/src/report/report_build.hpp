#pragma once
// The build-cost section of the console and Markdown reports: build times Go
// vs Rust with ratios, binary sizes (as built, stripped, static or not) and
// lines of code per variant. Empty for a run without the build workload.
#include <ostream>
#include <string>
#include <vector>

#include "model/results.hpp"

namespace xlb {

struct TextTable {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string note;  // one paragraph under the table
};

// The tables, in report order; empty when the run has no build measurements and no footprint.
std::vector<TextTable> build_cost_tables(const ResultsDoc& doc);

void write_build_cost_console(const ResultsDoc& doc, std::ostream& out);
void write_build_cost_markdown(const ResultsDoc& doc, std::ostream& out);

}  // namespace xlb
