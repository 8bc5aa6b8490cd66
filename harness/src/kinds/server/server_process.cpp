#include "kinds/server/server_process.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "core/errors.hpp"
#include "core/format.hpp"

namespace xlb {
namespace {

using nlohmann::json;

// After the server exits, its pipes normally reach EOF at once; a grandchild
// holding them open must not keep the reader alive.
constexpr std::chrono::milliseconds kDrainAfterExit{200};
// SIGKILL cannot be ignored; this only bounds a wait on a process stuck in the kernel.
constexpr std::chrono::seconds kKillWait{10};

double seconds(const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; }

}  // namespace

json ResourceWindow::to_json() const {
  return {{"wall_s", wall_s},
          {"cpu_s", cpu_s},
          {"rss_peak_kb", rss_peak_kb},
          {"rss_mean_kb", rss_mean_kb},
          {"rss_samples", rss_samples}};
}

std::string ServerExit::describe() const {
  if (exited_before_stop) return "server exited on its own: " + status_text;
  if (needed_sigkill)
    return "server did not exit within " + fixed(term_grace_s, 1) + " s of SIGTERM (process group killed)";
  if (term_signal != 0 || exit_code != 0) return "server ended with " + status_text + " after SIGTERM";
  if (!done_line) return "server exited after SIGTERM without printing its done line";
  return "clean exit";
}

json ServerExit::to_json() const {
  return {{"clean", clean()},           {"outcome", describe()},   {"status", status_text},
          {"wall_s", wall_s},           {"user_s", user_s},        {"sys_s", sys_s},
          {"max_rss_kb", max_rss_kb},   {"peak_rss_kb", peak_rss_kb}, {"needed_sigkill", needed_sigkill},
          {"exited_before_stop", exited_before_stop}};
}

ServerProcess::ServerProcess(const ServerLaunch& launch) : launch_(launch) {
  wake_fd_ = UniqueFd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  spawned_at_ = Clock::now();
  SpawnRequest request{launch.argv, launch.cpus, launch.env, {}, false};
  if (remote()) {
    RemoteLaunch on_host{launch.argv, launch.env, launch.remote_dir, launch.rss_interval, launch.term_grace};
    auto ssh = ssh_argv(launch.ssh_tools, *launch.remote_host, remote_launch_command(on_host));
    request = SpawnRequest{std::move(ssh), {}, {}, {}, true};
    // A write to the channel of an ssh that just died must fail, not end the harness.
    ::signal(SIGPIPE, SIG_IGN);
  }
  auto spawned = spawn_in_own_group(request, spawn_error_);
  if (!spawned) return;
  started_ = true;
  pid_ = spawned->pid;
  stdout_fd_ = std::move(spawned->stdout_fd);
  stderr_fd_ = std::move(spawned->stderr_fd);
  stdin_fd_ = std::move(spawned->stdin_fd);
  if (!remote()) cpus_granted_ = affinity_of(pid_);
  reader_ = std::thread([this] { reader_loop(); });
}

ServerProcess::~ServerProcess() {
  if (started_) stop();
}

void ServerProcess::wake_reader() {
  const std::uint64_t one = 1;
  if (wake_fd_.get() >= 0) (void)!::write(wake_fd_.get(), &one, sizeof one);
}

void ServerProcess::reader_loop() {
  char chunk[65536];
  auto next_tick = Clock::now();
  bool out_open = true, err_open = true;
  for (;;) {
    auto now = Clock::now();
    auto wake_at = next_tick;
    {
      std::lock_guard lock(mu_);
      if (exited_ && ((!out_open && !err_open) || now - exited_at_ >= kDrainAfterExit)) break;
      if (window_pending_) wake_at = std::min(wake_at, *window_pending_);
    }
    pollfd fds[3];
    nfds_t n = 0;
    if (out_open) fds[n++] = {stdout_fd_.get(), POLLIN, 0};
    if (err_open) fds[n++] = {stderr_fd_.get(), POLLIN, 0};
    if (wake_fd_.get() >= 0) fds[n++] = {wake_fd_.get(), POLLIN, 0};
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake_at - now).count();
    int rc = ::poll(fds, n, static_cast<int>(std::clamp<long>(wait, 0, 1000)));
    for (nfds_t i = 0; i < n && rc > 0; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      if (fds[i].fd == wake_fd_.get()) {
        std::uint64_t drained;
        (void)!::read(wake_fd_.get(), &drained, sizeof drained);
        continue;
      }
      ssize_t got = ::read(fds[i].fd, chunk, sizeof chunk);
      if (got < 0 && errno == EINTR) continue;
      const bool is_out = fds[i].fd == stdout_fd_.get();
      if (got <= 0) {
        (is_out ? out_open : err_open) = false;
        continue;
      }
      std::lock_guard lock(mu_);
      if (is_out) {
        handle_stdout(chunk, static_cast<size_t>(got));
      } else {
        handle_stderr(chunk, static_cast<size_t>(got));
      }
    }
    now = Clock::now();
    std::lock_guard lock(mu_);
    if (window_pending_ && now >= *window_pending_) start_window(now);
    if (now >= next_tick) {
      tick(now);
      next_tick = now + launch_.rss_interval;
    }
  }
}

