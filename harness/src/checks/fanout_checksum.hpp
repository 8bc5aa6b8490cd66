#pragma once
// The answer of the fanout workload (workloads/fanout/README.md), from its parameters.
#include <nlohmann/json.hpp>
#include <string>

namespace xlb {

// {"tasks": N, "sum": S}; throws InputError on a missing or negative parameter or an unknown mode.
nlohmann::json fanout_checksum(const std::string& mode, const nlohmann::json& params);

}  // namespace xlb
