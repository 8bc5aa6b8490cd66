#pragma once
// Two measuring runs at once on one machine disturb each other's numbers, so a
// run holds an advisory lock (flock) for its whole life. flock locks vanish with
// the process, so a crashed or killed run never leaves a stale lock behind.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace xlb {

class FileLock {
 public:
  // Takes an exclusive lock on `path` (created if needed) without waiting and
  // writes `note` into it for whoever is refused; nullopt when another process
  // holds it. Throws std::runtime_error naming the path when it cannot be opened.
  static std::optional<FileLock> try_acquire(const std::filesystem::path& path, const std::string& note);

  // What the current holder wrote ("pid 123, run 20240101-120000"), empty if unknown.
  static std::string holder_note(const std::filesystem::path& path);

  FileLock(FileLock&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  const std::filesystem::path& path() const { return path_; }

 private:
  FileLock(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::filesystem::path path_;
};

// The machine-wide lock file: $XLBENCH_LOCK_FILE, else <temp dir>/xlbench.lock.
std::filesystem::path machine_lock_path();

// The outcome of asking for the machine lock.
struct MachineLock {
  std::optional<FileLock> lock;  // empty when another run holds it and concurrency was allowed
  std::string other_run;         // the holder's note when this run is concurrent
  std::filesystem::path path;

  // For results.json: {"path", "exclusive", "concurrent_with"}.
  nlohmann::json to_json() const;
};

// Refuses (InputError, exit 2) when another run holds the machine lock, unless
// `allow_concurrent`: then warns and returns without the lock, naming the other run.
MachineLock acquire_machine_lock(const std::string& run_id, bool allow_concurrent);

}  // namespace xlb
