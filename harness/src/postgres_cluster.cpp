#include "postgres_cluster.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include "process.hpp"
#include "proc_stat.hpp"

namespace xlb {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kDirPrefix = "xlbench-pg-";
constexpr const char* kOwnerFile = "owner.pid";  // pid of the harness that made the directory

bool has_server_binaries(const fs::path& dir) {
  std::error_code ec;
  for (const char* exe : {"initdb", "postgres", "psql"})
    if (::access((dir / exe).c_str(), X_OK) != 0) return false;
  return fs::is_directory(dir, ec);
}

// The numerically newest /usr/lib/postgresql/<major>/bin with the server binaries.
std::optional<fs::path> newest_debian_bindir() {
  std::error_code ec;
  std::optional<fs::path> best;
  long best_major = -1;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    char* end = nullptr;
    long major = std::strtol(name.c_str(), &end, 10);
    if (end == name.c_str() || major <= best_major || !has_server_binaries(entry.path() / "bin")) continue;
    best_major = major;
    best = entry.path() / "bin";
  }
  return best;
}

std::optional<fs::path> bindir_from_path() {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::string list = path;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(':', start);
    if (end == std::string::npos) end = list.size();
    fs::path candidate = fs::path(list.substr(start, end - start)) / "initdb";
    std::error_code ec;
    if (::access(candidate.c_str(), X_OK) == 0) {
      // /usr/local/bin/initdb may be a symlink into the real bindir, next to postgres and psql.
      fs::path real = fs::canonical(candidate, ec);
      if (!ec && has_server_binaries(real.parent_path())) return real.parent_path();
    }
    start = end + 1;
  }
  return std::nullopt;
}

int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket: cannot pick a port for PostgreSQL");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  if (port == 0) throw std::runtime_error("bind: cannot pick a port for PostgreSQL");
  return port;
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool process_alive(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

void chown_tree(const fs::path& dir, const RunAsUser& user) {
  if (::chown(dir.c_str(), user.uid, user.gid) != 0)
    throw std::runtime_error("chown " + dir.string() + " to " + user.name + ": " + std::strerror(errno));
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (::lchown(entry.path().c_str(), user.uid, user.gid) != 0)
      throw std::runtime_error("chown " + entry.path().string() + ": " + std::strerror(errno));
}

std::vector<int> affinity_of(pid_t pid) {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (::sched_getaffinity(pid, sizeof set, &set) != 0) return cpus;
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &set)) cpus.push_back(c);
  return cpus;
}

