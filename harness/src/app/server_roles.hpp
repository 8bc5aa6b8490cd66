#pragma once
// --server-host, --server-bind, --server-threads, --database-host, --database-bind, --client-host
// and --client-threads, shared by `run` and `ab`.
#include <CLI/CLI.hpp>
#include <string>

#include "model/plan.hpp"

namespace xlb {

struct ServerRoleOptions {
  std::string host, bind;
  int threads = 0;
  std::string database_host, database_bind;
  std::string client_host;
  int client_threads = 0;
};

void add_server_role_options(CLI::App* command, ServerRoleOptions& options);

// Checks the values (InputError naming the option and value, exit 2) and sets them in the plan;
// call before assign_cpus, which reads them.
void apply_server_roles(const ServerRoleOptions& options, Plan& plan);

}  // namespace xlb
