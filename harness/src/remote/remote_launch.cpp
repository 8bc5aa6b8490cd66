#include "remote/remote_launch.hpp"

#include <cstdlib>
#include <sstream>

#include "os/process_spawn.hpp"
#include "remote/shell_quote.hpp"

namespace xlb {
namespace {

// $1 interval (s), $2 grace (s), $3 directory, then the program's words.
// Asynchronous lists get stdin /dev/null in a shell without job control, so
// the channel is kept as fd 3 for the watchdog. A background setsid is not a
// group leader, so it calls setsid() itself: $! is the program's pid and pgid.
constexpr const char* kScript = R"SH(interval=$1; grace=$2; cd "$3" || exit 126; shift 3
exec 3<&0
setsid "$@" </dev/null 3<&- &
pid=$!
echo "xlb-remote-started $pid $(getconf CLK_TCK 2>/dev/null || echo 100)" >&2
(
  while kill -0 "$pid" 2>/dev/null; do
    rss=0; hwm=0
    while read -r k v u; do case $k in VmRSS:) rss=$v;; VmHWM:) hwm=$v;; esac; done 2>/dev/null </proc/$pid/status
    st=; read -r st 2>/dev/null </proc/$pid/stat
    [ -n "$st" ] && echo "xlb-remote-sample $rss $hwm $st" >&2
    sleep "$interval"
  done
) </dev/null >/dev/null 3<&- &
sampler=$!
(
  while read -r sig; do
    case $sig in TERM|KILL) kill -s "$sig" -- "-$pid" 2>/dev/null;; esac
  done
  kill -s TERM -- "-$pid" 2>/dev/null; sleep "$grace"; kill -s KILL -- "-$pid" 2>/dev/null
) <&3 >/dev/null 2>&1 &
watchdog=$!
exec 3<&-
wait "$pid"; status=$?
kill -s KILL -- "-$pid" 2>/dev/null
kill "$sampler" "$watchdog" 2>/dev/null
echo "xlb-remote-exit $status" >&2
exit "$status"
)SH";

std::string seconds_text(std::chrono::milliseconds ms) {
  std::ostringstream out;
  out << static_cast<double>(ms.count()) / 1000.0;
  return out.str();
}

bool starts_with(const std::string& line, const std::string& prefix) { return line.rfind(prefix, 0) == 0; }

}  // namespace

int wait_status_of_remote_exit(int shell_status) { return shell_status > 128 ? shell_status - 128 : shell_status << 8; }

std::string remote_launch_command(const RemoteLaunch& launch) {
  std::vector<std::string> words = {"sh", "-c", kScript, "xlb-remote", seconds_text(launch.sample_interval),
                                    seconds_text(launch.term_grace), launch.dir.empty() ? "." : launch.dir};
  if (!launch.env.empty()) {
    words.push_back("env");
    for (const auto& [k, v] : launch.env) words.push_back(k + "=" + v);
  }
  words.insert(words.end(), launch.argv.begin(), launch.argv.end());
  return shell_command(words);
}

std::optional<RemoteStarted> parse_remote_started(const std::string& line) {
  if (!starts_with(line, "xlb-remote-started ")) return std::nullopt;
  std::istringstream in(line.substr(19));
  RemoteStarted s;
  if (!(in >> s.pid >> s.clock_ticks) || s.pid <= 0 || s.clock_ticks <= 0) return std::nullopt;
  return s;
}

std::optional<RemoteSample> parse_remote_sample(const std::string& line, long clock_ticks) {
  if (!starts_with(line, "xlb-remote-sample ")) return std::nullopt;
  std::istringstream in(line.substr(18));
  RemoteSample s;
  if (!(in >> s.rss_kb >> s.hwm_kb)) return std::nullopt;
  const auto cpu = parse_stat_cpu_ticks(line);
  if (!cpu) return std::nullopt;
  const double ticks = static_cast<double>(clock_ticks > 0 ? clock_ticks : 100);
  s.user_s = static_cast<double>(cpu->utime) / ticks;
  s.sys_s = static_cast<double>(cpu->stime) / ticks;
  return s;
}

std::optional<int> parse_remote_exit(const std::string& line) {
  if (!starts_with(line, "xlb-remote-exit ")) return std::nullopt;
  std::istringstream in(line.substr(16));
  int status = -1;
  if (!(in >> status) || status < 0 || status > 255) return std::nullopt;
  return status;
}

bool is_remote_control_line(const std::string& line) { return starts_with(line, "xlb-remote-"); }

}  // namespace xlb
