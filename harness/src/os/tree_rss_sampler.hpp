#pragma once
// The resident memory of a whole build: wait4's ru_maxrss is the peak of the
// single largest process in the tree (Linux keeps the maximum over a child and
// its reaped descendants, never a sum), so a parallel build's total footprint
// needs sampling. This samples, on a background thread, the sum of RSS of every
// live descendant of this process and keeps the peak.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

namespace xlb {

// Sum of resident memory (kB; shared pages counted once per process) of every
// live process descending from `ancestor`, from /proc/<pid>/stat.
long descendants_rss_kb(pid_t ancestor);

class TreeRssSampler {
 public:
  using Heartbeat = std::function<void(std::chrono::seconds elapsed)>;

  // Starts sampling the descendants of this process every `interval`; calls
  // `heartbeat` (from the sampling thread) every `heartbeat_every` until stopped.
  explicit TreeRssSampler(std::chrono::milliseconds interval, std::chrono::seconds heartbeat_every = {},
                          Heartbeat heartbeat = {});
  ~TreeRssSampler();
  TreeRssSampler(const TreeRssSampler&) = delete;
  TreeRssSampler& operator=(const TreeRssSampler&) = delete;

  // Stops sampling (idempotent) and returns the highest sum seen.
  long stop();

 private:
  std::atomic<bool> stop_{false};
  std::atomic<long> peak_kb_{0};
  std::thread thread_;
};

}  // namespace xlb
