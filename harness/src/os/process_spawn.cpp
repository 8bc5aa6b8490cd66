#include "os/process_spawn.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace xlb {
namespace bp = boost::process;

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = other.release();
  }
  return *this;
}

void UniqueFd::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::optional<SpawnedChild> spawn_in_own_group(const SpawnRequest& request, std::string& error) {
  const auto& argv = request.argv;
  if (argv.empty()) {
    error = "empty command";
    return std::nullopt;
  }
  // The child's environment as "K=V" strings: ours, with the overrides applied.
  // (Boost 1.74's basic_environment::find reads past short entries, so it is not used.)
  std::vector<std::string> env_strings;
  for (char** e = ::environ; *e; ++e) {
    std::string entry = *e;
    if (!request.env.contains(entry.substr(0, entry.find('=')))) env_strings.push_back(std::move(entry));
  }
  for (const auto& [k, v] : request.env) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  auto use_env = bp::extend::on_setup = [&envp](auto& exec) { exec.env = envp.data(); };
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  const std::vector<int> cpus = request.cpus;

  // setpgid and affinity run in the child between fork and exec.
  auto setup = bp::extend::on_exec_setup = [&cpus](auto&) {
    ::setpgid(0, 0);
    if (!cpus.empty()) {
      cpu_set_t set;
      CPU_ZERO(&set);
      for (int c : cpus) CPU_SET(c, &set);
      ::sched_setaffinity(0, sizeof set, &set);
    }
  };
  std::string exe = argv[0];
  if (exe.find('/') == std::string::npos) {
    auto found = bp::search_path(exe);
    if (found.empty()) {
      error = "'" + exe + "' not found on PATH";
      return std::nullopt;
    }
    exe = found.string();
  }
  bp::pipe out_pipe, err_pipe, in_pipe;
  std::error_code ec;
  std::optional<bp::child> child;
  // The four combinations of a stdin pipe and a working directory.
  auto start = [&](auto&&... extra) {
    if (request.stdin_pipe) {
      child.emplace(bp::exe = exe, bp::args = args, bp::std_out > out_pipe, bp::std_err > err_pipe,
                    bp::std_in < in_pipe, use_env, setup, extra..., ec);
    } else {
      child.emplace(bp::exe = exe, bp::args = args, bp::std_out > out_pipe, bp::std_err > err_pipe,
                    bp::std_in < bp::null, use_env, setup, extra..., ec);
    }
  };
  if (request.cwd.empty()) {
    start();
  } else {
    start(bp::start_dir = request.cwd.string());
  }
  if (ec) {
    error = "'" + argv[0] + "': " + ec.message();
    return std::nullopt;
  }
  SpawnedChild spawned;
  spawned.pid = child->id();
  child->detach();  // reaped by the caller with wait4, for its rusage
  // Boost closed the pipes' write ends in this process, so EOF means the child closed them.
  // The pipes close their own descriptors on destruction: keep duplicates.
  spawned.stdout_fd = UniqueFd(::fcntl(out_pipe.native_source(), F_DUPFD_CLOEXEC, 0));
  spawned.stderr_fd = UniqueFd(::fcntl(err_pipe.native_source(), F_DUPFD_CLOEXEC, 0));
  if (request.stdin_pipe) spawned.stdin_fd = UniqueFd(::fcntl(in_pipe.native_sink(), F_DUPFD_CLOEXEC, 0));
  return spawned;
}

long read_status_kb(const std::string& pid, const std::string& field) {
  std::ifstream status("/proc/" + pid + "/status");
  std::string line;
  const std::string key = field + ":";
  while (std::getline(status, line)) {
    if (line.rfind(key, 0) == 0) return std::strtol(line.c_str() + key.size(), nullptr, 10);
  }
  return 0;
}

std::optional<double> read_cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  const auto cpu = parse_stat_cpu_ticks(std::string((std::istreambuf_iterator<char>(in)), {}));
  if (!cpu) return std::nullopt;
  static const long ticks = ::sysconf(_SC_CLK_TCK);
  return static_cast<double>(cpu->utime + cpu->stime) / static_cast<double>(ticks > 0 ? ticks : 100);
}

std::optional<StatCpuTicks> parse_stat_cpu_ticks(const std::string& stat_line) {
  // The command name (field 2) is in parentheses and may contain spaces: count after the last ')'.
  const auto close = stat_line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat_line.substr(close + 1));
  std::string field;
  StatCpuTicks cpu;
  // Fields 3.. follow; utime and stime are fields 14 and 15.
  for (int index = 3; index <= 15 && fields >> field; ++index) {
    if (index == 14) cpu.utime = std::strtoull(field.c_str(), nullptr, 10);
    if (index == 15) cpu.stime = std::strtoull(field.c_str(), nullptr, 10);
  }
  if (!fields) return std::nullopt;
  return cpu;
}

std::vector<int> affinity_of(pid_t pid) {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(pid, sizeof set, &set) != 0) return cpus;
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &set)) cpus.push_back(c);
  return cpus;
}

void kill_group(pid_t pid, int sig) {
  // The child leads its own process group, so this reaches its children too.
  if (::kill(-pid, sig) != 0) ::kill(pid, sig);
}

bool reap(pid_t pid, int& status, rusage& usage, bool block) {
  for (;;) {
    pid_t r = ::wait4(pid, &status, block ? 0 : WNOHANG, &usage);
    if (r == pid) return true;
    if (r == 0) return false;
    if (errno != EINTR) return true;  // already reaped or not ours: nothing to wait for
  }
}

std::string describe_wait_status(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = sigabbrev_np(sig);
    return "killed by signal " + std::to_string(sig) + (name ? std::string(" (SIG") + name + ")" : "");
  }
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  return "ended with wait status " + std::to_string(status);
}

}  // namespace xlb
