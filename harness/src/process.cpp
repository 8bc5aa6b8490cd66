#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <cstring>
#include <fstream>
#include <thread>

namespace xlb {
namespace bp = boost::process;
namespace {

std::atomic<bool> g_interrupt{false};

using Clock = std::chrono::steady_clock;

// A field of /proc/<pid>/status in kB ("VmRSS", "VmHWM"); 0 when unreadable.
long read_status_kb(const std::string& pid, const std::string& field) {
  std::ifstream status("/proc/" + pid + "/status");
  std::string line;
  const std::string key = field + ":";
  while (std::getline(status, line)) {
    if (line.rfind(key, 0) == 0) return std::strtol(line.c_str() + key.size(), nullptr, 10);
  }
  return 0;
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

// Reads one pipe, splitting stdout into lines or keeping a tail of stderr.
struct PipeReader {
  int fd = -1;
  bool open = true;
  std::string buffer;
};

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

}  // namespace

void request_interrupt() { g_interrupt = true; }
bool interrupt_requested() { return g_interrupt.load(); }

std::vector<int> current_affinity() { return affinity_of(0); }

bool set_affinity(const std::vector<int>& cpus) {
  cpu_set_t set;
  CPU_ZERO(&set);
  for (int c : cpus) CPU_SET(c, &set);
  return sched_setaffinity(0, sizeof set, &set) == 0;
}

std::string ChildResult::describe() const {
  if (!started) return "could not start: " + spawn_error;
  if (timed_out) return "timed out after " + std::to_string(wall_s) + " s (process group killed)";
  if (aborted) return abort_reason;
  if (term_signal != 0) {
    const char* name = sigabbrev_np(term_signal);
    return "killed by signal " + std::to_string(term_signal) + (name ? std::string(" (SIG") + name + ")" : "");
  }
  return "exit " + std::to_string(exit_code);
}

ChildResult run_child(const std::vector<std::string>& argv, const ChildLimits& limits,
                      const LineHandler& on_line) {
  ChildResult result;
  if (argv.empty()) {
    result.spawn_error = "empty command";
    return result;
  }
  // The child's environment as "K=V" strings: ours, with the overrides applied.
  // (Boost 1.74's basic_environment::find reads past short entries, so it is not used.)
  std::vector<std::string> env_strings;
  for (char** e = ::environ; *e; ++e) {
    std::string entry = *e;
    if (!limits.env.contains(entry.substr(0, entry.find('=')))) env_strings.push_back(std::move(entry));
  }
  for (const auto& [k, v] : limits.env) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  auto use_env = bp::extend::on_setup = [&envp](auto& exec) { exec.env = envp.data(); };
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  const std::vector<int> cpus = limits.cpus;

  bp::pipe out_pipe, err_pipe;
  std::error_code ec;
  auto start = Clock::now();
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
  std::optional<bp::child> child;
  result.fork_rss_kb = read_status_kb("self", "VmRSS");
  std::string exe = argv[0];
  if (exe.find('/') == std::string::npos) {
    auto found = bp::search_path(exe);
    if (found.empty()) {
      result.spawn_error = "'" + exe + "' not found on PATH";
      return result;
    }
    exe = found.string();
  }
  if (limits.cwd.empty()) {
    child.emplace(bp::exe = exe, bp::args = args, bp::std_out > out_pipe, bp::std_err > err_pipe,
                  bp::std_in < bp::null, use_env, setup, ec);
  } else {
    child.emplace(bp::exe = exe, bp::args = args, bp::std_out > out_pipe, bp::std_err > err_pipe,
                  bp::std_in < bp::null, use_env, setup, bp::start_dir = limits.cwd.string(), ec);
  }
  if (ec) {
    result.spawn_error = "'" + argv[0] + "': " + ec.message();
    return result;
  }
  result.started = true;
  const pid_t pid = child->id();
  const std::string pid_text = std::to_string(pid);
  child->detach();  // we reap it ourselves with wait4 to get its rusage
  // Boost closed the pipes' write ends in this process, so EOF means the child closed them.
  result.cpus_granted = affinity_of(pid);

  std::ofstream stderr_log;
  if (limits.stderr_log) stderr_log.open(*limits.stderr_log, std::ios::binary | std::ios::trunc);

  PipeReader out, err;
  out.fd = out_pipe.native_source();
  err.fd = err_pipe.native_source();
  auto deadline = start + limits.timeout;
  auto next_rss = start;
  int status = 0;
  rusage usage{};
  bool reaped = false;
  std::string stop_reason;

  auto stop = [&](std::string why) {
    if (stop_reason.empty()) stop_reason = std::move(why);
  };

  const std::string too_long =
      "protocol: a stdout line exceeds the limit of " + std::to_string(limits.max_line_bytes) + " bytes";
  char chunk[65536];
  while ((out.open || err.open) && stop_reason.empty()) {
    auto now = Clock::now();
    if (now >= deadline) {
      result.timed_out = true;
      stop("timeout");
      break;
    }
    if (g_interrupt) {
      stop("interrupted by the user");
      break;
    }
    if (now >= next_rss) {
      result.sampled_peak_rss_kb = std::max(result.sampled_peak_rss_kb, read_status_kb(pid_text, "VmHWM"));
      next_rss = now + limits.rss_interval;
    }
    pollfd fds[2];
    nfds_t n = 0;
    if (out.open) fds[n++] = {out.fd, POLLIN, 0};
    if (err.open) fds[n++] = {err.fd, POLLIN, 0};
    auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::min(deadline, next_rss) - now);
    int rc = ::poll(fds, n, static_cast<int>(std::max<long>(1, wait_ms.count())));
    if (rc < 0 && errno != EINTR) break;
    for (nfds_t i = 0; i < n && rc > 0; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      PipeReader& reader = fds[i].fd == out.fd ? out : err;
      ssize_t got = ::read(reader.fd, chunk, sizeof chunk);
      if (got <= 0) {
        if (got < 0 && errno == EINTR) continue;
        reader.open = false;
        continue;
      }
      if (&reader == &err) {
        if (stderr_log.is_open()) stderr_log.write(chunk, got);
        reader.buffer.append(chunk, static_cast<size_t>(got));
        if (reader.buffer.size() > 2 * limits.stderr_tail_bytes)
          reader.buffer.erase(0, reader.buffer.size() - limits.stderr_tail_bytes);
        continue;
      }
      reader.buffer.append(chunk, static_cast<size_t>(got));
      size_t pos;
      while (stop_reason.empty() && (pos = reader.buffer.find('\n')) != std::string::npos) {
        std::string line = reader.buffer.substr(0, pos);
        reader.buffer.erase(0, pos + 1);
        if (line.size() > limits.max_line_bytes) {
          stop(too_long);
        } else if (auto error = on_line(line)) {
          stop(*error);
        }
      }
      if (stop_reason.empty() && reader.buffer.size() > limits.max_line_bytes) stop(too_long);
    }
  }
  if (stop_reason.empty() && !out.buffer.empty()) {
    if (auto error = on_line(out.buffer)) stop(*error);  // last line without newline
  }

