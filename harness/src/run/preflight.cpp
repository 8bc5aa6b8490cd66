#include "run/preflight.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <string>

#include "core/atomic_file.hpp"
#include "core/errors.hpp"

namespace xlb {

void check_results_dir(const std::filesystem::path& results_dir, std::uintmax_t min_free_bytes) {
  const std::string where = "results directory " + results_dir.string();
  std::error_code ec;
  std::filesystem::create_directories(results_dir, ec);
  if (ec) throw InputError(where + ": cannot create it: " + ec.message());
  if (!std::filesystem::is_directory(results_dir)) throw InputError(where + ": not a directory");
  const auto probe = results_dir / (".xlbench-write-test." + std::to_string(::getpid()));
  try {
    write_file_atomically(probe, "probe\n");
  } catch (const std::exception& e) {
    throw InputError(where + " is not writable: " + e.what());
  }
  std::filesystem::remove(probe, ec);
  struct statvfs fs {};
  if (::statvfs(results_dir.c_str(), &fs) == 0) {
    const std::uintmax_t free_bytes = static_cast<std::uintmax_t>(fs.f_bavail) * fs.f_frsize;
    if (free_bytes < min_free_bytes)
      throw InputError(where + " has only " + std::to_string(free_bytes / 1024) + " KB free; a run needs at least " +
                       std::to_string(min_free_bytes >> 20) + " MB");
  }
}

}  // namespace xlb
