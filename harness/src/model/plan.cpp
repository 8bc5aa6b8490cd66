#include "model/plan.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

#include "os/process.hpp"

namespace xlb {

int default_memory_limit_mb() {
  static const int limit = [] {
    std::ifstream meminfo("/proc/meminfo");
    std::string line;
    while (std::getline(meminfo, line))
      if (line.starts_with("MemTotal:"))
        return static_cast<int>(std::min<long>(8192, std::strtol(line.c_str() + 9, nullptr, 10) / 1024 / 2));
    return 8192;
  }();
  return limit;
}

Plan quick_plan() {
  Plan p;
  p.name = "quick";
  p.warmup_ms = 100;
  // Two process runs of 5 samples, not one of 10: compare needs at least two runs per side to see
  // run-to-run noise (memory layout, CPU frequency), and the total sample count stays the same.
  p.samples_per_run = 5;
  p.min_sample_ms = 10;
  p.rounds = 2;
  p.build_rounds = 1;
  p.spawn_runs = 3;
  p.timeout_s = 60;
  p.server = quick_server_plan();
  return p;
}

Plan full_plan() { return Plan{}; }

int build_rounds(const Plan& plan) { return plan.build_rounds > 0 ? plan.build_rounds : plan.rounds; }

void assign_cpus(Plan& plan) {
  auto cpus = current_affinity();
  if (cpus.size() < 2) return;  // one CPU: nothing to separate; recorded as unpinned
  if (!plan.server_host.empty()) {
    plan.harness_cpus = cpus;
    return;
  }
  const std::size_t wanted = plan.server_threads > 0 ? static_cast<std::size_t>(plan.server_threads) : 1;
  const std::size_t n = std::min(wanted, cpus.size() - 1);
  plan.variant_cpus.assign(cpus.end() - static_cast<std::ptrdiff_t>(n), cpus.end());
  plan.harness_cpus.assign(cpus.begin(), cpus.end() - static_cast<std::ptrdiff_t>(n));
}

std::vector<int> effective_loadgen_cpus(const Plan& plan) {
  return plan.loadgen_cpus.empty() ? plan.harness_cpus : plan.loadgen_cpus;
}

nlohmann::json plan_json(const Plan& p) {
  return {{"name", p.name},
          {"warmup_ms", p.warmup_ms},
          {"samples_per_run", p.samples_per_run},
          {"min_sample_ms", p.min_sample_ms},
          {"rounds", p.rounds},
          {"build_rounds", build_rounds(p)},
          {"build_jobs", p.build_jobs},
          {"spawn_runs", p.spawn_runs},
          {"timeout_s", p.timeout_s},
          {"threads", p.threads},
          {"variant_cpus", p.variant_cpus},
          {"harness_cpus", p.harness_cpus},
          {"threshold", p.threshold},
          {"memory_limit_mb", p.memory_limit_mb},
          {"server", server_plan_json(p.server)},
          // None of this machine's with the generator on the client host.
          {"loadgen_cpus", p.client_host.empty() ? effective_loadgen_cpus(p) : std::vector<int>{}},
          {"rust_malloc", p.rust_malloc},
          {"server_host", p.server_host},
          {"server_bind", p.server_bind},
          {"server_threads", p.server_threads},
          {"database_host", p.database_host},
          {"database_bind", p.database_bind},
          {"client_host", p.client_host},
          {"client_threads", p.client_threads},
          {"interleaved", true}};
}

}  // namespace xlb
