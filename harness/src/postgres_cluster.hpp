#pragma once
// A throwaway PostgreSQL cluster for one run: initdb into a fresh temporary
// directory, a postgres server on 127.0.0.1 and a free port, and stop + remove
// everything when the object goes away (also on an exception or Ctrl-C, which
// unwinds the run). Server settings favour a repeatable, disk-free measurement
// over durability; they are listed in settings() and recorded in the results.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "user_process.hpp"

namespace xlb {

// PostgreSQL cannot run on this machine (not installed, no unprivileged user
// to run it as): the workload is skipped with this message, the run goes on.
class PostgresUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PostgresInstall {
  std::filesystem::path bindir;  // holds initdb, postgres and psql
  std::string version;           // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
};

// Looks in $XLBENCH_PG_BINDIR alone when it is set; else `pg_config --bindir`,
// the newest /usr/lib/postgresql/<version>/bin (Debian), then PATH. nullopt with the places
// tried in `why_not` when none has initdb, postgres and psql.
std::optional<PostgresInstall> find_postgres(std::string& why_not);

struct PostgresOptions {
  std::vector<int> cpus;             // the server and its backends run here (empty: not pinned)
  std::string os_user = "postgres";  // account used when the harness runs as root
  std::filesystem::path parent_dir;  // the cluster's directory goes here (empty: system temp dir)
  std::string database = "xlbench";
  std::chrono::seconds start_timeout{120};  // initdb + start; a busy 2-core machine is slow
  int max_connections = 100;
};

class PostgresCluster {
 public:
  // initdb, start, wait until ready, create the database. Throws
  // PostgresUnavailable when PostgreSQL cannot run here, std::runtime_error
  // when it fails to start (with the server log's tail); cleans up either way.
  explicit PostgresCluster(const PostgresOptions& options);
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // Fast shutdown, escalating to immediate and SIGKILL; then the directory is
  // removed. Idempotent; never throws.
  void stop() noexcept;

  // libpq/pgx/tokio-postgres URL: postgres://postgres@127.0.0.1:<port>/<db>?sslmode=disable
  const std::string& url() const { return url_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::filesystem::path& dir() const { return dir_; }
  const PostgresInstall& install() const { return install_; }

  // Runs each command with `psql -c` (argv, no shell; one transaction per
  // command) against the database; returns stdout (unaligned, tuples only).
  // Throws std::runtime_error with psql's error output.
  std::string psql(const std::vector<std::string>& commands,
                   std::chrono::milliseconds timeout = std::chrono::minutes(5)) const;

  // User + system CPU seconds used so far by the server and all its backends.
  double cpu_seconds() const;

  // What a results file records: version, bindir, port, pid, CPUs granted, OS user, settings.
  nlohmann::json describe() const;

  // The server settings passed as `-c name=value`, each with the reason.
  struct Setting {
    std::string name, value, why;
  };
  static const std::vector<Setting>& settings();

 private:
  void start_server(const PostgresOptions& options);
  bool wait_until_ready(std::chrono::steady_clock::time_point deadline);
  std::string psql_in(const std::string& database, const std::vector<std::string>& commands,
                      std::chrono::milliseconds timeout) const;

  PostgresInstall install_;
  std::optional<RunAsUser> user_;
  std::filesystem::path dir_;
  std::string database_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::vector<int> cpus_granted_;
  std::string url_;
};

// Removes cluster directories (under parent_dir, or the system temp dir) left
// by a harness that was killed before it could clean up: those whose owner
// process is gone. A server still running there is stopped first. Returns how many.
int remove_stale_clusters(const std::filesystem::path& parent_dir = {});

}  // namespace xlb
