// xlbench_with_postgres: runs one command next to a throwaway PostgreSQL
// cluster (the one the sql-api workload uses) with DATABASE_URL set, then
// stops the cluster and removes it. For the database tests of the Go and Rust
// services, and for trying a service by hand:
//
//   build/tests/xlbench_with_postgres -- go test ./internal/sqlapi/
//   build/tests/xlbench_with_postgres --users 100000 -- go run ./cmd/...   (the sql-api table, loaded)
//
// The command is run directly (argv, no shell); its exit status is returned.
// Exit 77 when PostgreSQL is not available here (the reason is printed).
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <boost/process.hpp>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "fixtures/postgres/postgres_cluster.hpp"
#include "os/process.hpp"
#include "fixtures/postgres/users_table.hpp"

namespace {

void on_signal(int) { xlb::request_interrupt(); }

int usage() {
  std::cerr << "usage: xlbench_with_postgres [--users N] [--seed S] -- COMMAND [ARGS...]\n"
               "  starts a throwaway PostgreSQL cluster, optionally loads N generated users,\n"
               "  runs COMMAND with DATABASE_URL set, then stops and removes the cluster\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  namespace bp = boost::process;
  long long users = 0;
  unsigned long long seed = 42;
  int i = 1;
  try {
    for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
      const std::string flag = argv[i];
      if (i + 1 >= argc) return usage();
      if (flag == "--users") {
        users = std::stoll(argv[++i]);
      } else if (flag == "--seed") {
        seed = std::stoull(argv[++i]);
      } else {
        return usage();
      }
    }
  } catch (const std::exception&) {
    return usage();
  }
  if (i + 1 >= argc || users < 0) return usage();
  std::vector<std::string> command(argv + i + 1, argv + argc);

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  spdlog::set_default_logger(spdlog::stderr_color_mt("with_postgres"));
  try {
    xlb::PostgresCluster cluster{xlb::PostgresOptions{}};
    if (users > 0) xlb::load_users(cluster, users, seed);
    std::cerr << "DATABASE_URL=" << cluster.url() << "\n";
    ::setenv("DATABASE_URL", cluster.url().c_str(), 1);  // inherited by the command
    const auto exe = command[0].find('/') == std::string::npos ? bp::search_path(command[0]) : boost::filesystem::path(command[0]);
    if (exe.empty()) {
      std::cerr << "xlbench_with_postgres: '" << command[0] << "' not found on PATH\n";
      return 127;
    }
    bp::child child(exe, bp::args(std::vector<std::string>(command.begin() + 1, command.end())));
    child.wait();
    return child.exit_code();  // the cluster's destructor stops and removes it
  } catch (const xlb::PostgresUnavailable& e) {
    std::cerr << "xlbench_with_postgres: PostgreSQL is not available: " << e.what() << "\n";
    return 77;
  } catch (const std::exception& e) {
    std::cerr << "xlbench_with_postgres: " << e.what() << "\n";
    return 1;
  }
}
