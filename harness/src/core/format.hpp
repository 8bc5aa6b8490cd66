#pragma once
// Number formatting shared by the text reporters.
#include <string>

#include "stats/stats.hpp"

namespace xlb {

// 3 significant digits with k/M/G suffixes: 1234567 -> "1.23M".
std::string human(double value);
// "1.23M [1.20M, 1.25M]"
std::string with_interval(double value, const stats::Interval& ci);
// "2.31x [2.20, 2.40]"
std::string ratio_text(double ratio, const stats::Interval& ci);
std::string fixed(double value, int decimals);
std::string p_value_text(double p);

// A Markdown table cell: pipes escaped, line breaks as spaces.
std::string markdown_cell(const std::string& s);

// "85.0 us", "1.20 ms", "2.50 s" for a latency in nanoseconds.
std::string latency_text(double ns);

}  // namespace xlb
