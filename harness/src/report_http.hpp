#pragma once
// The HTTP section of the console and Markdown reports (server workloads):
// start-up (cold start, idle RSS), then per endpoint the maximum req/s of each
// server with its interval, Rust/Go ratios, and latency percentiles, achieved
// rate, errors, RSS and CPU per request at the open-loop loads.
#include <ostream>
#include <string>

#include "results.hpp"

namespace xlb {

void write_http_console(const ResultsDoc& doc, const std::string& workload, double threshold, std::ostream& out);
void write_http_markdown(const ResultsDoc& doc, const std::string& workload, double threshold, std::ostream& out);

// "85.0 us", "1.20 ms", "2.50 s" for a latency in nanoseconds.
std::string latency_text(double ns);

}  // namespace xlb
