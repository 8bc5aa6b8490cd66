#include "run/environment.hpp"

#include <algorithm>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "core/errors.hpp"
#include "model/topology.hpp"
#include "os/process.hpp"
#include "toolchain/toolchain.hpp"

namespace xlb {
namespace {

using nlohmann::json;

std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return "unavailable";
  return line;
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown";
}

long mem_total_kb() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  long value = 0;
  while (in >> key >> value) {
    if (key == "MemTotal:") return value;
    in.ignore(1 << 10, '\n');
  }
  return 0;
}

// One fact a line: CPU model, logical CPUs, kernel, architecture.
constexpr const char* kHostFactsScript =
    "grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'; nproc; uname -sr; uname -m";

}  // namespace

json remote_host_facts(const SshTools& tools, const SshHost& host) {
  std::istringstream lines(run_remote(tools, host, {"sh", "-c", kHostFactsScript}, std::chrono::seconds(30)));
  std::string model, cpus, kernel, arch;
  std::getline(lines, model);
  std::getline(lines, cpus);
  std::getline(lines, kernel);
  std::getline(lines, arch);
  return {{"host", host.to_string()},
          {"cpu_model", model.empty() ? "unknown" : model},
          {"logical_cpus", std::atoi(cpus.c_str())},
          {"kernel", kernel},
          {"arch", arch}};
}

namespace {

// The facts of a role's host read over ssh (one entry per distinct host, its roles merged);
// InputError when ssh fails or the host cannot run the variants built here.
void add_remote_role(json& hosts, json& roles, const json& here, const SshTools& tools, const std::string& option,
                     const std::string& spec, const std::string& role) {
  const auto host = parse_ssh_host(option, spec);
  roles[role] = host.to_string();
  auto known = std::find_if(hosts.begin(), hosts.end(), [&](const json& h) { return h["host"] == host.to_string(); });
  if (known == hosts.end()) {
    json there;
    try {
      there = remote_host_facts(tools, host);
    } catch (const std::exception& e) {
      throw InputError(option + ": cannot run a command on " + spec + " (key-based ssh in BatchMode is required): " +
                       e.what());
    }
    there["roles"] = json::array();
    hosts.push_back(there);
    known = hosts.end() - 1;
  }
  (*known)["roles"].push_back(role);
  // Programs built here run there: the server variants, or this harness as the load generator.
  if ((role == "server" || role == "loadgen") && (*known)["arch"] != here["arch"])
    throw InputError(option + ": " + spec + " is " + (*known)["arch"].get<std::string>() + ", this machine " +
                     here["arch"].get<std::string>() + ": the programs built here cannot run there");
}

}  // namespace

void add_topology(json& environment, const Plan& plan, const SshTools& tools) {
  utsname uts{};
  ::uname(&uts);
  json here = {{"host", "local"},
               {"cpu_model", cpu_model()},
               {"logical_cpus", std::thread::hardware_concurrency()},
               {"kernel", std::string(uts.sysname) + " " + uts.release},
               {"arch", uts.machine},
               {"roles", json::array({"harness"})}};
  json roles = {{"server", "local"}, {"loadgen", "local"}, {"database", "local"}};
  json hosts = json::array();
  // Roles in the order runs before --client-host recorded them: history fingerprints stay the same.
  if (plan.client_host.empty()) here["roles"].push_back("loadgen");
  if (plan.server_host.empty())
    here["roles"].push_back("server");
  else
    add_remote_role(hosts, roles, here, tools, "--server-host", plan.server_host, "server");
  if (plan.database_host.empty())
    here["roles"].push_back("database");
  else
    add_remote_role(hosts, roles, here, tools, "--database-host", plan.database_host, "database");
  if (!plan.client_host.empty())
    add_remote_role(hosts, roles, here, tools, "--client-host", plan.client_host, "loadgen");
  const bool multi_host = !hosts.empty();
  hosts.insert(hosts.begin(), here);
  environment["hosts"] = hosts;
  environment["topology"] = {{"kind", multi_host ? kMultiHost : kSingleHost}, {"roles", roles}};
}

json toolchain_versions() {
  return {{"go", capture_output({"go", "version"})},
          {"rustc", capture_output({"rustc", "--version"})},
          {"cargo", capture_output({"cargo", "--version"})},
          {"harness_compiler", std::string("g++ ") + __VERSION__}};
}

json collect_environment(const std::filesystem::path& root, const std::vector<std::string>& command_line) {
  utsname uts{};
  ::uname(&uts);
  json env;
  env["cpu_model"] = cpu_model();
  env["logical_cpus"] = std::thread::hardware_concurrency();
  env["harness_affinity"] = current_affinity();
  env["mem_total_kb"] = mem_total_kb();
  env["governor"] = read_first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
  env["kernel"] = std::string(uts.sysname) + " " + uts.release;
  env["arch"] = uts.machine;
  env["aslr"] = read_first_line("/proc/sys/kernel/randomize_va_space");
  env["loadavg"] = read_first_line("/proc/loadavg");
  env["toolchains"] = toolchain_versions();
  env["build_flags"] = build_flags();
  env["go_env"] = {{"GOAMD64", capture_output({"go", "env", "GOAMD64"})},
                   {"GOGC", std::getenv("GOGC") ? std::getenv("GOGC") : "default (100)"},
                   {"GOMEMLIMIT", std::getenv("GOMEMLIMIT") ? std::getenv("GOMEMLIMIT") : "default (none)"},
                   {"CGO_ENABLED", capture_output({"go", "env", "CGO_ENABLED"})}};
  const auto git_dir = root.string();
  std::string commit = capture_output({"git", "-C", git_dir, "rev-parse", "HEAD"});
  std::string dirty = capture_output({"git", "-C", git_dir, "status", "--porcelain", "--untracked-files=no"});
  env["git_commit"] = commit.empty() ? "unknown" : commit;
  env["git_dirty"] = !dirty.empty();
  env["harness_version"] = XLB_VERSION;
  env["command_line"] = command_line;
  env["ci"] = std::getenv("CI") != nullptr;
  return env;
}

}  // namespace xlb
