#include "kinds/batch/runner_support.hpp"

#include <algorithm>

#include "core/atomic_file.hpp"

namespace xlb {

using nlohmann::json;

std::vector<std::string> write_request(const BatchJob& job, const Plan& plan,
                                       const std::filesystem::path& request_path) {
  const json request = {
      {"protocol", 1},
      {"workload", job.workload->name},
      {"mode", job.mode},
      {"input",
       {{"name", job.input->name},
        {"path", job.input->path.empty() ? std::string() : std::filesystem::absolute(job.input->path).string()},
        {"schema", job.input->schema},
        {"bytes", job.input->bytes}}},
      {"params", job.params},
      {"warmup_ms", plan.warmup_ms},
      {"samples", plan.samples_per_run},
      {"min_sample_ms", plan.min_sample_ms},
      {"threads", plan.threads}};
  write_file_atomically(request_path, request.dump(2) + "\n");
  std::vector<std::string> argv = job.command;
  argv.push_back("--request");
  argv.push_back(request_path.string());
  return argv;
}

ChildLimits variant_limits(const Plan& plan) {
  ChildLimits limits;
  limits.timeout = std::chrono::seconds(plan.timeout_s);
  limits.cpus = plan.variant_cpus;
  limits.env["GOMAXPROCS"] = std::to_string(plan.threads);
  limits.memory_limit_kb = static_cast<long>(plan.memory_limit_mb) * 1024;
  return limits;
}

std::string checksum_diff(const json& got, const json& want) {
  std::string diff;
  for (const auto& [key, value] : want.items()) {
    if (!got.contains(key)) {
      diff += key + " missing; ";
    } else if (got[key] != value) {
      diff += key + " " + got[key].dump() + " != " + value.dump() + "; ";
    }
  }
  for (const auto& [key, value] : got.items())
    if (!want.contains(key)) diff += "unexpected " + key + "; ";
  if (diff.size() > 2) diff.resize(diff.size() - 2);
  return diff;
}

ProcessRun process_run_of(const std::vector<std::string>& argv, const ChildResult& result, const json& facts) {
  ProcessRun run;
  run.command = argv;
  run.cpus_granted = result.cpus_granted;
  run.wall_s = result.wall_s;
  run.user_s = result.user_s;
  run.sys_s = result.sys_s;
  run.max_rss_kb = result.max_rss_kb;
  run.sampled_peak_rss_kb = result.sampled_peak_rss_kb;
  run.fork_rss_kb = result.fork_rss_kb;
  run.minor_faults = result.minor_faults;
  run.peak_rss_kb = result.peak_rss_kb();
  // The kernel's high-water mark read by the variant just before exit is exact
  // for the exec'd program; prefer it when wait4 only shows the forked image.
  if (result.max_rss_kb <= result.fork_rss_kb && facts.is_object() && facts.contains("peak_rss_self_kb") &&
      facts["peak_rss_self_kb"].is_number_integer())
    run.peak_rss_kb = std::max(run.sampled_peak_rss_kb, facts["peak_rss_self_kb"].get<long>());
  return run;
}

}  // namespace xlb
