#pragma once
// The pieces of spawning that run_child (one-shot children) and ServerProcess
// (long-running servers) share: argv without a shell, the child leading its own
// process group, CPU pinning between fork and exec, the environment overrides,
// and the /proc and wait4 helpers around a child's pid.
#include <sys/resource.h>
#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xlb {

// A file descriptor closed when the owner goes away.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset();

 private:
  int fd_ = -1;
};

struct SpawnRequest {
  std::vector<std::string> argv;
  std::vector<int> cpus;                   // empty: inherit the harness's affinity
  std::map<std::string, std::string> env;  // added to / overriding the environment
  std::filesystem::path cwd;               // empty: inherit
  bool stdin_pipe = false;                 // false: stdin is /dev/null
};

// A started child: it leads its own process group; stdin is /dev/null and the
// harness holds the read ends of its stdout and stderr (and the write end of
// its stdin when asked for). The caller must reap it.
struct SpawnedChild {
  pid_t pid = -1;
  UniqueFd stdout_fd, stderr_fd, stdin_fd;
};

// Starts the child; on failure returns nullopt with `error` set ("'x' not found on PATH").
std::optional<SpawnedChild> spawn_in_own_group(const SpawnRequest& request, std::string& error);

// A field of /proc/<pid>/status in kB ("VmRSS", "VmHWM"); 0 when unreadable. pid may be "self".
long read_status_kb(const std::string& pid, const std::string& field);

// utime + stime of /proc/<pid>/stat (all threads of the process), in seconds; nullopt when unreadable.
std::optional<double> read_cpu_seconds(pid_t pid);

struct StatCpuTicks {
  unsigned long long utime = 0, stime = 0;  // clock ticks
};
// utime and stime of a /proc/<pid>/stat line (local or read on another host); nullopt when it does not parse.
std::optional<StatCpuTicks> parse_stat_cpu_ticks(const std::string& stat_line);

std::vector<int> affinity_of(pid_t pid);

// Signals the child's whole process group (falls back to the pid alone). Only
// for a child that has not been reaped yet: a reaped pid may belong to anyone.
void kill_group(pid_t pid, int sig);

// wait4 on the child; false while it is still running (non-blocking call).
// True also when there is nothing left to wait for.
bool reap(pid_t pid, int& status, rusage& usage, bool block);

// "exit 1", "killed by signal 11 (SIGSEGV)" for a wait status.
std::string describe_wait_status(int status);

}  // namespace xlb
