#include "plan.hpp"

#include "process.hpp"

namespace xlb {

Plan quick_plan() {
  Plan p;
  p.name = "quick";
  p.warmup_ms = 100;
  p.samples_per_run = 10;
  p.min_sample_ms = 10;
  p.rounds = 1;
  p.spawn_runs = 3;
  p.timeout_s = 60;
  return p;
}

Plan full_plan() { return Plan{}; }

void assign_cpus(Plan& plan) {
  auto cpus = current_affinity();
  if (cpus.size() < 2) return;  // one CPU: nothing to separate; recorded as unpinned
  plan.variant_cpus = {cpus.back()};
  plan.harness_cpus.assign(cpus.begin(), cpus.end() - 1);
}

nlohmann::json plan_json(const Plan& p) {
  return {{"name", p.name},
          {"warmup_ms", p.warmup_ms},
          {"samples_per_run", p.samples_per_run},
          {"min_sample_ms", p.min_sample_ms},
          {"rounds", p.rounds},
          {"spawn_runs", p.spawn_runs},
          {"timeout_s", p.timeout_s},
          {"threads", p.threads},
          {"variant_cpus", p.variant_cpus},
          {"harness_cpus", p.harness_cpus},
          {"threshold", p.threshold},
          {"interleaved", true}};
}

}  // namespace xlb