void ServerProcess::handle_stdout(const char* data, size_t size) {
  stdout_buffer_.append(data, size);
  size_t pos;
  while ((pos = stdout_buffer_.find('\n')) != std::string::npos) {
    std::string line = stdout_buffer_.substr(0, pos);
    stdout_buffer_.erase(0, pos + 1);
    if (!problem_.empty() || session_.done()) continue;  // nothing after a failure or done counts
    if (line.size() > launch_.max_line_bytes) {
      problem_ = "protocol: a stdout line exceeds the limit of " + std::to_string(launch_.max_line_bytes) + " bytes";
    } else {
      const bool was_ready = session_.ready();
      try {
        session_.accept(line);
      } catch (const ProtocolError& e) {
        problem_ = std::string(session_.server_error().empty() ? "protocol: " : "") + e.what();
      }
      if (!was_ready && session_.ready()) ready_at_ = Clock::now();
    }
    changed_.notify_all();
  }
  if (stdout_buffer_.size() > launch_.max_line_bytes) {
    if (problem_.empty())
      problem_ = "protocol: a stdout line exceeds the limit of " + std::to_string(launch_.max_line_bytes) + " bytes";
    stdout_buffer_.clear();
    changed_.notify_all();
  }
}

void ServerProcess::handle_stderr(const char* data, size_t size) {
  auto keep = [&](const char* text, size_t n) {
    stderr_tail_.append(text, n);
    if (stderr_tail_.size() > 2 * launch_.stderr_tail_bytes)
      stderr_tail_.erase(0, stderr_tail_.size() - launch_.stderr_tail_bytes);
  };
  if (!remote()) return keep(data, size);
  // Remote: the launch script's lines share stderr with the server's; split by line.
  stderr_buffer_.append(data, size);
  size_t pos;
  while ((pos = stderr_buffer_.find('\n')) != std::string::npos) {
    std::string line = stderr_buffer_.substr(0, pos + 1);
    stderr_buffer_.erase(0, pos + 1);
    if (is_remote_control_line(line)) {
      line.pop_back();
      handle_remote_line(line);
    } else {
      keep(line.data(), line.size());
    }
  }
  if (stderr_buffer_.size() > launch_.max_line_bytes) {
    keep(stderr_buffer_.data(), stderr_buffer_.size());
    stderr_buffer_.clear();
  }
}

void ServerProcess::drain_stderr() {
  char chunk[4096];
  pollfd fd{stderr_fd_.get(), POLLIN, 0};
  while (::poll(&fd, 1, 0) > 0 && (fd.revents & (POLLIN | POLLHUP))) {
    const ssize_t got = ::read(stderr_fd_.get(), chunk, sizeof chunk);
    if (got <= 0) break;
    handle_stderr(chunk, static_cast<size_t>(got));
  }
}

void ServerProcess::handle_remote_line(const std::string& line) {
  if (auto started = parse_remote_started(line)) {
    remote_started_ = started;
  } else if (remote_started_) {
    if (auto sample = parse_remote_sample(line, remote_started_->clock_ticks)) {
      remote_sample_ = sample;
      ++remote_samples_;
      add_window_rss(sample->rss_kb);
      changed_.notify_all();
    } else if (auto status = parse_remote_exit(line)) {
      remote_status_ = status;
    }
  }
}

