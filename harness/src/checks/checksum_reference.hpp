#pragma once
// The answer every batch and spawn variant must reproduce. A workload's manifest names a rule per
// mode ("checksum": {"<mode>": {"rule": ...}}); the rules form a table (checksum_reference.cpp);
// server workloads' endpoint rules are kinds/server/http_endpoints.hpp's.
//   json_stats, json_paths, jsonl_paths, csv_aggregate, fanout_sum: computed by the harness;
//   expected:          read from a file of expected answers next to the manifest;
//   reference_variant: whatever the named variant answers; every other variant must agree.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "inputs/inputs.hpp"
#include "model/manifest.hpp"

namespace xlb {

// The expected checksum, or null when the rule is reference_variant (the reference variant's
// first answer decides; see reference_variant_of). Throws InputError naming the manifest or
// answer file and the field for an unknown rule, a missing answer or an input that cannot be parsed.
nlohmann::json reference_checksum(const WorkloadSpec& spec, const std::string& mode, const ResolvedInput& input);

// "go/builtin_map" when the mode's rule is reference_variant, else empty.
std::string reference_variant_of(const WorkloadSpec& spec, const std::string& mode);

// The rule names, for error messages and docs.
std::vector<std::string> checksum_rule_names();

}  // namespace xlb
