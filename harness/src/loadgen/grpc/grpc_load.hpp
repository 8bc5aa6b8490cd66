#pragma once
// The built-in gRPC load generator (docs/load-generator.md): C calls or streams ("lanes") over K
// channels (HTTP/2 connections) to one server, on gRPC C++'s synchronous API, one thread per
// lane with its own counters and histograms, merged after join.
//   closed loop: each lane sends its next message when the previous answer arrived;
//   open loop:   a fixed total message rate, each lane on its own schedule; latency counted
//                from each message's intended send time (wrk2), so a stalled server shows.
// A message is the unit of msgs/s: an Echo call, a Stream Item received, a Collect Item sent
// (counted when the call's answer confirms it) or a Chat reply. Every answer is checked
// (grpc_items.hpp); a wrong one counts as a `body` error. Calls that end with a non-OK status
// count by gRPC status code (LoadResult::extra "grpc_status") and as connect (UNAVAILABLE),
// timeout (DEADLINE_EXCEEDED), read (CANCELLED, ABORTED: a reset stream), parse (INTERNAL,
// UNIMPLEMENTED, DATA_LOSS, UNKNOWN: malformed frames) or status (any other code).
#include <chrono>
#include <string>

#include "loadgen/grpc/grpc_items.hpp"
#include "loadgen/load_spec.hpp"

namespace xlb {

struct GrpcLoadOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  GrpcMethod method = GrpcMethod::kEcho;
  ItemShape shape;
  int messages_per_call = 100;  // Stream, Collect, Chat: Items per call before it is closed
  int lanes = 16;               // concurrent calls or streams
  int channels = 4;             // HTTP/2 connections; lanes are spread over them
  std::chrono::milliseconds warmup{1000};
  std::chrono::milliseconds duration{5000};
  std::optional<double> rate_per_s;  // set: open loop at this many messages per second in total
  std::chrono::milliseconds request_timeout{2000};  // per message; a call's deadline adds one per message
  std::vector<int> cpus;  // the generator's threads (gRPC's own included) run here
  std::chrono::milliseconds interval{250};
};

// Runs one load phase. LoadResult: `requests` counts messages, `latency` is per message; `extra`
// holds "method", "calls", "messages_per_call", "call_latency" (per call: Echo and Collect are
// the ones where a call is a unit a client waits for) and "grpc_status" (failed calls by code).
// Never throws for server misbehaviour; throws InputError for options that cannot work.
LoadResult run_grpc_load(const GrpcLoadOptions& options);

}  // namespace xlb
