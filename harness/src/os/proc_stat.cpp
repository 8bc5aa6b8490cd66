#include "os/proc_stat.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace xlb {

std::optional<ProcCpu> read_proc_cpu(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
  const auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 1));
  std::string field;
  std::vector<std::string> f;  // f[0] is field 3 (state)
  while (fields >> field && f.size() < 15) f.push_back(field);
  if (f.size() < 15) return std::nullopt;
  static const double tick = static_cast<double>(::sysconf(_SC_CLK_TCK));
  auto secs = [&](int field_no) { return std::strtod(f[field_no - 3].c_str(), nullptr) / tick; };
  ProcCpu cpu;
  cpu.ppid = static_cast<pid_t>(std::strtol(f[1].c_str(), nullptr, 10));
  cpu.user_s = secs(14);
  cpu.sys_s = secs(15);
  cpu.children_user_s = secs(16);
  cpu.children_sys_s = secs(17);
  return cpu;
}

std::vector<pid_t> child_pids(pid_t pid) {
  std::vector<pid_t> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto child = static_cast<pid_t>(std::strtol(name.c_str(), nullptr, 10));
    if (auto cpu = read_proc_cpu(child); cpu && cpu->ppid == pid) out.push_back(child);
  }
  return out;
}

double tree_cpu_seconds(pid_t root) {
  // A child reaped between reading the parent and reading the children would be counted in
  // neither (PostgreSQL's autovacuum workers come and go): read the parent again afterwards
  // and start over when its reaped-children total moved meanwhile.
  double total = 0;
  for (int attempt = 0; attempt < 5; ++attempt) {
    const auto before = read_proc_cpu(root);
    if (!before) return 0;
    total = before->user_s + before->sys_s + before->children_user_s + before->children_sys_s;
    for (pid_t child : child_pids(root))
      if (auto cpu = read_proc_cpu(child)) total += cpu->user_s + cpu->sys_s;
    const auto after = read_proc_cpu(root);
    if (!after) return 0;
    if (after->children_user_s == before->children_user_s && after->children_sys_s == before->children_sys_s)
      return total;
  }
  return total;
}

}  // namespace xlb
