#include "run/environment.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

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

}  // namespace

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
