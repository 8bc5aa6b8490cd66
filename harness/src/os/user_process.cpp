#include "os/user_process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "os/process.hpp"

namespace xlb {
namespace {

using Clock = std::chrono::steady_clock;

// What the child reports through the exec pipe when a step before exec fails.
struct ChildFailure {
  int step;
  int error;
};
constexpr const char* kSteps[] = {"setpgid", "open /dev/null", "dup2", "chdir", "setgroups",
                                  "setgid", "setuid", "prctl", "execve"};

[[noreturn]] void child_fail(int fd, int step) {
  ChildFailure f{step, errno};
  [[maybe_unused]] auto n = ::write(fd, &f, sizeof f);
  ::_exit(127);
}

ExitStatus status_of(int raw) {
  ExitStatus s;
  if (WIFEXITED(raw)) s.exit_code = WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) s.term_signal = WTERMSIG(raw);
  return s;
}

}  // namespace

std::optional<RunAsUser> lookup_user(const std::string& name) {
  passwd pw{};
  passwd* found = nullptr;
  std::vector<char> buf(16384);
  if (::getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found) return std::nullopt;
  return RunAsUser{name, found->pw_uid, found->pw_gid, found->pw_dir ? found->pw_dir : "/"};
}

std::string ExitStatus::describe() const {
  if (term_signal != 0) {
    const char* name = sigabbrev_np(term_signal);
    return "killed by signal " + std::to_string(term_signal) + (name ? std::string(" (SIG") + name + ")" : "");
  }
  return "exit " + std::to_string(exit_code);
}

pid_t spawn_user_process(const UserProcessOptions& opt) {
  if (opt.argv.empty() || opt.argv[0].empty() || opt.argv[0][0] != '/')
    throw std::runtime_error("spawn_user_process: argv[0] must be an absolute path");
  if (opt.log.empty()) throw std::runtime_error("spawn_user_process: a log file is required");
  const std::string program = opt.argv[0];

  // Everything the child needs is prepared here: after fork only async-signal-safe calls.
  std::vector<std::string> args = opt.argv;
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : opt.env) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string cwd = opt.cwd.string();
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  for (int c : opt.cpus) CPU_SET(c, &cpus);
  const bool pin = !opt.cpus.empty();

  int log_fd = ::open(opt.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error(program + ": cannot open log " + opt.log.string() + ": " + std::strerror(errno));
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    ::close(log_fd);
    throw std::runtime_error(program + ": pipe2: " + std::strerror(errno));
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    ::close(log_fd), ::close(pipe_fds[0]), ::close(pipe_fds[1]);
    throw std::runtime_error(program + ": fork: " + std::strerror(err));
  }
  if (pid == 0) {
    const int report = pipe_fds[1];
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);  // the harness ignores it; exec would keep that
    if (::setpgid(0, 0) != 0) child_fail(report, 0);
    if (pin) ::sched_setaffinity(0, sizeof cpus, &cpus);  // best effort, recorded by the caller
    int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd < 0) child_fail(report, 1);
    if (::dup2(null_fd, 0) < 0 || ::dup2(log_fd, 1) < 0 || ::dup2(log_fd, 2) < 0) child_fail(report, 2);
    // Descriptors the harness holds (sockets of a load generator...) must not leak into a server.
    ::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) child_fail(report, 3);
    if (opt.user) {
      if (::setgroups(0, nullptr) != 0) child_fail(report, 4);
      if (::setgid(opt.user->gid) != 0) child_fail(report, 5);
      if (::setuid(opt.user->uid) != 0) child_fail(report, 6);
    }
    // After setuid: a change of credentials clears the parent-death signal.
    if (opt.parent_death_signal != 0) {
      if (::prctl(PR_SET_PDEATHSIG, opt.parent_death_signal) != 0) child_fail(report, 7);
      if (::getppid() != parent) ::_exit(1);  // the harness died before prctl
    }
    ::execve(argv[0], argv.data(), envp.data());
    child_fail(report, 8);
  }
  ::close(log_fd);
  ::close(pipe_fds[1]);
  ChildFailure failure{};
  ssize_t got;
  do {
    got = ::read(pipe_fds[0], &failure, sizeof failure);
  } while (got < 0 && errno == EINTR);
  ::close(pipe_fds[0]);
  if (got == static_cast<ssize_t>(sizeof failure)) {
    int raw = 0;
    ::waitpid(pid, &raw, 0);
    throw std::runtime_error(program + ": " + kSteps[failure.step] + " failed: " + std::strerror(failure.error));
  }
  return pid;  // EOF: exec closed the pipe
}

std::optional<ExitStatus> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  for (;;) {
    int raw = 0;
    pid_t r = ::waitpid(pid, &raw, WNOHANG);
    if (r == pid) return status_of(raw);
    if (r < 0 && errno != EINTR) return ExitStatus{};  // not our child (already reaped)
    if (Clock::now() >= until) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void run_user_process_to_end(const UserProcessOptions& options, std::chrono::milliseconds timeout) {
  const pid_t pid = spawn_user_process(options);
  const auto until = Clock::now() + timeout;
  std::optional<ExitStatus> status;
  while (!(status = wait_for_exit(pid, std::chrono::milliseconds(50)))) {
    const bool interrupted = interrupt_requested();
    if (interrupted || Clock::now() >= until) {
      ::kill(-pid, SIGKILL);
      wait_for_exit(pid, std::chrono::seconds(5));
      throw std::runtime_error(options.argv[0] + (interrupted ? ": interrupted by the user" : ": timed out"));
    }
  }
  if (!status->ok())
    throw std::runtime_error(options.argv[0] + ": " + status->describe() + "\n" + file_tail(options.log));
}

std::string file_tail(const std::filesystem::path& path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

}  // namespace xlb
