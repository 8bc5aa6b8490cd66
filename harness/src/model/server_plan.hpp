#pragma once
// How a server workload is loaded: the closed-loop sweep that finds each
// server's maximum throughput and the open-loop phases at fractions of it.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace xlb {

struct ServerPlan {
  std::vector<int> connections{16, 64, 256};  // closed-loop sweep
  std::vector<int> open_percents{50, 90};     // open-loop rates, percent of the sweep's maximum
  int warmup_ms = 300;                        // per phase: requests sent, not recorded
  int window_ms = 800;                        // per phase: the recorded window
  int interval_ms = 100;                      // one throughput sample per interval of the window
  int rounds = 2;                             // server restarts per variant, interleaved A B .. B A
  int ready_timeout_ms = 10000;               // spawn -> first successful response
  int term_grace_ms = 3000;                   // SIGTERM -> SIGKILL of the group
  int request_timeout_ms = 2000;              // a response slower than this counts as a timeout error
};

ServerPlan quick_server_plan();
ServerPlan full_server_plan();
nlohmann::json server_plan_json(const ServerPlan& plan);

// One load phase of one endpoint.
struct LoadPhase {
  std::string name;  // "c64" (closed, 64 connections) or "open90" (open loop at 90% of the maximum)
  bool open_loop = false;
  int connections = 0;
  int percent = 0;   // open loop: percent of the maximum
  double rate = 0;   // open loop: requests per second
};

std::vector<LoadPhase> closed_phases(const ServerPlan& plan);
// Open-loop phases at the plan's percentages of `max_rate`, on the connection count that reached it.
std::vector<LoadPhase> open_phases(const ServerPlan& plan, double max_rate, int connections);

// The closed phase with the highest achieved rate (requests/s); nullopt when none completed a request.
struct ClosedOutcome {
  LoadPhase phase;
  double rate = 0;
};
std::optional<ClosedOutcome> best_closed(const std::vector<ClosedOutcome>& outcomes);

// Seconds of load per plan for `servers` x `endpoints` (warm-ups and windows;
// server start and stop come on top).
double load_seconds(const ServerPlan& plan, int servers, int endpoints);

}  // namespace xlb
