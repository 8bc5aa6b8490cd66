#pragma once
// The hidden `xlbench loadgen` subcommand: one run of the built-in load
// generator against host:port, printing the LoadResult as JSON. It exists so
// scripts/wrk-crosscheck.sh can compare the generator with wrk by hand, and
// with --job FILE (kinds/server/load_job.hpp) it is the load generator a run
// with --client-host starts on that host: the result on one line.
#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace xlb {

struct LoadgenCommand {
  CLI::App* app = nullptr;
  std::string host = "127.0.0.1", path = "/", method = "GET", body_file, content_type, cpus, job_file;
  int port = 0, connections = 16, threads = 1, expect_status = 200;
  long long expect_body_bytes = -1;  // -1: any size
  double duration_s = 5, warmup_s = 1, rate = 0, timeout_s = 2;

  // Exit status 0 (server errors are counted in the JSON); throws InputError for bad options.
  int run(std::ostream& out) const;
};

std::unique_ptr<LoadgenCommand> add_loadgen_command(CLI::App& app);

// Shared with `grpc-loadgen`. Seconds in 0..86400 as milliseconds; throws InputError naming `flag`.
std::chrono::milliseconds seconds_option(double s, const char* flag);
// "0,2-3" -> {0, 2, 3}; throws InputError naming --cpus.
std::vector<int> parse_cpus(const std::string& text);

}  // namespace xlb
