#include "model/malloc_policy.hpp"

#include "core/errors.hpp"

namespace xlb {

bool is_malloc_policy(const std::string& policy) { return policy == kMallocSteady || policy == kMallocDefault; }

void check_malloc_policy(const std::string& policy) {
  if (!is_malloc_policy(policy))
    throw InputError("--rust-malloc: unknown value '" + policy + "' (steady, default)");
}

std::map<std::string, std::string> malloc_env(const std::string& policy, const std::string& language,
                                              const std::string& workload_kind) {
  if (policy != kMallocSteady || language != "rust" || workload_kind != "batch") return {};
  return {{"GLIBC_TUNABLES", kSteadyMallocTunables}};
}

std::string recorded_rust_malloc(const nlohmann::json& plan) {
  if (!plan.is_object() || !plan.contains("rust_malloc")) return kMallocDefault;
  const auto& recorded = plan["rust_malloc"];
  return recorded.is_string() ? recorded.get<std::string>() : recorded.dump();
}

std::string rust_malloc_text(const nlohmann::json& plan) {
  if (recorded_rust_malloc(plan) == kMallocSteady)
    return std::string("glibc malloc in steady state: GLIBC_TUNABLES=") + kSteadyMallocTunables + " (`--rust-malloc`)";
  return "glibc malloc defaults (memory returned to the kernel after large operations)";
}

}  // namespace xlb
