#pragma once
// Verification of a gRPC server before it is loaded (workloads/grpc/README.md): each method is
// called with known Items and every answer compared (ids, sums, counts, order, text round-trip).
// Each call is on a fresh channel with a deadline; nothing here throws for server misbehaviour.
#include <chrono>
#include <string>

#include "loadgen/grpc/grpc_items.hpp"

namespace xlb {

// Empty when `method` answered right; else what differed or failed ("Stream: 4 Items instead of 5").
std::string verify_grpc_method(const std::string& host, int port, GrpcMethod method, const ItemShape& shape,
                               std::chrono::milliseconds timeout);

// One Echo call (the cold-start probe): empty when it ended with status OK.
std::string grpc_echo_once(const std::string& host, int port, std::chrono::milliseconds timeout);

}  // namespace xlb