void ServerProcess::add_window_rss(long rss) {
  if (!window_active_ || rss <= 0) return;
  window_rss_peak_ = std::max(window_rss_peak_, rss);
  window_rss_sum_ += static_cast<double>(rss);
  ++window_rss_samples_;
}

long ServerProcess::current_rss() const {
  if (remote()) return remote_sample_ ? remote_sample_->rss_kb : 0;
  return read_status_kb(std::to_string(pid_), "VmRSS");
}

std::optional<double> ServerProcess::current_cpu() const {
  if (remote()) return remote_sample_ ? std::optional<double>(remote_sample_->cpu_s()) : std::nullopt;
  return read_cpu_seconds(pid_);
}

void ServerProcess::signal_server(int sig) {
  if (!remote()) return kill_group(pid_, sig);
  // The launch script signals the remote group; a failed write means ssh is gone, and the
  // script then tears the group down by itself (end of its input).
  const std::string line = sig == SIGKILL ? "KILL\n" : "TERM\n";
  if (stdin_fd_.get() >= 0) (void)!::write(stdin_fd_.get(), line.data(), line.size());
}

int ServerProcess::exit_status() const {
  return remote() && remote_status_ ? wait_status_of_remote_exit(*remote_status_) : wait_status_;
}

std::string ServerProcess::describe_exit() const {
  if (remote() && !remote_status_)
    return "the ssh link ended without the remote exit status (ssh " + describe_wait_status(wait_status_) + ")";
  return describe_wait_status(exit_status());
}

pid_t ServerProcess::remote_pid() const {
  std::lock_guard lock(mu_);
  return remote_started_ ? remote_started_->pid : 0;
}

void ServerProcess::tick(Clock::time_point now) {
  if (exited_) return;
  if (!remote()) add_window_rss(read_status_kb(std::to_string(pid_), "VmRSS"));
  if (reap(pid_, wait_status_, usage_, false)) {
    if (remote()) drain_stderr();  // the exit line ssh wrote just before it ended
    exited_ = true;
    exited_at_ = now;
    // Stragglers left in the group, if any; the leader is reaped, so no fallback to the bare pid.
    ::kill(-pid_, SIGKILL);
    changed_.notify_all();
  }
}

void ServerProcess::start_window(Clock::time_point now) {
  window_pending_.reset();
  window_active_ = true;
  window_start_ = now;
  window_cpu_start_ = exited_ ? 0 : current_cpu().value_or(0);
  window_rss_peak_ = 0;
  window_rss_sum_ = 0;
  window_rss_samples_ = 0;
}

void ServerProcess::begin_window(Clock::time_point at) {
  {
    std::lock_guard lock(mu_);
    window_active_ = false;
    if (at <= Clock::now()) {
      start_window(Clock::now());
      return;
    }
    window_pending_ = at;
  }
  wake_reader();
}

ResourceWindow ServerProcess::end_window() {
  std::lock_guard lock(mu_);
  const auto now = Clock::now();
  if (window_pending_) start_window(now);  // the window ended before it began: an empty window
  ResourceWindow w;
  if (!window_active_) return w;
  if (!exited_) {
    if (!remote()) add_window_rss(current_rss());
    w.cpu_s = std::max(0.0, current_cpu().value_or(window_cpu_start_) - window_cpu_start_);
  }
  w.wall_s = std::chrono::duration<double>(now - window_start_).count();
  w.rss_peak_kb = window_rss_peak_;
  w.rss_samples = window_rss_samples_;
  w.rss_mean_kb = window_rss_samples_ ? window_rss_sum_ / window_rss_samples_ : 0;
  window_active_ = false;
  return w;
}

bool ServerProcess::wait_ready(std::chrono::milliseconds timeout) {
  if (!started_) return false;
  std::unique_lock lock(mu_);
  const auto deadline = spawned_at_ + timeout;
  changed_.wait_until(lock, deadline, [&] { return session_.ready() || !problem_.empty() || exited_; });
  if (session_.ready() && problem_.empty() && !exited_) return true;
  if (problem_.empty()) {
    if (exited_) {
      problem_ = "exited before it was ready: " + describe_exit() + " (" + session_.progress() + ")";
    } else {
      problem_ = "not ready within " + fixed(std::chrono::duration<double>(timeout).count(), 1) + " s (" +
                 session_.progress() + ")";
    }
  }
  return false;
}

