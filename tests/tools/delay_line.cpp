// A wire with a fixed latency between two network namespaces, for the multi-host tests and
// scripts/multihost-netns-bench.sh on kernels without sch_netem (`tc qdisc add ... netem delay`
// is the usual tool; this machine's kernel has no netem). It creates a TAP device in each
// namespace and copies every Ethernet frame from one to the other after the delay of its
// direction, in order: added latency like netem's, at the cost of the copies' CPU time (which
// a run through it with --delay-us 0 measures too).
//
//   xlbench_delay_line --ns-a NS --ns-b NS [--tap NAME] [--delay-us N] [--return-delay-us M]
//
// N delays frames from A to B, M from B to A (default 0). Prints "ready" once both devices exist
// (the caller then gives them addresses and sets them up); runs until SIGTERM or SIGINT.
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> g_stop{false};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "xlbench_delay_line: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(1);
}

// A TAP device named `tap` in network namespace `ns` (ip netns's /var/run/netns/<ns>), non-blocking.
int open_tap_in(const std::string& ns, const std::string& tap) {
  const int here = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  const int there = ::open(("/var/run/netns/" + ns).c_str(), O_RDONLY | O_CLOEXEC);
  if (here < 0 || there < 0) die("opening the namespace " + ns);
  if (::setns(there, CLONE_NEWNET) != 0) die("entering the namespace " + ns);
  const int fd = ::open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) die("opening /dev/net/tun");
  ifreq ifr{};
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
  std::snprintf(ifr.ifr_name, IFNAMSIZ, "%s", tap.c_str());
  if (::ioctl(fd, TUNSETIFF, &ifr) != 0) die("creating " + tap + " in " + ns);
  if (::setns(here, CLONE_NEWNET) != 0) die("returning to this namespace");
  ::close(here);
  ::close(there);
  return fd;
}

struct Frame {
  Clock::time_point due;
  std::vector<char> bytes;
};

// Copies frames from `in` to `out`, each `delay` after it was read, in order.
void forward(int in, int out, std::chrono::microseconds delay) {
  ::prctl(PR_SET_TIMERSLACK, 1UL);  // wake-ups on time, not up to 50 us late
  std::deque<Frame> queue;
  char buffer[65536];
  while (!g_stop) {
    timespec wait{0, 100'000'000};  // look at g_stop at least every 100 ms
    if (!queue.empty()) {
      const auto left = std::max(Clock::duration::zero(), queue.front().due - Clock::now());
      const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
      if (ns < 100'000'000) wait = {0, static_cast<long>(ns)};
    }
    pollfd p{in, POLLIN, 0};
    if (::ppoll(&p, 1, &wait, nullptr) < 0 && errno != EINTR) die("ppoll");
    for (;;) {  // every frame waiting now
      const ssize_t got = ::read(in, buffer, sizeof buffer);
      if (got <= 0) break;
      queue.push_back({Clock::now() + delay, std::vector<char>(buffer, buffer + got)});
    }
    const auto now = Clock::now();
    while (!queue.empty() && queue.front().due <= now) {
      const auto& bytes = queue.front().bytes;
      // A full device queue drops the frame, as a congested link would; TCP resends it.
      if (::write(out, bytes.data(), bytes.size()) < 0 && errno != EAGAIN && errno != EIO) die("writing a frame");
      queue.pop_front();
    }
  }
}

std::string value_of(int& i, int argc, char** argv) {
  if (i + 1 >= argc) throw std::invalid_argument(std::string(argv[i]) + " needs a value");
  return argv[++i];
}

}  // namespace

int main(int argc, char** argv) {
  std::string ns_a, ns_b, tap = "xlbtap";
  long delay_us = 0, return_delay_us = 0;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--ns-a") ns_a = value_of(i, argc, argv);
      else if (arg == "--ns-b") ns_b = value_of(i, argc, argv);
      else if (arg == "--tap") tap = value_of(i, argc, argv);
      else if (arg == "--delay-us") delay_us = std::stol(value_of(i, argc, argv));
      else if (arg == "--return-delay-us") return_delay_us = std::stol(value_of(i, argc, argv));
      else throw std::invalid_argument("unknown argument " + arg);
    }
    if (ns_a.empty() || ns_b.empty()) throw std::invalid_argument("--ns-a and --ns-b are required");
    if (delay_us < 0 || return_delay_us < 0 || delay_us > 10'000'000 || return_delay_us > 10'000'000)
      throw std::invalid_argument("delays are microseconds in 0..10000000");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "xlbench_delay_line: %s\n", e.what());
    return 2;
  }
  struct sigaction sa {};
  sa.sa_handler = [](int) { g_stop = true; };
  ::sigaction(SIGTERM, &sa, nullptr);
  ::sigaction(SIGINT, &sa, nullptr);
  const int a = open_tap_in(ns_a, tap), b = open_tap_in(ns_b, tap);
  std::printf("ready\n");
  std::fflush(stdout);
  std::thread there(forward, a, b, std::chrono::microseconds(delay_us));
  std::thread back(forward, b, a, std::chrono::microseconds(return_delay_us));
  there.join();
  back.join();
  return 0;
}
