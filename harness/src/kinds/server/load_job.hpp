#pragma once
// One load phase as data: {"generator": "http" | "grpc", "options": {...}} (loadgen/load_wire.hpp).
// A server driver describes each phase so; it runs in this process (run_load_job) or on the
// client host (remote_load_client.hpp), where `xlbench loadgen --job FILE` reads it.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "loadgen/load_spec.hpp"
#include "loadgen/grpc/grpc_load.hpp"

namespace xlb {

struct LoadJob {
  std::string generator;  // "http" or "grpc"
  nlohmann::json options;

  nlohmann::json to_json() const { return {{"generator", generator}, {"options", options}}; }
  // warmup + recorded window + one request timeout: how long the phase may take once started.
  std::chrono::milliseconds expected_length() const;
};

// The field `xlbench loadgen --job` adds to its result: its own CPU seconds (user + system).
inline constexpr const char* kGeneratorCpuField = "generator_cpu_s";

LoadJob http_load_job(const LoadOptions& options);
LoadJob grpc_load_job(const GrpcLoadOptions& options);

// Throws InputError naming the field, or an unknown generator.
LoadJob load_job_from_json(const nlohmann::json& j);

// Runs the phase here. Throws InputError for options that cannot work.
LoadResult run_load_job(const LoadJob& job);

}  // namespace xlb
