#pragma once
// Runs the build steps once per run, logs them, and records their cost.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "toolchain/toolchain.hpp"

namespace xlb {

struct BuildOutcome {
  nlohmann::json records = nlohmann::json::array();  // one per step, for results.json
  std::map<std::string, std::string> failed;         // variant id -> reason
};

BuildOutcome build_variants(const std::vector<BuildStep>& steps, const std::filesystem::path& log_dir,
                            const std::function<void(const std::string&)>& progress);

}  // namespace xlb
