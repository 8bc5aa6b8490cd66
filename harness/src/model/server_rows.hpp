#pragma once
// How server workloads name their rows, for the runner that writes them and the reports that read them.

namespace xlb {

// The lifecycle row of each server variant: mode "server", input "lifecycle";
// one sample per round: ops = 1, ns = spawn -> first successful response.
inline constexpr const char* kLifecycleMode = "server";
inline constexpr const char* kLifecycleInput = "lifecycle";

}  // namespace xlb
