#include "loadgen/http_load_worker.hpp"

#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <memory>
#include <queue>

#include "loadgen/http_response_parser.hpp"
#include "os/process.hpp"

namespace xlb {
namespace {

constexpr std::int64_t kReconnectBackoffNs = 10'000'000;  // after a failed connect, per connection
constexpr std::int64_t kHousekeepingNs = 5'000'000;       // timeout and reconnect checks
constexpr std::size_t kReadBufferBytes = 64 * 1024;
constexpr int kMaxEvents = 256;

struct Connection {
  enum class Phase { kDown, kConnecting, kOpen };
  int id = 0;  // global index: decides its slots in the open-loop schedule
  int fd = -1;
  std::uint32_t generation = 0;  // tells events of a closed socket from its successor's
  Phase phase = Phase::kDown;
  bool in_flight = false;   // a request is written (or being written) and its response incomplete
  bool want_write = false;  // EPOLLOUT armed for the rest of a partial write
  std::size_t written = 0;
  std::int64_t latency_start_ns = 0;  // closed loop: actual send; open loop: intended send
  std::int64_t deadline_ns = 0;       // of the connect or the response
  std::int64_t retry_at_ns = 0;       // kDown: reconnect not before
  std::uint64_t sequence = 0;         // open loop: this connection's next slot
  std::size_t rotation_next = 0;      // index of its next request in plan.rotation
  const std::string* request = nullptr;  // the request being written
  HttpResponseParser parser;
};

class Worker {
 public:
  Worker(const LoadPlan& plan, const std::vector<int>& ids, WorkerResult& result)
      : plan_(plan), result_(result), buffer_(new char[kReadBufferBytes]) {
    conns_.resize(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
      conns_[i].id = ids[i];
      conns_[i].parser.set_no_body_expected(plan.head_request);
      // Connections start spread over the rotation, so they do not ask for the same thing at once.
      if (!plan.rotation.empty())
        conns_[i].rotation_next = static_cast<std::size_t>(ids[i]) * plan.rotation.size() /
                                  static_cast<std::size_t>(std::max(1, plan.total_connections));
    }
    if (plan.rate_per_s) ns_per_request_ = 1e9 / *plan.rate_per_s;
    result_.per_interval.assign(plan.intervals, 0);
  }

  ~Worker() {
    for (auto& c : conns_)
      if (c.fd >= 0) ::close(c.fd);
    if (epoll_fd_ >= 0) ::close(epoll_fd_);
  }

  void run() {
    epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd_ < 0) {
      result_.errors.connect += conns_.size();
      result_.stopped_ns = now();
      return;
    }
    std::int64_t t = now();
    for (auto& c : conns_) open(c, t);
    epoll_event events[kMaxEvents];
    for (;;) {
      t = now();
      if (t >= plan_.window_end_ns || interrupt_requested()) break;
      if (open_loop()) send_due(t);
      if (t >= next_housekeeping_ns_) {
        housekeeping(t);
        next_housekeeping_ns_ = t + kHousekeepingNs;
      }
      std::int64_t wake = std::min(next_housekeeping_ns_, plan_.window_end_ns);
      if (open_loop() && !due_.empty()) wake = std::min(wake, due_.top().first);
      const int n = wait(events, std::max<std::int64_t>(0, wake - t));
      for (int i = 0; i < n; ++i) dispatch(events[i]);
    }
    result_.stopped_ns = std::min(t, plan_.window_end_ns);
  }

 private:
  bool open_loop() const { return ns_per_request_ > 0; }

