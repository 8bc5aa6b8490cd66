#include "remote/ssh_command.hpp"

#include <cstdlib>
#include <stdexcept>

#include "os/process.hpp"
#include "remote/shell_quote.hpp"

namespace xlb {
namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

std::vector<std::string> common_options(const SshTools& tools, const std::string& program) {
  std::vector<std::string> argv = {program};
  if (!tools.config.empty()) argv.insert(argv.end(), {"-F", tools.config});
  // Never a password prompt; a dead link is noticed within ~15 s even when the
  // server sends nothing.
  argv.insert(argv.end(), {"-o", "BatchMode=yes", "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3"});
  return argv;
}

void run_checked(const std::vector<std::string>& argv, const SshHost& host, const std::string& what,
                 std::chrono::milliseconds timeout, std::string* out, bool cleanup = false) {
  ChildLimits limits;
  limits.timeout = timeout;
  limits.survives_interrupt = cleanup;
  std::string text;
  auto result = run_child(argv, limits, [&](const std::string& line) -> std::optional<std::string> {
    text += line + "\n";
    return std::nullopt;
  });
  if (!result.ok()) {
    std::string err = result.stderr_tail;
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    throw std::runtime_error(host.to_string() + ": " + what + " failed (" +
                             (result.started ? result.describe() : result.spawn_error) + ")" +
                             (err.empty() ? "" : ": " + err));
  }
  if (out) *out = std::move(text);
}

}  // namespace

SshTools ssh_tools_from_env() {
  SshTools tools;
  tools.ssh = env_or("XLBENCH_SSH", tools.ssh);
  tools.scp = env_or("XLBENCH_SCP", tools.scp);
  tools.config = env_or("XLBENCH_SSH_CONFIG", "");
  return tools;
}

std::vector<std::string> ssh_argv(const SshTools& tools, const SshHost& host, const std::string& remote_command) {
  auto argv = common_options(tools, tools.ssh);
  if (host.port) argv.insert(argv.end(), {"-p", std::to_string(host.port)});
  argv.insert(argv.end(), {"--", host.destination(), remote_command});
  return argv;
}

std::vector<std::string> scp_argv(const SshTools& tools, const SshHost& host, const std::filesystem::path& local,
                                  const std::string& remote_path) {
  auto argv = common_options(tools, tools.scp);
  argv.push_back("-q");
  argv.push_back("-p");  // keeps the mode: a binary stays executable
  if (host.port) argv.insert(argv.end(), {"-P", std::to_string(host.port)});
  argv.insert(argv.end(), {"--", local.string(), host.destination() + ":" + remote_path});
  return argv;
}

std::string run_remote(const SshTools& tools, const SshHost& host, const std::vector<std::string>& words,
                       std::chrono::milliseconds timeout, bool cleanup) {
  std::string out;
  const auto command = shell_command(words);
  // The command as the message names it: long scripts cut short.
  const auto shown = command.size() > 60 ? command.substr(0, 57) + "..." : command;
  run_checked(ssh_argv(tools, host, command), host, shown, timeout, &out, cleanup);
  return out;
}

void copy_to_remote(const SshTools& tools, const SshHost& host, const std::filesystem::path& local,
                    const std::string& remote_path, std::chrono::milliseconds timeout) {
  run_checked(scp_argv(tools, host, local, remote_path), host, "copying " + local.string() + " to " + remote_path,
              timeout, nullptr);
}

}  // namespace xlb
