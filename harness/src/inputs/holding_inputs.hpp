#pragma once
// Deterministic Kubernetes-like resource documents for the holding workload
// (workloads/holding/README.md): one JSON object per line.
#include <cstdint>
#include <string>

namespace xlb {

// `resources` Deployment/StatefulSet/ReplicaSet-like objects of a few KB each,
// one per '\n'-terminated line; 0 gives an empty file. Document i depends only
// on the seed and on i, so a smaller count is a prefix of a larger one.
std::string generate_k8s_resources(std::uint64_t seed, std::int64_t resources);

}  // namespace xlb
