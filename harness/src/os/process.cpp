#include "os/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <thread>

#include "os/process_spawn.hpp"

namespace xlb {
namespace {

std::atomic<bool> g_interrupt{false};

using Clock = std::chrono::steady_clock;

// Reads one pipe, splitting stdout into lines or keeping a tail of stderr.
struct PipeReader {
  int fd = -1;
  bool open = true;
  std::string buffer;
};

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
  auto start = Clock::now();
  result.fork_rss_kb = read_status_kb("self", "VmRSS");
  auto spawned = spawn_in_own_group({argv, limits.cpus, limits.env, limits.cwd, limits.stdin_open}, result.spawn_error);
  if (!spawned) return result;
  result.started = true;
  const pid_t pid = spawned->pid;
  const std::string pid_text = std::to_string(pid);
  result.cpus_granted = affinity_of(pid);

  std::ofstream stderr_log;
  if (limits.stderr_log) stderr_log.open(*limits.stderr_log, std::ios::binary | std::ios::trunc);

  PipeReader out, err;
  out.fd = spawned->stdout_fd.get();
  err.fd = spawned->stderr_fd.get();
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
    if (g_interrupt && !limits.survives_interrupt) {
      stop(kInterruptedByUser);
      break;
    }
    if (now >= next_rss) {
      result.sampled_peak_rss_kb = std::max(result.sampled_peak_rss_kb, read_status_kb(pid_text, "VmHWM"));
      next_rss = now + limits.rss_interval;
      if (limits.memory_limit_kb > 0 && result.sampled_peak_rss_kb > limits.memory_limit_kb) {
        result.memory_exceeded = true;
        stop("exceeded memory limit of " + std::to_string(limits.memory_limit_kb / 1024) + " MB (RSS " +
             std::to_string(result.sampled_peak_rss_kb / 1024) + " MB)");
        break;
      }
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
    // A runaway allocation gets no grace period to allocate further.
    kill_group(pid, result.memory_exceeded ? SIGKILL : SIGTERM);
    auto kill_at = Clock::now() + limits.term_grace;
    while (!(reaped = reap(pid, status, usage, false)) && Clock::now() < kill_at)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!reaped) kill_group(pid, SIGKILL);
  } else {
    // Pipes closed: the child is exiting, or closed stdout and lingers.
    while (!(reaped = reap(pid, status, usage, false))) {
      if (Clock::now() >= deadline || (g_interrupt && !limits.survives_interrupt)) {
        result.timed_out = Clock::now() >= deadline;
        if (!result.timed_out) {
          result.aborted = true;
          result.abort_reason = kInterruptedByUser;
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
  result.minor_faults = usage.ru_minflt;
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
