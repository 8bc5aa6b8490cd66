#pragma once
// What a server protocol adds to the shared server runner (server_runner.hpp): the cold-start
// probe, the verification of an endpoint and one load phase. The runner owns everything else
// (process, pinning, rounds, sweep, rows, where the load runs); HTTP is http_server_driver.hpp,
// gRPC kinds/grpc.
#include <chrono>
#include <cstddef>
#include <string>

#include "kinds/server/load_job.hpp"
#include "loadgen/load_spec.hpp"

namespace xlb {

class ServerDriver {
 public:
  virtual ~ServerDriver() = default;
  // What the cold-start probe sends, for messages: "GET /plaintext", "Echo".
  virtual std::string probe_name() const = 0;
  // Empty when the probe was answered right; else why not ("status 404", "connection refused").
  // `host` is the address the harness reaches the server at (127.0.0.1, or --server-host's).
  virtual std::string probe(const std::string& host, int port, std::chrono::milliseconds timeout) = 0;
  // Empty when endpoint e (the job's e-th) answers right; else what differed.
  virtual std::string verify(std::size_t e, const std::string& host, int port, std::chrono::milliseconds timeout) = 0;
  // One phase against endpoint e as data, run here or on the client host: `phase` has the host,
  // port, connections, threads, rate, timing and CPUs filled in.
  virtual LoadJob load_job(std::size_t e, const LoadOptions& phase) = 0;
  // The wrong answers among a phase's errors ("3 with a wrong body size"); empty when none.
  virtual std::string wrong_answers(const LoadErrors& errors) const = 0;
};

}  // namespace xlb
