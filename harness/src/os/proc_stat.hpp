#pragma once
// CPU time of a process tree from /proc/<pid>/stat: what a server and its
// worker processes (PostgreSQL's backends) used over a measurement window.
#include <sys/types.h>

#include <optional>
#include <vector>

namespace xlb {

struct ProcCpu {
  pid_t ppid = 0;
  double user_s = 0, sys_s = 0;                    // the process itself
  double children_user_s = 0, children_sys_s = 0;  // its reaped children
};

// nullopt when the process is gone or its stat line does not parse.
std::optional<ProcCpu> read_proc_cpu(pid_t pid);

// Live processes whose parent is `pid`.
std::vector<pid_t> child_pids(pid_t pid);

// User + system seconds of `root`, its reaped children and its live children.
// A child that exits between two reads moves from "live" to "reaped", so the
// difference of two reads is the tree's CPU over the window (10 ms ticks).
double tree_cpu_seconds(pid_t root);

}  // namespace xlb
