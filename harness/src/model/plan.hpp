#pragma once
// How much to measure and where: a quick plan for CI and tests, a full plan for real runs.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/server_plan.hpp"

namespace xlb {

// min(8192, half the machine's RAM): room for a million goroutines, not for a runaway.
int default_memory_limit_mb();

struct Plan {
  std::string name = "full";  // "quick" or "full"
  int warmup_ms = 500;
  int samples_per_run = 10;
  int min_sample_ms = 50;  // long enough for the clock, short enough for 30 samples a variant
  int rounds = 3;  // process runs per variant, interleaved A B A B across variants
  // Build workload: builds per scenario; 0: `rounds`. The quick plan builds once (a clean build takes
  // minutes, and one or two build times per side give compare no verdict either way).
  int build_rounds = 0;
  // Build workload: parallel jobs, on as many CPUs; 0: every CPU given to xlbench (a developer's
  // default: go build and cargo use them all), unpinned.
  int build_jobs = 0;
  int spawn_runs = 4;  // spawn workloads: measured process runs per variant (after one warm-up run)
  int timeout_s = 120;
  int threads = 1;
  std::vector<int> variant_cpus;  // empty: no pinning
  std::vector<int> harness_cpus;
  double threshold = 0.03;  // practical difference before "faster" is printed
  // Resident memory a variant process may reach before its group is killed; 0: no limit.
  int memory_limit_mb = default_memory_limit_mb();
  ServerPlan server = full_server_plan();  // server workloads: load phases and timeouts
  std::vector<int> loadgen_cpus;           // the HTTP load generator's CPUs; empty: the harness's
  std::string rust_malloc = "steady";      // Rust batch variants' allocator state (malloc_policy.hpp)
  // Server workloads on another host (docs/multi-host.md): [user@]host[:port] reached over ssh; empty: here.
  std::string server_host;
  std::string server_bind;  // the address a remote server binds; empty: the host part of server_host
  int server_threads = 0;   // server worker threads (GOMAXPROCS, tokio/actix workers); 0: one per variant CPU
  // The database of server workloads that declare one (sql-api) on another host; empty: here.
  std::string database_host;
  std::string database_bind;  // the address it listens on and is reached at; empty: the host part
  // The load generator of server workloads on another host; empty: here, on loadgen_cpus.
  std::string client_host;
  int client_threads = 0;  // its threads there; 0: one per logical CPU of that host
};

int build_rounds(const Plan& plan);
Plan quick_plan();
Plan full_plan();
// Picks CPUs on this machine: the variant on the last CPU (the last server_threads
// CPUs when that is set and leaves the harness one), the harness on the others.
// With a remote server, nothing of the variant runs here: the harness keeps every CPU.
void assign_cpus(Plan& plan);
nlohmann::json plan_json(const Plan& plan);
// Where the load generator runs: loadgen_cpus, else the harness's CPUs (never the server's).
std::vector<int> effective_loadgen_cpus(const Plan& plan);

}  // namespace xlb
