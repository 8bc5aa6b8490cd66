#pragma once
// A long-running server variant (docs/protocol.md, server protocol): started in
// its own process group on its CPU set, its stdout read in the background
// (hello, ready with the port, done), RSS and CPU time sampled over load
// windows, stopped with SIGTERM, a grace period, then SIGKILL of the group.
// Never throws for server misbehaviour: it shows in problem() and stop().
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "os/process_spawn.hpp"
#include "protocol/server_protocol.hpp"
#include "remote/remote_launch.hpp"
#include "remote/ssh_command.hpp"

namespace xlb {

struct ServerLaunch {
  std::vector<std::string> argv;
  std::vector<int> cpus;                   // empty: inherit the harness's affinity
  std::map<std::string, std::string> env;  // e.g. GOMAXPROCS
  std::chrono::milliseconds term_grace{3000};
  std::chrono::milliseconds rss_interval{50};
  std::size_t max_line_bytes = 64 * 1024;
  std::size_t stderr_tail_bytes = 4096;
  // Set: argv runs on this host over ssh (remote/remote_launch.hpp) in remote_dir;
  // RSS and CPU come from that host's /proc, cpus are ignored.
  std::optional<SshHost> remote_host;
  SshTools ssh_tools;
  std::string remote_dir;
};

// The server's resource use over one load window.
struct ResourceWindow {
  double wall_s = 0;
  double cpu_s = 0;       // utime + stime of the whole server process in the window
  long rss_peak_kb = 0;   // highest VmRSS sampled in the window
  double rss_mean_kb = 0;
  int rss_samples = 0;
  nlohmann::json to_json() const;
};

struct ServerExit {
  bool exited_before_stop = false;  // crashed or exited before the harness asked it to stop
  bool needed_sigkill = false;      // still running term_grace after SIGTERM
  bool done_line = false;           // printed its done line
  int exit_code = -1;               // valid when term_signal == 0
  int term_signal = 0;
  std::string status_text;  // "exit 0", "killed by signal 11 (SIGSEGV)"
  double wall_s = 0, user_s = 0, sys_s = 0;
  long max_rss_kb = 0;   // wait4 ru_maxrss (includes the forked harness image when smaller)
  long peak_rss_kb = 0;  // VmHWM read just before SIGTERM
  double term_grace_s = 0;

  // Stopped by SIGTERM alone, exit 0, done line printed.
  bool clean() const { return !exited_before_stop && !needed_sigkill && term_signal == 0 && exit_code == 0 && done_line; }
  std::string describe() const;
  nlohmann::json to_json() const;
};

class ServerProcess {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ServerProcess(const ServerLaunch& launch);
  ~ServerProcess();  // stops the server if still running: no server outlives its handle
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return started_; }
  const std::string& spawn_error() const { return spawn_error_; }
  pid_t pid() const { return pid_; }  // the local child (ssh when remote)
  bool remote() const { return launch_.remote_host.has_value(); }
  pid_t remote_pid() const;  // 0 until the remote side reported it
  const std::vector<int>& cpus_granted() const { return cpus_granted_; }
  Clock::time_point spawned_at() const { return spawned_at_; }

  // Blocks until the ready line (true), or a failure or the timeout (false; see problem()).
  bool wait_ready(std::chrono::milliseconds timeout);
  std::chrono::nanoseconds ready_after() const;  // spawn -> ready line read
  std::string host() const;
  int port() const;
  nlohmann::json hello() const;

  // Empty while the server behaves; else what went wrong (protocol error, early exit, ...).
  std::string problem() const;
  bool alive() const { return problem().empty(); }
  std::string progress() const;  // protocol state, for failure reports

  long rss_kb() const;  // VmRSS now; 0 once it has exited
  // A resource window starting at `at` (the background thread reads the CPU
  // time then, so a load generator's warm-up can be left out) and ending now.
  void begin_window(Clock::time_point at);
  ResourceWindow end_window();

  ServerExit stop();  // SIGTERM, grace, SIGKILL; later calls return the same record
  std::string stderr_tail() const;
  nlohmann::json done_facts() const;

 private:
  void reader_loop();
  void handle_stdout(const char* data, size_t size);  // lock held
  void handle_stderr(const char* data, size_t size);  // lock held
  void handle_remote_line(const std::string& line);   // lock held
  void drain_stderr();                                // lock held: what is in the pipe now
  void add_window_rss(long rss);                      // lock held
  long current_rss() const;                           // lock held
  std::optional<double> current_cpu() const;          // lock held
  void signal_server(int sig);                        // lock held
  int exit_status() const;                            // lock held: the server's wait status
  std::string describe_exit() const;                  // lock held
  void tick(Clock::time_point now);                    // lock held
  void start_window(Clock::time_point now);            // lock held
  void wake_reader();

  ServerLaunch launch_;
  bool started_ = false;
  std::string spawn_error_;
  pid_t pid_ = -1;
  std::vector<int> cpus_granted_;
  Clock::time_point spawned_at_, ready_at_;
  UniqueFd stdout_fd_, stderr_fd_, stdin_fd_, wake_fd_;
  std::thread reader_;

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  ServerSession session_;
  std::string problem_;  // first protocol problem or readiness failure
  std::string stdout_buffer_, stderr_buffer_, stderr_tail_;
  // Remote: what the launch script reported.
  std::optional<RemoteStarted> remote_started_;
  std::optional<RemoteSample> remote_sample_;
  std::uint64_t remote_samples_ = 0;  // how many arrived
  std::optional<int> remote_status_;
  bool exited_ = false, stop_requested_ = false, stopped_ = false;
  int wait_status_ = 0;
  rusage usage_{};
  Clock::time_point exited_at_;
  ServerExit exit_;

  // Resource window state.
  std::optional<Clock::time_point> window_pending_;
  bool window_active_ = false;
  Clock::time_point window_start_;
  double window_cpu_start_ = 0;
  long window_rss_peak_ = 0;
  double window_rss_sum_ = 0;
  int window_rss_samples_ = 0;
};

}  // namespace xlb
