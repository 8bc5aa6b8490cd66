#pragma once
// One load-generator thread: an epoll loop over its share of the connections.
// Everything it writes is its own (WorkerResult); run_load merges after join.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loadgen/load_spec.hpp"
#include "loadgen/http_socket.hpp"
#include "loadgen/latency_histogram.hpp"

namespace xlb {

// Read-only inputs shared by all threads of one load phase. Times are
// nanoseconds on the steady clock, counted from `start`.
struct LoadPlan {
  SocketAddress address;
  std::string request_bytes;  // rendered once, written as is
  std::vector<std::string> rotation;  // non-empty: rendered LoadOptions::requests, cycled per connection
  bool head_request = false;  // responses carry no body
  ExpectedResponse expect;
  std::chrono::steady_clock::time_point start;
  std::int64_t window_start_ns = 0;  // end of warm-up
  std::int64_t window_end_ns = 0;
  std::int64_t request_timeout_ns = 0;
  std::int64_t interval_ns = 0;
  std::size_t intervals = 0;     // full intervals in the window
  int total_connections = 0;
  std::optional<double> rate_per_s;  // open loop
};

struct alignas(64) WorkerResult {  // aligned: threads never share a cache line
  LatencyHistogram latency;
  std::uint64_t requests = 0, warmup_requests = 0;
  LoadErrors errors, warmup_errors;
  std::vector<std::uint64_t> per_interval;
  std::int64_t stopped_ns = 0;  // when the loop ended (window end, or earlier on interrupt)
  std::vector<int> cpus;        // affinity of the thread after pinning
};

// Drives the connections with global ids `connection_ids` until the window
// ends or an interrupt is requested; pins the calling thread to `cpu` if given.
void run_load_worker(const LoadPlan& plan, const std::vector<int>& connection_ids, std::optional<int> cpu,
                     WorkerResult& result);

}  // namespace xlb
