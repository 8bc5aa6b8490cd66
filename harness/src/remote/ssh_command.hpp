#pragma once
// Commands over the system OpenSSH client: key-based and non-interactive
// (BatchMode: a missing key fails at once instead of asking for a password).
// The remote command is one string for the remote shell, built by shell_command.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "remote/ssh_host.hpp"

namespace xlb {

struct SshTools {
  std::string ssh = "ssh";
  std::string scp = "scp";
  std::string config;  // an ssh_config file (-F), e.g. a test's keys and known-hosts file; empty: the user's
};

// XLBENCH_SSH, XLBENCH_SCP (other programs with ssh's and scp's arguments) and
// XLBENCH_SSH_CONFIG (an ssh_config file) when set; else ssh, scp, the user's config.
SshTools ssh_tools_from_env();

// ssh [-F config] -o BatchMode=yes [-p port] -- destination <remote_command>.
std::vector<std::string> ssh_argv(const SshTools& tools, const SshHost& host, const std::string& remote_command);

// scp [-F config] -o BatchMode=yes -q [-P port] -- local destination:remote_path.
std::vector<std::string> scp_argv(const SshTools& tools, const SshHost& host, const std::filesystem::path& local,
                                  const std::string& remote_path);

// Runs `words` on the host (quoted) and returns its stdout. Throws
// std::runtime_error naming the host, the command and ssh's stderr on failure.
// `cleanup`: runs to its end after Ctrl-C too (else an interrupt stops it).
std::string run_remote(const SshTools& tools, const SshHost& host, const std::vector<std::string>& words,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60), bool cleanup = false);

// Copies a local file to remote_path (mode kept). Throws std::runtime_error on failure.
void copy_to_remote(const SshTools& tools, const SshHost& host, const std::filesystem::path& local,
                    const std::string& remote_path, std::chrono::milliseconds timeout = std::chrono::seconds(300));

}  // namespace xlb
