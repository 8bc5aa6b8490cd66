#pragma once
// The methods of a grpc workload, read from the manifest's per-mode rules
// (workloads/grpc/workload.json "checksum"): {"rule": "grpc", "method": "Stream",
// "messages_per_call": 100}; the input's params give the Items' text size ("text_bytes").
#include <nlohmann/json.hpp>
#include <string>

#include "kinds/server/endpoint_types.hpp"
#include "loadgen/grpc/grpc_items.hpp"
#include "model/manifest.hpp"

namespace xlb {

struct GrpcEndpoint {
  GrpcMethod method = GrpcMethod::kEcho;
  int messages_per_call = 1;  // Items per call under load (Echo: 1)
  ItemShape shape;

  nlohmann::json to_json() const;
};

// Throws InputError naming the manifest file and field (or the input's param).
GrpcEndpoint grpc_endpoint(const WorkloadSpec& workload, const std::string& mode, const nlohmann::json& params);

// The runner's view of the method: mode, rule "grpc" and the method's facts as details.
EndpointSpec grpc_endpoint_spec(const std::string& mode, const GrpcEndpoint& endpoint);

}  // namespace xlb
