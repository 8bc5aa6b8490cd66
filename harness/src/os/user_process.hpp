#pragma once
// Background children that may run as another (unprivileged) user: PostgreSQL's
// initdb and postgres refuse to run as root. argv only (never a shell), their
// own process group, CPU pinning, stdout+stderr appended to a log file, and a
// parent-death signal so a killed harness does not leave a server behind.
// run_child (process.hpp) stays the place for children whose output is parsed;
// this file covers what it cannot: another uid, and not blocking until exit.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xlb {

struct RunAsUser {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::string home;
};

// The account's ids from the password database; nullopt when there is none.
std::optional<RunAsUser> lookup_user(const std::string& name);

struct UserProcessOptions {
  std::vector<std::string> argv;  // argv[0]: an absolute path
  std::optional<RunAsUser> user;  // switch to this uid/gid (needs root)
  std::vector<int> cpus;          // empty: inherit
  std::filesystem::path log;      // stdout and stderr appended here (required)
  std::filesystem::path cwd;      // empty: inherit
  std::map<std::string, std::string> env;  // the child's whole environment
  int parent_death_signal = 0;    // sent to the child when the spawning thread dies
};

// Starts the child and returns its pid once exec succeeded. Throws
// std::runtime_error naming the program and the failing step.
pid_t spawn_user_process(const UserProcessOptions& options);

struct ExitStatus {
  int exit_code = -1;
  int term_signal = 0;
  bool ok() const { return term_signal == 0 && exit_code == 0; }
  std::string describe() const;
};

// Reaps pid if it ended within `timeout` (0: just poll); nullopt while it runs.
std::optional<ExitStatus> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout);

// Runs a program to completion (spawn + wait). Kills its group on timeout or a
// user interrupt and throws std::runtime_error with the log's tail.
void run_user_process_to_end(const UserProcessOptions& options, std::chrono::milliseconds timeout);

// The last `bytes` of a text file (for error messages).
std::string file_tail(const std::filesystem::path& path, std::size_t bytes = 2048);

}  // namespace xlb
