#pragma once
// The server runner's gRPC side (kinds/server/server_driver.hpp): the Echo probe, the
// verification of each method and the gRPC load generator.
#include <memory>
#include <vector>

#include "kinds/grpc/grpc_endpoints.hpp"
#include "kinds/server/server_driver.hpp"

namespace xlb {

// Channels per load phase: a lane count is spread over this many HTTP/2 connections
// (at most one per lane), as a client service would hold a few connections and many streams.
constexpr int kGrpcLanesPerChannel = 16;

std::unique_ptr<ServerDriver> make_grpc_server_driver(std::vector<GrpcEndpoint> endpoints);

}  // namespace xlb
