#pragma once
// The environment block of every results file: machine, OS knobs that move
// numbers, toolchains and flags, the commit, the command line.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/plan.hpp"
#include "remote/ssh_command.hpp"

namespace xlb {

nlohmann::json collect_environment(const std::filesystem::path& project_root,
                                   const std::vector<std::string>& command_line);

// environment.topology (which role ran where: "local" or the host given) and
// environment.hosts (CPU model, cores, kernel, architecture of each host and its
// roles). A remote host is asked over ssh; InputError naming the option when it
// cannot be reached.
void add_topology(nlohmann::json& environment, const Plan& plan, const SshTools& tools);

// CPU model, logical CPUs, kernel and architecture of a host, read over ssh.
nlohmann::json remote_host_facts(const SshTools& tools, const SshHost& host);

// Toolchain versions only (also shown by `xlbench list`).
nlohmann::json toolchain_versions();

}  // namespace xlb
