#pragma once
// The database a server workload declares (manifest "database"): a throwaway
// PostgreSQL cluster (here, or on --database-host) started before the workload's servers, loaded with the
// users table, reset before each server starts, and its CPU time measured
// over each load window. Stopped and removed with this object (the run's
// normal end, an exception, or Ctrl-C, which unwinds to here).
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "inputs/inputs.hpp"
#include "model/manifest.hpp"
#include "model/plan.hpp"
#include "fixtures/postgres/database_cluster.hpp"
#include "model/results.hpp"
#include "kinds/server/sql_api_endpoints.hpp"

namespace xlb {

// The database's share of one load window.
struct DatabaseWindow {
  double wall_s = 0;
  double cpu_s = 0;  // user + system of the server and all its backends
  // False when the window ended before its start was recorded (a starved harness thread):
  // then there is no figure, rather than a zero.
  bool measured = false;
};

class WorkloadDatabase {
 public:
  using Clock = std::chrono::steady_clock;

  // Throws PostgresUnavailable (the workload is skipped), InputError for a bad
  // manifest, std::runtime_error when the server fails to start or load.
  // `cpus`: where a local cluster runs; with plan.database_host the cluster runs on that host.
  WorkloadDatabase(const WorkloadSpec& workload, const Plan& plan, const std::vector<int>& cpus);
  ~WorkloadDatabase();
  WorkloadDatabase(const WorkloadDatabase&) = delete;
  WorkloadDatabase& operator=(const WorkloadDatabase&) = delete;

  const std::string& url() const { return cluster_->url(); }
  const DatabaseCluster& cluster() const { return *cluster_; }

  // Back to the loaded rows (what POST /users added is deleted), vacuumed.
  void reset();

  // The window starts at `at` (a background thread reads the CPU time then, so
  // a load generator's warm-up is left out) and ends at end_window().
  void begin_window(Clock::time_point at);
  DatabaseWindow end_window();

  // For the results file: the cluster (version, settings, CPUs), the table, the placement.
  nlohmann::json describe() const;

 private:
  SqlDatabaseSpec spec_;
  std::unique_ptr<DatabaseCluster> cluster_;
  std::vector<int> cpus_requested_;
  std::string host_;  // --database-host, or empty

  std::mutex mu_;
  std::condition_variable cancel_;
  bool cancelled_ = false, started_ = false;
  Clock::time_point start_time_;
  double start_cpu_ = 0;
  std::thread starter_;
};

// Starts the database `workload` declares, on the load generator's CPUs (or on --database-host);
// records it in doc.plan["workloads"][name]["database"] and adds
// "database_url" to input.params. When PostgreSQL cannot start here, logs why,
// records it as doc.plan["workloads"][name]["skipped"] and returns null: the
// workload is skipped, the run goes on. A bad manifest throws InputError.
std::unique_ptr<WorkloadDatabase> start_workload_database(const WorkloadSpec& workload, const Plan& plan,
                                                          ResultsDoc& doc, ResolvedInput& input);

}  // namespace xlb
