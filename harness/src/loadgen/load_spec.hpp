#pragma once
// What a load phase is asked to do and what it measured: the load generator's
// vocabulary, shared by its front end, its workers and its callers.
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "loadgen/latency_histogram.hpp"

namespace xlb {

struct HttpRequestSpec {
  std::string method = "GET";
  std::string path = "/";
  std::string content_type;  // sent with a body
  std::string body;
};

// What every response must look like during load (cheap checks on the hot path).
struct ExpectedResponse {
  int status = 200;
  std::optional<std::size_t> body_bytes;  // exact Content-Length when known
};

struct LoadOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  HttpRequestSpec request;
  // Non-empty: sent instead of `request`, each connection cycling through the
  // list from its own starting point (requests that differ, e.g. seeded ids).
  // Every response must still match `expect` (leave body_bytes unset when sizes differ).
  std::vector<HttpRequestSpec> requests;
  ExpectedResponse expect;
  int connections = 16;
  int threads = 1;  // event loops; connections are spread over them
  std::chrono::milliseconds warmup{1000};    // requests sent, not recorded
  std::chrono::milliseconds duration{5000};  // the recorded window
  std::optional<double> rate_per_s;          // set: open loop at this total rate
  std::chrono::milliseconds request_timeout{2000};
  std::vector<int> cpus;  // load-generator threads pinned here (round robin)
  std::chrono::milliseconds interval{250};  // length of one LoadResult::per_interval count
};

struct LoadErrors {
  std::uint64_t connect = 0, read = 0, write = 0, timeout = 0, status = 0, body = 0, parse = 0;
  std::uint64_t total() const { return connect + read + write + timeout + status + body + parse; }
  LoadErrors& operator+=(const LoadErrors& e) {
    connect += e.connect;
    read += e.read;
    write += e.write;
    timeout += e.timeout;
    status += e.status;
    body += e.body;
    parse += e.parse;
    return *this;
  }
};

// {"connect": n, ..., "total": n}, as results.json stores a phase round's errors.
nlohmann::json load_errors_json(const LoadErrors& e);

struct LoadResult {
  bool open_loop = false;
  double target_rate = 0;    // open loop only
  double elapsed_s = 0;      // recorded window actually measured
  std::uint64_t requests = 0;  // completed with the expected response in the window
  double achieved_rate = 0;  // requests / elapsed_s
  LoadErrors errors;             // in the recorded window
  std::uint64_t warmup_requests = 0;  // completed with the expected response during warm-up
  LoadErrors warmup_errors;      // during warm-up (not in `errors`)
  int connections = 0;
  int threads = 0;  // event loops really used (at most one per connection)
  LatencyHistogram latency;  // nanoseconds; open loop: from the intended send time
  // Completed requests per interval of the recorded window (the harness's
  // throughput samples: ops = count, ns = interval); full intervals only.
  std::chrono::milliseconds interval{250};
  std::vector<std::uint64_t> per_interval;
  std::vector<int> cpus_used;
  // A generator's own figures, merged into to_json() (the gRPC one: calls, per-call latency,
  // failed calls by status code); null for the HTTP generator.
  nlohmann::json extra;

  nlohmann::json to_json() const;  // rate, errors, percentiles (p50 p90 p99 p99.9 max), histogram
};

// The outcome of one request on a fresh connection (http_exchange).
struct VerifyResult {
  bool ok = false;
  std::string problem;  // what went wrong, for the report ("connection refused", "no Content-Length")
  int status = 0;
  std::string content_type;
  std::optional<std::size_t> content_length;
  std::string body;
  std::chrono::nanoseconds elapsed{0};
};

}  // namespace xlb
