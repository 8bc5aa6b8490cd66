#include "kinds/build/build_cpus.hpp"

#include <algorithm>
#include <cstddef>

namespace xlb {

BuildCpus build_cpus(const Plan& plan, const std::vector<int>& given) {
  BuildCpus out;
  out.cpus = given;
  if (plan.build_jobs > 0) {
    const auto n = std::min<std::size_t>(static_cast<std::size_t>(plan.build_jobs), out.cpus.size());
    out.cpus.erase(out.cpus.begin(), out.cpus.end() - static_cast<std::ptrdiff_t>(n));
    out.jobs = plan.build_jobs;
    out.pinned = true;
  } else {
    out.jobs = std::max<int>(1, static_cast<int>(out.cpus.size()));
  }
  return out;
}

}  // namespace xlb
