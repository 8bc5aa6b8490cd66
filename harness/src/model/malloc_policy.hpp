#pragma once
// The allocator state Rust batch variants run in. A batch variant repeats one
// operation in an otherwise empty process: glibc malloc then hands the heap
// back to the kernel after every large operation (trim) and faults it in again
// on the next, which a long-running program, a criterion benchmark and Go's
// retained heap do not pay (simd-json on twitter.json: ~370 page faults and
// 2x the time per parse). "steady" fixes malloc's thresholds so the loop
// measures the library, not that churn; "default" leaves glibc untouched.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace xlb {

inline constexpr const char* kMallocSteady = "steady";
inline constexpr const char* kMallocDefault = "default";

// mmap threshold 32 MiB (glibc's maximum), trim threshold 64 MiB.
inline constexpr const char* kSteadyMallocTunables =
    "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864";

bool is_malloc_policy(const std::string& policy);
// Throws InputError naming the value unless it is "steady" or "default".
void check_malloc_policy(const std::string& policy);
// The policy a run's plan records; "default" for runs recorded before the field (they ran
// with glibc's defaults); a value of another type as its JSON text.
std::string recorded_rust_malloc(const nlohmann::json& plan);

// Environment overrides for one variant process under `policy`: GLIBC_TUNABLES
// for Rust variants of batch workloads in steady state, nothing otherwise (Go's
// runtime has its own allocator; spawn and server workloads measure memory as is).
std::map<std::string, std::string> malloc_env(const std::string& policy, const std::string& language,
                                              const std::string& workload_kind);

// For reports: the policy a run's plan records, in words (runs before the field: glibc defaults).
std::string rust_malloc_text(const nlohmann::json& plan);

}  // namespace xlb
