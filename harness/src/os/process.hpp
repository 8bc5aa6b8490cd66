#pragma once
// The only place that spawns processes: argv (never a shell), its own process
// group, CPU pinning, a deadline, RSS sampling and wait4 rusage.
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xlb {

struct ChildLimits {
  std::chrono::milliseconds timeout{60000};
  std::chrono::milliseconds term_grace{2000};  // SIGTERM -> SIGKILL escalation
  std::vector<int> cpus;                       // empty: inherit the harness's affinity
  std::map<std::string, std::string> env;      // added to / overriding the environment
  std::filesystem::path cwd;                   // empty: inherit
  std::size_t max_line_bytes = 64 * 1024;      // longer stdout lines fail the run
  std::size_t stderr_tail_bytes = 4096;
  std::optional<std::filesystem::path> stderr_log;  // full stderr copy (build logs)
  std::chrono::milliseconds rss_interval{20};
  // Peak resident memory (VmHWM, sampled every rss_interval) past which the group is
  // SIGKILLed; 0: no limit. Not RLIMIT_AS: Go and some allocators reserve far more
  // address space than they use.
  long memory_limit_kb = 0;
  // Cleanup that must run after Ctrl-C too (removing a remote directory): only the timeout stops it.
  bool survives_interrupt = false;
  // The child's stdin is a pipe the harness holds open until the child ends (else /dev/null):
  // for ssh running remote/remote_launch.hpp's script, whose remote group ends when its input does.
  bool stdin_open = false;
};

struct ChildResult {
  bool started = false;
  std::string spawn_error;
  int exit_code = -1;    // valid when term_signal == 0
  int term_signal = 0;   // signal that ended the child, if any
  bool timed_out = false;
  bool aborted = false;  // the line handler, an interrupt or the memory limit asked to stop
  bool memory_exceeded = false;
  std::string abort_reason;
  double wall_s = 0, user_s = 0, sys_s = 0;
  long max_rss_kb = 0;           // wait4 ru_maxrss (includes the forked harness image, see peak_rss_kb)
  long sampled_peak_rss_kb = 0;  // highest /proc/<pid>/status VmHWM seen while running
  long fork_rss_kb = 0;          // the harness's own RSS when it forked
  long minor_faults = 0;         // wait4 ru_minflt: pages the child faulted in

  // Linux folds the RSS of the pre-exec (forked harness) image into ru_maxrss,
  // so ru_maxrss is exact only when it exceeds that; otherwise the sampled
  // high-water mark of the exec'd program is the honest figure.
  long peak_rss_kb() const { return max_rss_kb > fork_rss_kb ? max_rss_kb : sampled_peak_rss_kb; }
  std::vector<int> cpus_granted;
  std::string stderr_tail;

  bool ok() const { return started && !timed_out && !aborted && term_signal == 0 && exit_code == 0; }
  std::string describe() const;  // "exit 1", "killed by signal 11 (SIGSEGV)", "timed out after ..."
};

// Called for each complete stdout line; return an error text to abort the child.
using LineHandler = std::function<std::optional<std::string>(const std::string& line)>;

ChildResult run_child(const std::vector<std::string>& argv, const ChildLimits& limits,
                      const LineHandler& on_line);

// Convenience for short tool queries (versions): stdout as text, empty on failure.
std::string capture_output(const std::vector<std::string>& argv,
                           std::chrono::milliseconds timeout = std::chrono::seconds(20));

// The abort reason of a child killed because the user interrupted the harness;
// `run --resume` runs such a process run again.
inline constexpr const char* kInterruptedByUser = "interrupted by the user";

// Set by the SIGINT/SIGTERM handler; a running child is then killed.
void request_interrupt();
bool interrupt_requested();

// CPUs this process may run on.
std::vector<int> current_affinity();
bool set_affinity(const std::vector<int>& cpus);

}  // namespace xlb
