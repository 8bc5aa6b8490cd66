#include "os/run_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <spdlog/spdlog.h>
#include <stdexcept>

#include "core/errors.hpp"

namespace xlb {

std::optional<FileLock> FileLock::try_acquire(const std::filesystem::path& path, const std::string& note) {
  // O_CLOEXEC: a variant (or a grandchild that outlives it) must not inherit the lock.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0 && errno == EACCES) fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // another user's file
  if (fd < 0) throw std::runtime_error(path.string() + ": cannot open lock file: " + std::strerror(errno));
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) return std::nullopt;
    throw std::runtime_error(path.string() + ": cannot lock: " + std::strerror(err));
  }
  // Best effort: a read-only descriptor cannot carry the note, the lock still holds.
  if (::ftruncate(fd, 0) == 0) {
    const std::string text = note + "\n";
    if (::pwrite(fd, text.data(), text.size(), 0) < 0) spdlog::debug("{}: note not written", path.string());
  }
  return FileLock(fd, path);
}

std::string FileLock::holder_note(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

std::filesystem::path machine_lock_path() {
  if (const char* env = std::getenv("XLBENCH_LOCK_FILE"); env && *env) return env;
  return std::filesystem::temp_directory_path() / "xlbench.lock";
}

nlohmann::json MachineLock::to_json() const {
  nlohmann::json j = {{"path", path.string()}, {"exclusive", lock.has_value()}};
  if (!other_run.empty()) j["concurrent_with"] = other_run;
  return j;
}

MachineLock acquire_machine_lock(const std::string& run_id, bool allow_concurrent) {
  MachineLock result;
  result.path = machine_lock_path();
  const std::string note = "pid " + std::to_string(::getpid()) + ", run " + run_id;
  result.lock = FileLock::try_acquire(result.path, note);
  if (result.lock) return result;
  std::string other = FileLock::holder_note(result.path);
  if (other.empty()) other = "another xlbench run";
  if (!allow_concurrent)
    throw InputError("another xlbench run is measuring on this machine (" + other + ", lock " +
                     result.path.string() +
                     "); two runs at once disturb each other's numbers. Wait for it to finish, or pass "
                     "--allow-concurrent to run anyway (the results then record it)");
  spdlog::warn("running concurrently with {} (--allow-concurrent): both runs' measurements may be disturbed",
               other);
  result.other_run = other;
  return result;
}

}  // namespace xlb
