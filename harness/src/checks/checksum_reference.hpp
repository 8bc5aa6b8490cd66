#pragma once
// The answer every variant must reproduce, computed by the harness itself.
#include <nlohmann/json.hpp>
#include <string>

#include "inputs/inputs.hpp"
#include "model/manifest.hpp"

namespace xlb {

// Throws InputError for an unknown rule or an input that cannot be parsed.
nlohmann::json reference_checksum(const WorkloadSpec& spec, const std::string& mode, const ResolvedInput& input);

}  // namespace xlb
