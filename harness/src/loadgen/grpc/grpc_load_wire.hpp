#pragma once
// The gRPC generator's options as JSON, for a load generator on another host (loadgen/load_wire.hpp
// has the HTTP generator's and the result's).
#include <nlohmann/json.hpp>

#include "loadgen/grpc/grpc_load.hpp"

namespace xlb {

nlohmann::json grpc_load_options_json(const GrpcLoadOptions& options);
// Throws InputError naming the field that is missing or of the wrong type, or an unknown method.
GrpcLoadOptions grpc_load_options_from_json(const nlohmann::json& j);

}  // namespace xlb