std::chrono::nanoseconds ServerProcess::ready_after() const {
  std::lock_guard lock(mu_);
  return session_.ready() ? ready_at_ - spawned_at_ : std::chrono::nanoseconds{0};
}

std::string ServerProcess::host() const {
  std::lock_guard lock(mu_);
  return session_.host();
}

int ServerProcess::port() const {
  std::lock_guard lock(mu_);
  return session_.port();
}

json ServerProcess::hello() const {
  std::lock_guard lock(mu_);
  return session_.hello();
}

std::string ServerProcess::problem() const {
  if (!started_) return "could not start: " + spawn_error_;
  std::lock_guard lock(mu_);
  if (!problem_.empty()) return problem_;
  if (exited_ && !stop_requested_)
    return "server exited while serving: " + describe_exit() + " (" + session_.progress() + ")";
  return {};
}

std::string ServerProcess::progress() const {
  std::lock_guard lock(mu_);
  return session_.progress();
}

long ServerProcess::rss_kb() const {
  std::unique_lock lock(mu_);
  if (remote() && !exited_) {
    // The figure of now, not of the last sample: wait for the next one (a few intervals at most).
    const auto seen = remote_samples_;
    changed_.wait_for(lock, 3 * launch_.rss_interval, [&] { return remote_samples_ != seen || exited_; });
  }
  return exited_ ? 0 : current_rss();
}

std::string ServerProcess::stderr_tail() const {
  std::lock_guard lock(mu_);
  const std::string text = stderr_tail_ + stderr_buffer_;  // remote: a last line without its newline too
  return text.size() > launch_.stderr_tail_bytes ? text.substr(text.size() - launch_.stderr_tail_bytes) : text;
}

json ServerProcess::done_facts() const {
  std::lock_guard lock(mu_);
  return session_.facts();
}

ServerExit ServerProcess::stop() {
  if (!started_) return exit_;
  {
    std::unique_lock lock(mu_);
    if (stopped_) return exit_;
    stopped_ = true;
    stop_requested_ = true;
    exit_.term_grace_s = std::chrono::duration<double>(launch_.term_grace).count();
    if (exited_) {
      exit_.exited_before_stop = true;
    } else {
      // Signals go out under the lock: the reader reaps under it too, so the pid is still ours.
      exit_.peak_rss_kb = remote() ? (remote_sample_ ? remote_sample_->hwm_kb : 0)
                                   : read_status_kb(std::to_string(pid_), "VmHWM");
      signal_server(SIGTERM);
      if (!changed_.wait_for(lock, launch_.term_grace, [&] { return exited_; })) {
        exit_.needed_sigkill = true;
        signal_server(SIGKILL);
        changed_.wait_for(lock, kKillWait, [&] { return exited_; });
      }
    }
    // Remote: the end of its input makes the launch script kill whatever is left of the group.
    stdin_fd_.reset();
  }
  wake_reader();
  if (reader_.joinable()) reader_.join();
  std::lock_guard lock(mu_);
  if (!exited_) {
    // Unkillable within kKillWait (stuck in the kernel): wait for it rather than leave a zombie.
    kill_group(pid_, SIGKILL);
    reap(pid_, wait_status_, usage_, true);
    ::kill(-pid_, SIGKILL);
    exited_ = true;
    exited_at_ = Clock::now();
  }
  exit_.done_line = session_.done();
  const int status = exit_status();
  exit_.status_text = describe_exit();
  if (WIFSIGNALED(status)) exit_.term_signal = WTERMSIG(status);
  if (WIFEXITED(status)) exit_.exit_code = WEXITSTATUS(status);
  exit_.wall_s = std::chrono::duration<double>(exited_at_ - spawned_at_).count();
  if (remote()) {
    // The last /proc sample of the remote process (up to one interval before its end).
    exit_.user_s = remote_sample_ ? remote_sample_->user_s : 0;
    exit_.sys_s = remote_sample_ ? remote_sample_->sys_s : 0;
    exit_.max_rss_kb = remote_sample_ ? remote_sample_->hwm_kb : 0;
  } else {
    exit_.user_s = seconds(usage_.ru_utime);
    exit_.sys_s = seconds(usage_.ru_stime);
    exit_.max_rss_kb = usage_.ru_maxrss;
  }
  return exit_;
}

}  // namespace xlb
