#include "model/topology.hpp"

#include "core/errors.hpp"

namespace xlb {

std::string topology_kind(const nlohmann::json& environment) {
  if (!environment.is_object() || !environment.contains("topology")) return kSingleHost;
  const auto& t = environment["topology"];
  if (!t.is_object() || !t.contains("kind") || !t["kind"].is_string()) return kSingleHost;
  return t["kind"].get<std::string>();
}

void check_same_topology(const nlohmann::json& base_environment, const std::string& base_source,
                         const nlohmann::json& current_environment, const std::string& current_source,
                         const std::string& override_flag) {
  const auto base = topology_kind(base_environment), current = topology_kind(current_environment);
  if (base == current) return;
  throw InputError(base_source + " is a " + base + " run and " + current_source + " a " + current +
                   " run: their figures are not comparable (" + override_flag + " compares them anyway)");
}

}  // namespace xlb
