#pragma once
// What the batch and spawn runners share: the request file, the child's
// limits, a checksum diff and the record of one process run.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/plan.hpp"
#include "os/process.hpp"
#include "model/results.hpp"
#include "kinds/batch/batch_job.hpp"

namespace xlb {

// Writes the request file and returns the variant's argv (command + --request <file>).
std::vector<std::string> write_request(const BatchJob& job, const Plan& plan,
                                       const std::filesystem::path& request_path);

// Time limit, CPU pinning and GOMAXPROCS for a variant process.
ChildLimits variant_limits(const Plan& plan);

// "sum 3 != 4; unexpected foo" for a readable "invalid" reason.
std::string checksum_diff(const nlohmann::json& got, const nlohmann::json& want);

// The record of one process run. `facts` may carry the variant's own VmHWM
// (peak_rss_self_kb), used when wait4's figure is polluted by the fork.
ProcessRun process_run_of(const std::vector<std::string>& argv, const ChildResult& result,
                          const nlohmann::json& facts);

}  // namespace xlb
