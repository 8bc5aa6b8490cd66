#include "kinds/server/sql_api_database.hpp"

#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "fixtures/postgres/postgres_cluster.hpp"
#include "fixtures/postgres/remote_postgres_cluster.hpp"
#include "fixtures/postgres/users_table.hpp"
#include "remote/ssh_command.hpp"

namespace xlb {
namespace {

std::unique_ptr<DatabaseCluster> start_cluster(const Plan& plan, const std::vector<int>& cpus) {
  if (plan.database_host.empty()) {
    PostgresOptions o;
    o.cpus = cpus;
    return std::make_unique<PostgresCluster>(o);
  }
  RemotePostgresOptions o;
  o.host = parse_ssh_host("--database-host", plan.database_host);
  o.tools = ssh_tools_from_env();
  o.bind = plan.database_bind.empty() ? o.host.host : plan.database_bind;
  return std::make_unique<RemotePostgresCluster>(o);
}

}  // namespace

WorkloadDatabase::WorkloadDatabase(const WorkloadSpec& workload, const Plan& plan, const std::vector<int>& cpus)
    : spec_(sql_database_spec(workload)),
      cluster_(start_cluster(plan, cpus)),
      cpus_requested_(plan.database_host.empty() ? cpus : std::vector<int>{}),
      host_(plan.database_host) {
  const auto start = Clock::now();
  load_users(*cluster_, spec_.users, spec_.seed);
  const auto loaded = count_users(*cluster_);
  if (loaded != spec_.users)
    throw std::runtime_error("the users table holds " + std::to_string(loaded) + " rows after loading " +
                             std::to_string(spec_.users));
  spdlog::info("postgres: {} users loaded in {:.1f} s (seed {})", loaded,
               std::chrono::duration<double>(Clock::now() - start).count(), spec_.seed);
}

WorkloadDatabase::~WorkloadDatabase() {
  if (starter_.joinable()) end_window();
}

void WorkloadDatabase::reset() { reset_users(*cluster_, spec_.users); }

void WorkloadDatabase::begin_window(Clock::time_point at) {
  if (starter_.joinable()) end_window();
  {
    std::lock_guard lock(mu_);
    cancelled_ = started_ = false;
  }
  starter_ = std::thread([this, at] {
    std::unique_lock lock(mu_);
    if (cancel_.wait_until(lock, at, [this] { return cancelled_; })) return;
    start_time_ = Clock::now();
    start_cpu_ = cluster_->cpu_seconds();
    started_ = true;
  });
}

DatabaseWindow WorkloadDatabase::end_window() {
  {
    std::lock_guard lock(mu_);
    cancelled_ = true;
  }
  cancel_.notify_all();
  if (starter_.joinable()) starter_.join();
  DatabaseWindow w;
  if (!started_) return w;  // ended before it began (the load failed at once)
  w.measured = true;
  w.cpu_s = cluster_->cpu_seconds() - start_cpu_;
  w.wall_s = std::chrono::duration<double>(Clock::now() - start_time_).count();
  return w;
}

nlohmann::json WorkloadDatabase::describe() const {
  auto j = cluster_->describe();
  j["engine"] = spec_.engine;
  j["table"] = {{"name", "users"}, {"rows", spec_.users}, {"seed", spec_.seed},
                {"indexes", {"users_pkey (id)", "users_email_idx (email)"}}};
  j["cpus_requested"] = cpus_requested_;
  j["placement"] =
      host_.empty()
          ? std::string("PostgreSQL runs on the load generator's CPUs (the server under test keeps its own): on a "
                        "2-core machine the database and the load generator share one core, so req/s is bounded "
                        "by that core as much as by the server")
          : "PostgreSQL runs on the database host " + host_ +
                " (--database-host): the servers under test reach it over the network; it shares that host's "
                "CPUs with nothing of the run unless the servers run there too";
  return j;
}

std::unique_ptr<WorkloadDatabase> start_workload_database(const WorkloadSpec& workload, const Plan& plan,
                                                          ResultsDoc& doc, ResolvedInput& input) {
  auto& record = doc.plan["workloads"][workload.name];
  try {
    auto db = std::make_unique<WorkloadDatabase>(workload, plan, effective_loadgen_cpus(plan));
    input.params["database_url"] = db->url();
    record["database"] = db->describe();
    return db;
  } catch (const InputError&) {
    throw;
  } catch (const PostgresUnavailable& e) {
    spdlog::warn("skipping workload {}: PostgreSQL is not available: {}", workload.name, e.what());
    record["skipped"] = std::string("PostgreSQL is not available: ") + e.what();
  } catch (const std::exception& e) {
    spdlog::warn("skipping workload {}: PostgreSQL did not start: {}", workload.name, e.what());
    record["skipped"] = std::string("PostgreSQL did not start: ") + e.what();
  }
  return nullptr;
}

}  // namespace xlb
