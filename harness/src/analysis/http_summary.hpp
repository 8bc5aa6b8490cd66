#pragma once
// Figures of server-workload rows (Measurement::load), folded over rounds, for
// the reports: what a load phase achieved and cost the server, and what a
// server's start-up looked like. Pure functions of a results document.
#include <optional>
#include <string>
#include <vector>

#include "kinds/server/server_rows.hpp"
#include "loadgen/http_load.hpp"
#include "loadgen/latency_histogram.hpp"
#include "model/results.hpp"
#include "stats/stats.hpp"

namespace xlb {

struct PhaseFigures {
  std::string phase;  // "c64", "open90"
  bool open_loop = false;
  int connections = 0;
  int percent = 0;         // open loop: percent of the maximum
  double target_rate = 0;  // open loop
  int rounds = 0;
  std::uint64_t requests = 0;
  double elapsed_s = 0;
  double achieved_rate = 0;  // all requests / all windows
  LoadErrors errors;
  LatencyHistogram latency;  // merged over rounds: percentiles of every request, not averages of percentiles
  long rss_peak_kb = 0;      // highest VmRSS sampled in any window
  double rss_mean_kb = 0;    // mean of the windows' means
  std::optional<double> cpu_s_per_1k;  // server CPU seconds per 1,000 requests over all windows
  double cpu_utilization = 0;          // server CPU seconds per second of window
  // The workload's database (sql-api), on the same basis; unset without one.
  std::optional<double> db_cpu_s_per_1k;
  double db_cpu_utilization = 0;
};

// nullopt for rows that are not a load phase (lifecycle, verify, other kinds).
// Throws InputError when the recorded load block is malformed.
std::optional<PhaseFigures> phase_figures(const Measurement& m);

struct LifecycleFigures {
  std::vector<double> cold_start_ms, ready_ms, idle_rss_kb;
  std::optional<int> threads_reported;
};
LifecycleFigures lifecycle_figures(const Measurement& m);


// The closed-loop phase row of (workload, variant, mode) with the highest median
// req/s; nullptr when none has samples and status ok.
const Measurement* best_closed_row(const ResultsDoc& doc, const std::string& workload, const std::string& language,
                                   const std::string& variant, const std::string& mode);

// The lifecycle rows of a workload's servers, in the order they were written.
std::vector<const Measurement*> server_lifecycle_rows(const ResultsDoc& doc, const std::string& workload);
// The modes of a server workload's load rows, in document order.
std::vector<std::string> server_row_modes(const ResultsDoc& doc, const std::string& workload);

// Every row of one workload, variant and mode, in document order.
std::vector<const Measurement*> rows_of(const ResultsDoc& doc, const std::string& workload,
                                        const std::string& language, const std::string& variant,
                                        const std::string& mode);

// Rust/Go on maximum throughput: each server's best closed-loop phase, for the
// manifest's baseline pair and the fastest of each language (ratio = Rust / Go).
struct MaxComparison {
  std::string basis;  // "baseline" or "fastest"
  const Measurement* rust = nullptr;
  const Measurement* go = nullptr;
  stats::Comparison cmp;
  std::string verdict;
};
std::vector<MaxComparison> max_comparisons(const ResultsDoc& doc, const std::string& workload, const std::string& mode,
                                           double threshold);

}  // namespace xlb
