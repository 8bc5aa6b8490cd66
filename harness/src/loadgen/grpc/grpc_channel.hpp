#pragma once
// Channels to a gRPC server under test: plaintext HTTP/2, each its own TCP connection (gRPC
// would otherwise share one connection between channels with equal arguments), no retries
// (a failure must show as a failure) and gRPC's own status names for the reports.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

namespace xlb {

// `index` makes the channel distinct from the other channels of the same load phase.
std::shared_ptr<grpc::Channel> grpc_channel(const std::string& host, int port, int index);

// "UNAVAILABLE" for grpc::StatusCode::UNAVAILABLE; "CODE_<n>" for a code outside 0..16.
std::string grpc_status_name(int code);

}  // namespace xlb
