#include "model/measurement.hpp"

#include <algorithm>

namespace xlb {

std::vector<std::size_t> sample_groups(const Measurement& m) {
  const std::size_t n = m.samples.size();
  if (n == 0) return {};
  const auto& runs = m.runs;
  const bool all_recorded = !runs.empty() && std::all_of(runs.begin(), runs.end(), [](const ProcessRun& r) {
    return r.sample_count.has_value();
  });
  if (all_recorded) {
    std::vector<std::size_t> groups;
    std::size_t total = 0;
    for (const auto& r : runs) {
      const auto count = static_cast<std::size_t>(*r.sample_count);
      total += count;
      if (count > 0) groups.push_back(count);
    }
    if (total == n) return groups;
  }
  // Older documents: every run of an ok batch measurement took the same number of samples.
  if (!runs.empty() && n % runs.size() == 0) return std::vector<std::size_t>(runs.size(), n / runs.size());
  return {n};
}

}  // namespace xlb
