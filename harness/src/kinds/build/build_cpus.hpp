#pragma once
// Which CPUs the build workload's builds run on and with how many jobs.
#include <vector>

#include "model/plan.hpp"

namespace xlb {

struct BuildCpus {
  std::vector<int> cpus;
  int jobs = 1;
  bool pinned = false;
};

// Every CPU of `given` (the CPUs given to xlbench) with as many jobs: what
// go build and cargo do by default. plan.build_jobs = N: N jobs on the last N
// CPUs (fewer when fewer are given), recorded as pinned.
BuildCpus build_cpus(const Plan& plan, const std::vector<int>& given);

}  // namespace xlb