  if (!stop_reason.empty()) {
    if (!result.timed_out) {
      result.aborted = true;
      result.abort_reason = stop_reason;
    }
    // Ask politely, then force: a variant that ignores SIGTERM loses its whole group.
    kill_group(pid, SIGTERM);
    auto kill_at = Clock::now() + limits.term_grace;
    while (!(reaped = reap(pid, status, usage, false)) && Clock::now() < kill_at)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!reaped) kill_group(pid, SIGKILL);
  } else {
    // Pipes closed: the child is exiting, or closed stdout and lingers.
    while (!(reaped = reap(pid, status, usage, false))) {
      if (Clock::now() >= deadline || g_interrupt) {
        result.timed_out = Clock::now() >= deadline;
        if (!result.timed_out) {
          result.aborted = true;
          result.abort_reason = "interrupted by the user";
        }
        kill_group(pid, SIGKILL);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  if (!reaped) reap(pid, status, usage, true);
  // Stragglers left in the group, if any. Not kill_group(): its fallback would signal the
  // bare pid, which is reaped by now and may already belong to an unrelated process.
  ::kill(-pid, SIGKILL);

  result.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  result.user_s = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
  result.sys_s = usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  result.max_rss_kb = usage.ru_maxrss;
  if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.stderr_tail = err.buffer.size() > limits.stderr_tail_bytes
                           ? err.buffer.substr(err.buffer.size() - limits.stderr_tail_bytes)
                           : err.buffer;
  return result;
}

std::string capture_output(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  ChildLimits limits;
  limits.timeout = timeout;
  std::string text;
  auto r = run_child(argv, limits, [&](const std::string& line) -> std::optional<std::string> {
    text += line + "\n";
    return std::nullopt;
  });
  if (!r.ok()) return {};
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace xlb
