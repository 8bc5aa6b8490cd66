#pragma once
// Measures server variants (docs/protocol.md, server protocol): per variant and
// round, one server process: cold start and idle RSS, verification of every
// endpoint, then per endpoint a closed-loop sweep over connection counts and
// open-loop phases at fractions of the maximum found. One Measurement per
// (variant, endpoint, phase) plus one per variant for its lifecycle.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kinds/server/http_endpoints.hpp"
#include "inputs/inputs.hpp"
#include "model/manifest.hpp"
#include "model/plan.hpp"
#include "model/results.hpp"
#include "kinds/server/server_driver.hpp"
#include "kinds/server/server_rows.hpp"
#include "toolchain/toolchain.hpp"

namespace xlb {

class WorkloadDatabase;
class RemoteSite;
class RemoteLoadClient;

struct ServerWorkloadJob {
  const WorkloadSpec* workload = nullptr;
  const ResolvedInput* input = nullptr;
  std::vector<EndpointSpec> endpoints;  // in manifest order; the first one probes for the cold start
  std::vector<const VariantSpec*> variants;
  std::vector<std::vector<std::string>> commands;  // per variant: binary (+ fixed args)
  std::map<std::string, std::string> build_failed;  // variant id -> reason
  // The workload's database (sql-api), or null: reset before each server
  // starts, its CPU recorded over every load window.
  WorkloadDatabase* database = nullptr;
  // The protocol's probe, verification and load (null: HTTP, from `endpoints`); not owned.
  ServerDriver* driver = nullptr;
  std::string rate_unit = "req/s";  // in progress lines
  // The request file's "endpoints" (empty: the endpoints' modes); gRPC rows are method-input.
  std::vector<std::string> served_modes;
  // Multi-host (--server-host): where the servers run, or null for this machine.
  RemoteSite* site = nullptr;
  std::string bind_host = "127.0.0.1";     // the request's host: what the server binds
  std::string connect_host = "127.0.0.1";  // what the load generator and the probes connect to
  // Multi-host (--client-host): where the load generator runs, or null for this process.
  RemoteLoadClient* client = nullptr;
  int client_threads = 0;  // its threads there
};

// The job for the selected endpoints (modes) of one workload and input.
// Throws InputError when a mode's endpoint rule is malformed.
ServerWorkloadJob server_job(const WorkloadSpec& workload, const ResolvedInput& input,
                             const std::vector<std::string>& modes, const std::vector<const VariantSpec*>& variants,
                             const ProjectPaths& paths, const std::map<std::string, std::string>& build_failed);

struct ServerRunHooks {
  std::filesystem::path requests_dir;               // request files land here
  std::function<void()> save;                       // after every phase: results.json
  std::function<void(const std::string&)> log;      // progress lines
};

// Worker threads a server gets: plan.server_threads when set, else one per CPU
// of its set (plan.threads when unpinned or remote).
int server_threads(const Plan& plan);

// Threads of the load generator: one per CPU it is given.
int loadgen_threads(const Plan& plan);

// The other hosts a job's roles run on; the caller keeps them while the job runs.
struct RemoteRoles {
  std::unique_ptr<RemoteSite> server;          // --server-host: the servers start there
  std::unique_ptr<RemoteLoadClient> client;    // --client-host: the load generator runs there
  RemoteRoles();
  RemoteRoles(RemoteRoles&&) noexcept;
  ~RemoteRoles();
};

// Sets the job's site, client and bind and connect addresses from the plan (--server-host,
// --server-bind, --client-host, --client-threads); `work_dir` keeps this side's copies. Nothing
// changes without those options. Throws InputError for a malformed host, runtime_error naming
// the option when a host cannot be used.
RemoteRoles attach_remote_hosts(ServerWorkloadJob& job, const Plan& plan, const std::filesystem::path& work_dir);

// Appends the rows to doc.measurements as it goes. Returns false when the user
// interrupted (the running server is stopped first). Never throws for server
// misbehaviour: a server that fails costs its own rows.
bool run_server_workload(const ServerWorkloadJob& job, const Plan& plan, ResultsDoc& doc, const ServerRunHooks& hooks);

// Per-interval completion counts as samples (ops = count, ns = interval);
// intervals with no completion cannot be a rate sample and are counted instead.
std::vector<Sample> interval_samples(const std::vector<std::uint64_t>& per_interval, std::chrono::nanoseconds interval,
                                     int& empty_intervals);

}  // namespace xlb