// A server we did not start (a stale one): signal and poll, it cannot be reaped here.
void stop_foreign_server(pid_t pid) {
  ::kill(pid, SIGQUIT);
  for (int i = 0; i < 200 && process_alive(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  if (process_alive(pid)) ::kill(pid, SIGKILL);
}

}  // namespace

std::optional<PostgresInstall> find_postgres(std::string& why_not) {
  std::vector<fs::path> candidates;
  std::string tried;
  if (const char* env = std::getenv("XLBENCH_PG_BINDIR"); env && *env) {
    candidates.emplace_back(env);  // an explicit choice: nothing else is tried
  } else {
    if (auto dir = capture_output({"pg_config", "--bindir"}); !dir.empty()) candidates.emplace_back(dir);
    if (auto dir = newest_debian_bindir()) candidates.push_back(*dir);
    if (auto dir = bindir_from_path()) candidates.push_back(*dir);
  }
  for (const auto& dir : candidates) {
    tried += (tried.empty() ? "" : ", ") + dir.string();
    if (!has_server_binaries(dir)) continue;
    PostgresInstall install{dir, capture_output({(dir / "postgres").string(), "--version"})};
    if (!install.version.empty()) return install;
  }
  why_not = "PostgreSQL's server binaries (initdb, postgres, psql) were not found (looked in $XLBENCH_PG_BINDIR when set, "
            "else pg_config --bindir, /usr/lib/postgresql/<version>/bin and PATH" +
            (tried.empty() ? std::string() : ": " + tried) +
            "); install Debian's postgresql package (scripts/setup.sh does)";
  return std::nullopt;
}

const std::vector<PostgresCluster::Setting>& PostgresCluster::settings() {
  static const std::vector<Setting> list = {
      {"listen_addresses", "127.0.0.1", "loopback only; the port is picked free per run"},
      {"fsync", "off", "throwaway data: measure the services and the SQL engine, not the shared disk"},
      {"synchronous_commit", "off", "an INSERT's commit does not wait for a WAL flush (same reason)"},
      {"full_page_writes", "off", "no crash recovery is needed for a cluster removed after the run"},
      {"autovacuum", "off", "no background vacuum lands in one variant's window; the harness vacuums between runs"},
      {"jit", "off", "no query is compiled at an unpredictable moment"},
      {"shared_buffers", "128MB", "the whole users table and its indexes stay in memory"},
      {"max_connections", "100", "room for the largest pool of one server plus psql"},
  };
  return list;
}

PostgresCluster::PostgresCluster(const PostgresOptions& options) : database_(options.database) {
  std::string why_not;
  auto install = find_postgres(why_not);
  if (!install) throw PostgresUnavailable(why_not);
  install_ = *install;
  if (::geteuid() == 0) {
    // initdb and postgres refuse to run as root.
    user_ = lookup_user(options.os_user);
    if (!user_)
      throw PostgresUnavailable("the harness runs as root, and PostgreSQL must run as an unprivileged user, but there "
                                "is no '" + options.os_user + "' account (Debian's postgresql package creates it)");
  }
  const fs::path parent = options.parent_dir.empty() ? fs::temp_directory_path() : options.parent_dir;
  remove_stale_clusters(parent);
  std::string pattern = (parent / (std::string(kDirPrefix) + "XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
  dir_ = pattern;
  try {
    std::ofstream(dir_ / kOwnerFile) << ::getpid() << "\n";
    if (user_) chown_tree(dir_, *user_);
    UserProcessOptions initdb;
    initdb.argv = {(install_.bindir / "initdb").string(), "-D", (dir_ / "data").string(), "-U", "postgres",
                   "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"};
    initdb.user = user_;
    initdb.cpus = options.cpus;
    initdb.log = dir_ / "initdb.log";
    initdb.env = {{"PATH", install_.bindir.string() + ":/usr/bin:/bin"}, {"LC_ALL", "C"}, {"TZ", "UTC"},
                  {"HOME", user_ ? user_->home : dir_.string()}};
    initdb.parent_death_signal = SIGKILL;
    spdlog::info("postgres: initdb {} ({})", (dir_ / "data").string(), install_.version);
    run_user_process_to_end(initdb, options.start_timeout);
    start_server(options);
    // database_ is a fixed identifier from the harness, not user text.
    psql_in("postgres", {"CREATE DATABASE " + database_}, std::chrono::minutes(1));
  } catch (...) {
    stop();
    throw;
  }
}

void PostgresCluster::start_server(const PostgresOptions& options) {
  const auto deadline = Clock::now() + options.start_timeout;
  for (int attempt = 1;; ++attempt) {
    port_ = free_loopback_port();
    UserProcessOptions server;
    server.argv = {(install_.bindir / "postgres").string(), "-D", (dir_ / "data").string(),
                   "-c", "port=" + std::to_string(port_), "-c", "unix_socket_directories=" + dir_.string()};
    for (const auto& s : settings()) {
      server.argv.push_back("-c");
      server.argv.push_back(s.name + "=" + (s.name == "max_connections" ? std::to_string(options.max_connections)
                                                                         : s.value));
    }
    server.user = user_;
    server.cpus = options.cpus;
    server.log = dir_ / "postgres.log";
    server.cwd = dir_;
    server.env = {{"PATH", install_.bindir.string() + ":/usr/bin:/bin"}, {"LC_ALL", "C"}, {"TZ", "UTC"},
                  {"HOME", user_ ? user_->home : dir_.string()}};
    // A harness killed outright (SIGKILL) takes the server down too: immediate shutdown.
    server.parent_death_signal = SIGQUIT;
    pid_ = spawn_user_process(server);
    if (wait_until_ready(deadline)) break;
    const std::string log = file_tail(server.log);
    pid_ = -1;
    const bool port_taken = log.find("could not bind") != std::string::npos ||
                            log.find("already in use") != std::string::npos;
    if (!port_taken || attempt == 3 || Clock::now() >= deadline)
      throw std::runtime_error("postgres did not start; its log ends with:\n" + log);
    spdlog::warn("postgres: port {} was taken, trying another", port_);
  }
  cpus_granted_ = affinity_of(pid_);
  url_ = "postgres://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database_ + "?sslmode=disable";
  spdlog::info("postgres: pid {} ready on 127.0.0.1:{}", pid_, port_);
}

// True once postmaster.pid says "ready"; false if the server exited first.
// Throws on the deadline or an interrupt (the destructor then cleans up).
bool PostgresCluster::wait_until_ready(Clock::time_point deadline) {
  const fs::path pid_file = dir_ / "data" / "postmaster.pid";
  for (;;) {
    if (auto status = wait_for_exit(pid_, std::chrono::milliseconds(0))) return false;
    auto lines = read_lines(pid_file);
    // Line 1: the postmaster's pid; line 8: its status ("ready", "starting", "stopping").
    if (lines.size() >= 8 && std::atoi(lines[0].c_str()) == pid_ && lines[7].rfind("ready", 0) == 0) return true;
    if (interrupt_requested()) throw std::runtime_error("interrupted by the user while PostgreSQL started");
    if (Clock::now() >= deadline)
      throw std::runtime_error("postgres was not ready in time; its log ends with:\n" +
                               file_tail(dir_ / "postgres.log"));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

PostgresCluster::~PostgresCluster() { stop(); }

void PostgresCluster::stop() noexcept {
  if (pid_ > 0) {
    // Fast shutdown (SIGINT) ends the backends and exits; immediate (SIGQUIT) if it
    // dawdles; SIGKILL last, then any backend it left is killed by pid (backends
    // lead their own process groups, so the server's group does not reach them).
    std::vector<pid_t> backends = child_pids(pid_);
    ::kill(pid_, SIGINT);
    auto status = wait_for_exit(pid_, std::chrono::seconds(15));
    if (!status) {
      spdlog::warn("postgres: fast shutdown took too long, sending SIGQUIT");
      ::kill(pid_, SIGQUIT);
      status = wait_for_exit(pid_, std::chrono::seconds(5));
    }
    if (!status) {
      backends = child_pids(pid_);
      ::kill(pid_, SIGKILL);
      wait_for_exit(pid_, std::chrono::seconds(5));
    }
    for (pid_t b : backends)
      if (process_alive(b)) ::kill(b, SIGKILL);
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    if (ec) spdlog::warn("postgres: could not remove {}: {}", dir_.string(), ec.message());
    dir_.clear();
  }
}

std::string PostgresCluster::psql(const std::vector<std::string>& commands, std::chrono::milliseconds timeout) const {
  return psql_in(database_, commands, timeout);
}

std::string PostgresCluster::psql_in(const std::string& database, const std::vector<std::string>& commands,
                                     std::chrono::milliseconds timeout) const {
  std::vector<std::string> argv = {(install_.bindir / "psql").string(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                   "-d", "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=" +
                                             database + " sslmode=disable connect_timeout=10"};
  for (const auto& c : commands) {
    argv.push_back("-c");
    argv.push_back(c);
  }
  ChildLimits limits;
  limits.timeout = timeout;
  limits.env = {{"LC_ALL", "C"}, {"PGOPTIONS", ""}};
  limits.stderr_tail_bytes = 8192;
  std::string out;
  auto r = run_child(argv, limits, [&](const std::string& line) -> std::optional<std::string> {
    out += line + "\n";
    return std::nullopt;
  });
  if (!r.ok()) throw std::runtime_error("psql: " + r.describe() + ": " + r.stderr_tail);
  return out;
}

double PostgresCluster::cpu_seconds() const { return pid_ > 0 ? tree_cpu_seconds(pid_) : 0.0; }

nlohmann::json PostgresCluster::describe() const {
  nlohmann::json s = nlohmann::json::object();
  for (const auto& setting : settings()) s[setting.name] = setting.value;
  return {{"version", install_.version},
          {"bindir", install_.bindir.string()},
          {"host", "127.0.0.1"},
          {"port", port_},
          {"pid", pid_},
          {"os_user", user_ ? user_->name : "(the harness's own user)"},
          {"cpus", cpus_granted_},
          {"settings", s}};
}

int remove_stale_clusters(const fs::path& parent_dir) {
  const fs::path parent = parent_dir.empty() ? fs::temp_directory_path() : parent_dir;
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kDirPrefix, 0) != 0 || !entry.is_directory(ec)) continue;
    auto owner = read_lines(entry.path() / kOwnerFile);
    const pid_t owner_pid = owner.empty() ? 0 : static_cast<pid_t>(std::atoi(owner[0].c_str()));
    if (owner_pid <= 0 || process_alive(owner_pid)) continue;  // in use, or not ours to judge
    auto pid_lines = read_lines(entry.path() / "data" / "postmaster.pid");
    if (!pid_lines.empty()) {
      const pid_t server = static_cast<pid_t>(std::atoi(pid_lines[0].c_str()));
      // Only a process whose working directory is that data directory is its server.
      fs::path cwd = fs::read_symlink("/proc/" + std::to_string(server) + "/cwd", ec);
      if (!ec && cwd == entry.path() / "data") stop_foreign_server(server);
    }
    fs::remove_all(entry.path(), ec);
    if (!ec) {
      spdlog::info("postgres: removed {} left by an earlier run", entry.path().string());
      ++removed;
    }
  }
  return removed;
}

}  // namespace xlb
