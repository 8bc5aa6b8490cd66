#include "app/server_roles.hpp"

#include "core/errors.hpp"
#include "remote/ssh_host.hpp"

namespace xlb {

void add_server_role_options(CLI::App* command, ServerRoleOptions& options) {
  command->add_option("--server-host", options.host,
                      "Server workloads: run the servers on [user@]host[:port] over ssh (key-based; "
                      "docs/multi-host.md)");
  command->add_option("--server-bind", options.bind,
                      "With --server-host: the address the servers bind (default: the host given); with "
                      "--client-host alone: an address of this machine the local servers bind and the client "
                      "host reaches");
  command
      ->add_option("--server-threads", options.threads,
                   "Server workloads: worker threads of each server (GOMAXPROCS, tokio/actix workers); "
                   "pinned to as many CPUs when local")
      ->check(CLI::Range(1, 1024));
  command->add_option("--database-host", options.database_host,
                      "Workloads with a database (sql-api): run PostgreSQL on [user@]host[:port] over ssh "
                      "(key-based; docs/multi-host.md)");
  command->add_option("--database-bind", options.database_bind,
                      "With --database-host: the address PostgreSQL listens on and the servers reach it at "
                      "(default: the host given)");
  command->add_option("--client-host", options.client_host,
                      "Server workloads: run the load generator on [user@]host[:port] over ssh (key-based; the "
                      "harness binary is copied there; docs/multi-host.md)");
  command
      ->add_option("--client-threads", options.client_threads,
                   "With --client-host: the load generator's threads there (default: one per CPU of that host)")
      ->check(CLI::Range(1, 1024));
}

namespace {

// A plain name or address for a bind option: nothing a shell could read, no user, no port.
void check_bind_address(const std::string& option, const std::string& value) {
  if (value.find_first_of("@:") != std::string::npos)
    throw InputError(option + ": '" + value + "' is not an address (no user, no port)");
  parse_ssh_host(option, value);
}

}  // namespace

void apply_server_roles(const ServerRoleOptions& options, Plan& plan) {
  if (!options.host.empty()) {
    parse_ssh_host("--server-host", options.host);  // exit 2 on a malformed value, before anything runs
    plan.server_host = options.host;
  }
  if (!options.bind.empty()) {
    if (options.host.empty() && options.client_host.empty())
      throw InputError("--server-bind: only with --server-host or --client-host (local servers bind 127.0.0.1)");
    check_bind_address("--server-bind", options.bind);
    plan.server_bind = options.bind;
  }
  plan.server_threads = options.threads;
  if (!options.database_host.empty()) {
    parse_ssh_host("--database-host", options.database_host);
    plan.database_host = options.database_host;
  }
  if (!options.database_bind.empty()) {
    if (options.database_host.empty())
      throw InputError("--database-bind: only with --database-host (a local database listens on 127.0.0.1)");
    check_bind_address("--database-bind", options.database_bind);
    plan.database_bind = options.database_bind;
  }
  if (!options.client_host.empty()) {
    parse_ssh_host("--client-host", options.client_host);
    // Local servers bind 127.0.0.1 unless told otherwise: a load generator elsewhere could not reach them.
    if (options.host.empty() && (options.bind.empty() || options.bind == "0.0.0.0"))
      throw InputError("--client-host: the servers here bind 127.0.0.1, which " + options.client_host +
                       " cannot reach: give --server-bind with an address of this machine that host reaches, or "
                       "--server-host");
    plan.client_host = options.client_host;
  }
  if (options.client_threads > 0) {
    if (options.client_host.empty())
      throw InputError("--client-threads: only with --client-host (here the load generator has one thread per CPU "
                       "it is given)");
    plan.client_threads = options.client_threads;
  }
}

}  // namespace xlb
