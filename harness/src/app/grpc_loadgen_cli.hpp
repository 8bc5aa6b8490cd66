#pragma once
// The hidden `xlbench grpc-loadgen` subcommand: one run of the built-in gRPC load generator
// against host:port, printing the LoadResult as JSON (scripts/grpc-crosscheck.sh compares it
// with ghz).
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <string>

namespace xlb {

struct GrpcLoadgenCommand {
  CLI::App* app = nullptr;
  std::string host = "127.0.0.1", method = "chat", cpus;
  int port = 0, lanes = 16, channels = 1, messages_per_call = 100;
  long long text_bytes = 0;
  double duration_s = 5, warmup_s = 1, rate = 0, timeout_s = 2;

  // Exit status 0 (server errors are counted in the JSON); throws InputError for bad options.
  int run(std::ostream& out) const;
};

std::unique_ptr<GrpcLoadgenCommand> add_grpc_loadgen_command(CLI::App& app);

}  // namespace xlb
