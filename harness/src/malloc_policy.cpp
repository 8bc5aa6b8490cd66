#include "malloc_policy.hpp"

#include "errors.hpp"

namespace xlb {

void check_malloc_policy(const std::string& policy) {
  if (policy != kMallocSteady && policy != kMallocDefault)
    throw InputError("--rust-malloc: unknown value '" + policy + "' (steady, default)");
}

std::map<std::string, std::string> malloc_env(const std::string& policy, const std::string& language,
                                              const std::string& workload_kind) {
  if (policy != kMallocSteady || language != "rust" || workload_kind != "batch") return {};
  return {{"GLIBC_TUNABLES", kSteadyMallocTunables}};
}

std::string rust_malloc_text(const nlohmann::json& plan) {
  const bool steady = plan.is_object() && plan.contains("rust_malloc") && plan["rust_malloc"] == kMallocSteady;
  if (steady)
    return std::string("glibc malloc in steady state: GLIBC_TUNABLES=") + kSteadyMallocTunables + " (`--rust-malloc`)";
  return "glibc malloc defaults (memory returned to the kernel after large operations)";
}

}  // namespace xlb
