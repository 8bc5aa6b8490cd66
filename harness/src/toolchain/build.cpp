#include "toolchain/build.hpp"

#include "os/process.hpp"

namespace xlb {

BuildOutcome build_variants(const std::vector<BuildStep>& steps, const std::filesystem::path& log_dir,
                            const std::function<void(const std::string&)>& progress) {
  BuildOutcome outcome;
  std::filesystem::create_directories(log_dir);
  for (const auto& step : steps) {
    progress("building " + step.name);
    std::string file = step.name;
    for (auto& c : file)
      if (c == ':') c = '_';
    ChildLimits limits;
    limits.timeout = std::chrono::minutes(30);  // a cold Rust release build on 2 cores is slow
    limits.cwd = step.cwd;
    limits.stderr_log = log_dir / (file + ".log");
    auto r = run_child(step.argv, limits, [](const std::string&) { return std::nullopt; });
    nlohmann::json rec = {{"step", step.name},        {"command", step.argv},
                          {"ok", r.ok()},             {"wall_s", r.wall_s},
                          {"user_s", r.user_s},       {"sys_s", r.sys_s},
                          {"max_rss_kb", r.max_rss_kb}, {"log", limits.stderr_log->string()},
                          {"variants", step.variant_ids}};
    if (!r.ok()) {
      rec["error"] = r.describe();
      rec["stderr_tail"] = r.stderr_tail;
      for (const auto& id : step.variant_ids)
        outcome.failed[id] = "build failed (" + r.describe() + "): see " + limits.stderr_log->string();
    }
    outcome.records.push_back(rec);
  }
  return outcome;
}

}  // namespace xlb
