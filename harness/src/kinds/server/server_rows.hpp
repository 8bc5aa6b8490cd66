#pragma once
// The server kind's typed rows and their JSON (Measurement::load in
// results.json, docs/results-schema.md): a load phase of one endpoint (closed
// loop at N connections, or open loop at P% of the server's maximum) with one
// record per round, and the server's lifecycle row (cold start, idle RSS).
// The runner writes them, analysis and reports read them; nothing else parses
// the load block. Unknown fields of a round (per-interval counts, CPU sets,
// the exit) are kept as they were, so a document re-saves unchanged.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "loadgen/latency_histogram.hpp"
#include "loadgen/load_spec.hpp"
#include "model/measurement.hpp"

namespace xlb {

// The lifecycle row of each server variant: mode "server", input "lifecycle";
// one sample per round: ops = 1, ns = spawn -> first successful response.
inline constexpr const char* kLifecycleMode = "server";
inline constexpr const char* kLifecycleInput = "lifecycle";

struct ServerWindowFigures {
  long rss_peak_kb = 0;      // highest VmRSS sampled in the window
  double rss_mean_kb = 0;
  int rss_samples = 0;
  double cpu_utilization = 0;  // server CPU seconds per second of window
  std::optional<double> cpu_s_per_1k_requests;
};

struct DatabaseWindowFigures {
  bool measured = false;  // false: the database's CPU could not be read for this window
  double cpu_utilization = 0;
  std::optional<double> cpu_s_per_1k_requests;
};

struct PhaseRound {
  int round = 0;
  std::string load_error;  // non-empty: the load generator failed; the round measured nothing
  std::uint64_t requests = 0;
  double elapsed_s = 0;
  LoadErrors errors;
  LatencyHistogram latency;
  ServerWindowFigures server;
  std::optional<DatabaseWindowFigures> database;  // workloads with a database only
  nlohmann::json record = nlohmann::json::object();  // the whole record as stored (fields above included)
};

struct PhaseRow {
  std::string phase;  // "c64", "open90"
  bool open_loop = false;
  int connections = 0;
  int percent_of_max = 0;  // open loop
  double target_rate = 0;  // open loop
  nlohmann::json endpoint = nlohmann::json::object();
  std::vector<PhaseRound> rounds;
};

struct LifecycleRound {
  int round = 0;
  std::optional<double> cold_start_ms, ready_ms, idle_rss_kb;  // unset: the server never answered
  std::optional<int> threads_reported;
  nlohmann::json record = nlohmann::json::object();
};

struct LifecycleRow {
  std::vector<LifecycleRound> rounds;
};

// The row's load phase; nullopt for a row that is not one. Throws InputError naming the field
// when the load block is malformed.
std::optional<PhaseRow> read_phase_row(const Measurement& m);
// The row's lifecycle rounds; nullopt for a row that is not a lifecycle row.
std::optional<LifecycleRow> read_lifecycle_row(const Measurement& m);
bool is_lifecycle_row(const Measurement& m);

// Serialised form (Measurement::load). A round's `record` is written with the typed fields over it.
nlohmann::json to_json(const PhaseRow& row);
nlohmann::json to_json(const PhaseRound& round);
nlohmann::json to_json(const LifecycleRow& row);
nlohmann::json to_json(const LifecycleRound& round);

// A round from the load generator's result and the server's side of the window.
PhaseRound phase_round(int round, const LoadResult& result, const ServerWindowFigures& server);

}  // namespace xlb
