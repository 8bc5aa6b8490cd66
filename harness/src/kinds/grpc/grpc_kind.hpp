#pragma once
// Kind "grpc": gRPC servers of workloads/grpc/bench.proto under the built-in gRPC load generator.
// The server side (process, pinning, rounds, sweep, rows) is the server kind's runner; this kind
// adds the methods and the gRPC driver (grpc_server_driver.hpp). One unit per workload and input.
#include <memory>
#include <string>

#include "kinds/kind.hpp"
#include "model/server_plan.hpp"

namespace xlb {

std::unique_ptr<WorkloadKind> make_grpc_kind();

// The server plan a grpc workload runs with: the run's, with a closed-loop sweep that fits the
// suite's time budget (four methods where HTTP endpoints have one request each).
ServerPlan grpc_server_plan(const ServerPlan& run_plan, bool quick);

// The rows' mode: method and input ("stream-1k"); a row's input is its load phase ("c64"), as
// for every server workload, and one server serves both inputs.
std::string grpc_row_mode(const std::string& mode, const std::string& input);

}  // namespace xlb
