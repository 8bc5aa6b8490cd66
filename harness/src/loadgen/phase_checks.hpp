#pragma once
// The checks every load generator makes of a phase's timing, rate and CPUs before it starts.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace xlb {

struct PhaseTiming {
  std::chrono::milliseconds warmup, duration, request_timeout, interval;
  std::optional<double> rate_per_s;
  const std::vector<int>& cpus;
};

// Throws InputError "<who>: <what>" for the first check that fails; `unit` names the rate's
// unit ("requests/s").
void check_phase_timing(const std::string& who, const PhaseTiming& t, const std::string& unit);

}  // namespace xlb
