#pragma once
// Where a run's roles ran (docs/multi-host.md): environment.topology in the
// results. Figures of a server on its own host are not comparable with those
// of a server sharing the load generator's CPUs, so compare and history keep
// the two apart.
#include <nlohmann/json.hpp>
#include <string>

namespace xlb {

inline constexpr const char* kSingleHost = "single-host";
inline constexpr const char* kMultiHost = "multi-host";

// environment.topology.kind; single-host for runs recorded before the field existed.
std::string topology_kind(const nlohmann::json& environment);

// Throws InputError naming both files and the override flag when the kinds differ.
void check_same_topology(const nlohmann::json& base_environment, const std::string& base_source,
                         const nlohmann::json& current_environment, const std::string& current_source,
                         const std::string& override_flag);

}  // namespace xlb
