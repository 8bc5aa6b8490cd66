#pragma once
// Starting a long-running program on another host over one ssh channel. The
// remote side is a fixed POSIX sh script (the program's words go to it as
// quoted positional arguments, never into its text) that:
//   - starts the program under setsid (its own session and process group) with
//     stdin /dev/null and stdout on the channel (protocol lines pass through);
//   - reports on stderr "xlb-remote-started <pid> <clock ticks per s>", then
//     every interval "xlb-remote-sample <VmRSS kB> <VmHWM kB> <stat line>" from
//     the remote /proc, and at the end "xlb-remote-exit <wait status of sh>";
//   - reads its stdin (the channel from the harness): a line TERM or KILL
//     signals the program's group; end of input (the harness closed it, died,
//     or the ssh link was lost) sends TERM, waits the grace period, then KILL.
// So no remote process outlives the harness's interest in it.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xlb {

struct RemoteLaunch {
  std::vector<std::string> argv;           // argv[0]: a path on the remote host
  std::map<std::string, std::string> env;  // set for the program (e.g. GOMAXPROCS)
  std::string dir;                         // working directory on the remote host
  std::chrono::milliseconds sample_interval{100};
  std::chrono::milliseconds term_grace{3000};
};

// The command line for the remote shell (pass it as ssh's remote command).
std::string remote_launch_command(const RemoteLaunch& launch);

struct RemoteStarted {
  pid_t pid = 0;  // also the process group id
  long clock_ticks = 100;
};
struct RemoteSample {
  long rss_kb = 0, hwm_kb = 0;
  double user_s = 0, sys_s = 0;  // utime and stime of the process (all threads)
  double cpu_s() const { return user_s + sys_s; }
};

// Parsers of the script's stderr lines; nullopt for any other line.
std::optional<RemoteStarted> parse_remote_started(const std::string& line);
std::optional<RemoteSample> parse_remote_sample(const std::string& line, long clock_ticks);
// The shell's status of the program: 0-127 an exit code, 128+N killed by signal N.
std::optional<int> parse_remote_exit(const std::string& line);
// That status as a wait status, so describe_wait_status and WIFSIGNALED read it as a local one.
int wait_status_of_remote_exit(int shell_status);

// True for any line of the script's own (to keep them out of the program's stderr tail).
bool is_remote_control_line(const std::string& line);

}  // namespace xlb