  std::int64_t now() const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - plan_.start)
        .count();
  }

  // Open loop: global request k is due at k / rate; connection c owns k = id + n * connections.
  std::int64_t intended_ns(const Connection& c) const {
    const double k = static_cast<double>(c.id) + static_cast<double>(c.sequence) * plan_.total_connections;
    return static_cast<std::int64_t>(k * ns_per_request_);
  }

  // Where an error at time t is counted: warm-up, window, or nowhere (after the window).
  LoadErrors& errors_at(std::int64_t t) {
    if (t < plan_.window_start_ns) return result_.warmup_errors;
    if (t < plan_.window_end_ns) return result_.errors;
    return discarded_errors_;
  }

  int wait(epoll_event* events, std::int64_t wait_ns) {
    int n;
    if (have_pwait2_) {
      timespec ts{static_cast<time_t>(wait_ns / 1'000'000'000), static_cast<long>(wait_ns % 1'000'000'000)};
      n = ::epoll_pwait2(epoll_fd_, events, kMaxEvents, &ts, nullptr);
      if (n < 0 && errno == ENOSYS) {
        have_pwait2_ = false;
        return 0;
      }
    } else {
      n = ::epoll_wait(epoll_fd_, events, kMaxEvents, static_cast<int>((wait_ns + 999'999) / 1'000'000));
    }
    return n < 0 ? 0 : n;  // EINTR: the loop re-checks time and the interrupt flag
  }

  static std::uint64_t tag(const Connection& c, std::size_t index) {
    return (static_cast<std::uint64_t>(c.generation) << 32) | index;
  }

  bool set_events(Connection& c, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = tag(c, static_cast<std::size_t>(&c - conns_.data()));
    return ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c.fd, &ev) == 0;
  }

  void open(Connection& c, std::int64_t t) {
    bool in_progress = false;
    const int fd = start_connect(plan_.address, in_progress);
    ++c.generation;
    c.parser.reset();
    c.in_flight = false;
    c.want_write = false;
    c.written = 0;
    if (fd < 0) {
      ++errors_at(t).connect;
      c.phase = Connection::Phase::kDown;
      c.retry_at_ns = t + kReconnectBackoffNs;
      return;
    }
    c.fd = fd;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;  // EPOLLOUT reports the end of the connect
    ev.data.u64 = tag(c, static_cast<std::size_t>(&c - conns_.data()));
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
      ++errors_at(t).connect;
      close_socket(c);
      c.retry_at_ns = t + kReconnectBackoffNs;
      return;
    }
    if (in_progress) {
      c.phase = Connection::Phase::kConnecting;
      c.deadline_ns = t + plan_.request_timeout_ns;
    } else {
      connected(c, t);
    }
  }

  void close_socket(Connection& c) {
    if (c.fd >= 0) ::close(c.fd);  // also leaves the epoll set (the fd is never duplicated)
    c.fd = -1;
    c.phase = Connection::Phase::kDown;
    c.want_write = false;
  }

  // After an error or a server-side close: the request in flight (already counted) is given up.
  void reconnect(Connection& c, std::int64_t t) {
    if (c.in_flight) ++c.sequence;
    close_socket(c);
    open(c, t);
  }

  void connected(Connection& c, std::int64_t t) {
    c.phase = Connection::Phase::kOpen;
    if (!set_events(c, EPOLLIN)) {
      ++errors_at(t).connect;
      close_socket(c);
      c.retry_at_ns = t + kReconnectBackoffNs;
      return;
    }
    next_request(c, t);
  }

  void next_request(Connection& c, std::int64_t t) {
    // After the window nothing more is sent: the server sees at most one uncounted request per connection.
    if (t >= plan_.window_end_ns) return;
    if (!open_loop()) {
      send(c, t, t);
      return;
    }
    const std::int64_t due = intended_ns(c);
    if (due <= t) {
      send(c, t, due);  // late (the connection was busy): the wait counts as latency
    } else {
      due_.emplace(due, static_cast<std::uint32_t>(&c - conns_.data()));
    }
  }

  void send_due(std::int64_t t) {
    while (!due_.empty() && due_.top().first <= t) {
      const auto [due, index] = due_.top();
      due_.pop();
      Connection& c = conns_[index];
      // Stale entries (the connection was reset or already sent) are skipped.
      if (c.phase == Connection::Phase::kOpen && !c.in_flight && intended_ns(c) == due) send(c, t, due);
    }
  }

  void send(Connection& c, std::int64_t t, std::int64_t latency_start) {
    c.in_flight = true;
    c.written = 0;
    if (plan_.rotation.empty()) {
      c.request = &plan_.request_bytes;
    } else {
      c.request = &plan_.rotation[c.rotation_next % plan_.rotation.size()];
      ++c.rotation_next;
    }
    c.latency_start_ns = latency_start;
    c.deadline_ns = t + plan_.request_timeout_ns;
    write_more(c, t);
  }

  void write_more(Connection& c, std::int64_t t) {
    const auto& bytes = *c.request;
    while (c.written < bytes.size()) {
      const ssize_t n = ::send(c.fd, bytes.data() + c.written, bytes.size() - c.written, MSG_NOSIGNAL);
      if (n > 0) {
        c.written += static_cast<std::size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!c.want_write) c.want_write = set_events(c, EPOLLIN | EPOLLOUT);
        return;
      } else {
        // Reconnect from housekeeping, not here: no recursion if the server keeps failing at once.
        ++errors_at(t).write;
        ++c.sequence;
        c.in_flight = false;
        close_socket(c);
        c.retry_at_ns = t;
        return;
      }
    }
    if (c.want_write) {
      set_events(c, EPOLLIN);
      c.want_write = false;
    }
  }

  void dispatch(const epoll_event& ev) {
    const auto index = static_cast<std::size_t>(ev.data.u64 & 0xffffffffu);
    const auto generation = static_cast<std::uint32_t>(ev.data.u64 >> 32);
    Connection& c = conns_[index];
    if (c.generation != generation || c.fd < 0) return;  // an event of a socket closed meanwhile
    const std::int64_t t = now();
    if (c.phase == Connection::Phase::kConnecting) {
      if (socket_error(c.fd) == 0) {
        connected(c, t);
      } else {
        ++errors_at(t).connect;
        close_socket(c);
        c.retry_at_ns = t + kReconnectBackoffNs;
      }
      return;
    }
    if ((ev.events & EPOLLOUT) && c.want_write) {
      write_more(c, t);
      if (c.fd < 0) return;
    }
    if (ev.events & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable(c);
  }

  void on_readable(Connection& c) {
    const ssize_t n = ::recv(c.fd, buffer_.get(), kReadBufferBytes, 0);
    const std::int64_t t = now();
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
      ++errors_at(t).read;
      reconnect(c, t);
      return;
    }
    if (n == 0) {  // the server closed the connection
      if (c.in_flight) {
        if (c.parser.finish_at_eof()) {
          complete_response(c, t);
        } else {
          ++errors_at(t).read;
        }
      }
      reconnect(c, t);
      return;
    }
    std::string_view data(buffer_.get(), static_cast<std::size_t>(n));
    const auto generation = c.generation;
    while (!data.empty()) {
      if (!c.in_flight) {  // bytes nobody asked for
        ++errors_at(t).parse;
        reconnect(c, t);
        return;
      }
      data.remove_prefix(c.parser.feed(data));
      if (c.parser.failed()) {
        ++errors_at(t).parse;
        reconnect(c, t);
        return;
      }
      if (!c.parser.complete()) return;
      if (complete_response(c, t)) {
        reconnect(c, t);
        return;
      }
      if (c.generation != generation || c.fd < 0) return;  // the next request's write failed
    }
  }

  // Counts the response and starts the next request; returns true if the
  // server announced it closes the connection.
  bool complete_response(Connection& c, std::int64_t t) {
    const HttpResponse& r = c.parser.response();
    if (r.status != plan_.expect.status) {
      ++errors_at(t).status;
    } else if (plan_.expect.body_bytes && r.body_bytes != *plan_.expect.body_bytes) {
      ++errors_at(t).body;
    } else if (t < plan_.window_start_ns) {
      ++result_.warmup_requests;
    } else if (t < plan_.window_end_ns) {
      result_.latency.record(t - c.latency_start_ns);
      ++result_.requests;
      const auto slot = static_cast<std::size_t>((t - plan_.window_start_ns) / plan_.interval_ns);
      if (slot < result_.per_interval.size()) ++result_.per_interval[slot];
    }
    const bool server_closes = r.connection_close;
    c.in_flight = false;
    ++c.sequence;
    c.parser.reset();
    if (!server_closes) next_request(c, t);
    return server_closes;
  }

  void housekeeping(std::int64_t t) {
    for (auto& c : conns_) {
      if (c.phase == Connection::Phase::kDown && t >= c.retry_at_ns) {
        open(c, t);
      } else if (c.phase == Connection::Phase::kConnecting && t >= c.deadline_ns) {
        ++errors_at(t).connect;
        close_socket(c);
        c.retry_at_ns = t;
      } else if (c.phase == Connection::Phase::kOpen && c.in_flight && t >= c.deadline_ns) {
        ++errors_at(t).timeout;
        reconnect(c, t);
      }
    }
  }

  const LoadPlan& plan_;
  WorkerResult& result_;
  std::unique_ptr<char[]> buffer_;
  std::vector<Connection> conns_;
  int epoll_fd_ = -1;
  bool have_pwait2_ = true;
  double ns_per_request_ = 0;  // open loop only
  std::int64_t next_housekeeping_ns_ = 0;
  LoadErrors discarded_errors_;
  // Open loop: idle connections by their next due time (min-heap).
  using Due = std::pair<std::int64_t, std::uint32_t>;
  std::priority_queue<Due, std::vector<Due>, std::greater<Due>> due_;
};

}  // namespace

void run_load_worker(const LoadPlan& plan, const std::vector<int>& connection_ids, std::optional<int> cpu,
                     WorkerResult& result) {
  if (cpu) set_affinity({*cpu});
  result.cpus = current_affinity();
  // Open-loop sends wake on a timer: keep the kernel's timer slack (50 us by default) out of the latency.
  ::prctl(PR_SET_TIMERSLACK, 1000UL, 0UL, 0UL, 0UL);
  Worker worker(plan, connection_ids, result);
  worker.run();
}

}  // namespace xlb
