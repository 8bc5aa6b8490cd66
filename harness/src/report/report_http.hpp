#pragma once
// The HTTP section of the console and Markdown reports (server workloads):
// start-up (cold start, idle RSS), then per endpoint the maximum req/s of each
// server with its interval, Rust/Go ratios, and latency percentiles, achieved
// rate, errors, RSS and CPU per request at the open-loop loads.
#include <ostream>
#include <string>

#include "model/results.hpp"

namespace xlb {

void write_http_console(const ResultsDoc& doc, const std::string& workload, double threshold, std::ostream& out);
void write_http_markdown(const ResultsDoc& doc, const std::string& workload, double threshold, std::ostream& out);

}  // namespace xlb
