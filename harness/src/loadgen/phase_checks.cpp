#include "loadgen/phase_checks.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "os/process.hpp"

namespace xlb {

void check_phase_timing(const std::string& who, const PhaseTiming& t, const std::string& unit) {
  auto need = [&](bool ok, const std::string& what) {
    if (!ok) throw InputError(who + ": " + what);
  };
  need(t.duration.count() > 0, "duration must be positive, got " + std::to_string(t.duration.count()) + " ms");
  need(t.warmup.count() >= 0, "warm-up must not be negative, got " + std::to_string(t.warmup.count()) + " ms");
  need(t.request_timeout.count() > 0,
       "request timeout must be positive, got " + std::to_string(t.request_timeout.count()) + " ms");
  need(t.interval.count() > 0, "interval must be positive, got " + std::to_string(t.interval.count()) + " ms");
  if (t.rate_per_s)
    need(std::isfinite(*t.rate_per_s) && *t.rate_per_s > 0 && *t.rate_per_s <= 1e8,
         "rate must be in (0, 1e8] " + unit + ", got " + std::to_string(*t.rate_per_s));
  const auto allowed = current_affinity();
  for (int cpu : t.cpus)
    need(std::find(allowed.begin(), allowed.end(), cpu) != allowed.end(),
         "CPU " + std::to_string(cpu) + " is not available to this process");
}

}  // namespace xlb
