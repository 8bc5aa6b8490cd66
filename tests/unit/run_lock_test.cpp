// Unit tests for the run lock and the results-directory pre-flight.
#include "os/run_lock.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/errors.hpp"
#include "run/preflight.hpp"
#include "test_util.hpp"

namespace {

using xlb::FileLock;
using xlb::unit::TempDir;

TEST(FileLock, SecondHolderIsRefusedUntilTheFirstLetsGo) {
  TempDir dir("lock");
  const auto path = dir / "x.lock";
  {
    auto first = FileLock::try_acquire(path, "pid 1, run first");
    ASSERT_TRUE(first);
    EXPECT_FALSE(FileLock::try_acquire(path, "pid 2, run second"));  // flock: per open file, even in one process
    EXPECT_EQ(FileLock::holder_note(path), "pid 1, run first");
  }
  EXPECT_TRUE(FileLock::try_acquire(path, "pid 3, run third"));
}

TEST(FileLock, ADeadHolderLeavesNoStaleLock) {
  TempDir dir("lock");
  const std::string path = (dir / "x.lock").string();
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // only system calls between fork and death
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0644);
    if (fd < 0 || ::flock(fd, LOCK_EX) != 0) ::_exit(3);
    ::kill(::getpid(), SIGKILL);  // a crash: nothing is cleaned up
    ::_exit(4);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the holder should have been killed";
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_TRUE(FileLock::try_acquire(path, "after the crash"));
}

TEST(MachineLock, RefusedWithTheHoldersNameOrAllowedAndRecorded) {
  TempDir dir("lock");
  const auto path = dir / "machine.lock";
  ::setenv("XLBENCH_LOCK_FILE", path.c_str(), 1);
  auto holder = FileLock::try_acquire(path, "pid 42, run nightly");
  ASSERT_TRUE(holder);
  try {
    xlb::acquire_machine_lock("mine", false);
    ADD_FAILURE() << "a second run was not refused";
  } catch (const xlb::InputError& e) {
    EXPECT_CONTAINS(e.what(), "pid 42, run nightly");
    EXPECT_CONTAINS(e.what(), "--allow-concurrent");
  }
  auto concurrent = xlb::acquire_machine_lock("mine", true);
  EXPECT_FALSE(concurrent.lock);
  EXPECT_EQ(concurrent.to_json()["exclusive"], false);
  EXPECT_EQ(concurrent.to_json()["concurrent_with"], "pid 42, run nightly");
  holder.reset();
  auto alone = xlb::acquire_machine_lock("mine", false);
  EXPECT_TRUE(alone.lock);
  EXPECT_EQ(alone.to_json()["exclusive"], true);
  EXPECT_EQ(FileLock::holder_note(path), "pid " + std::to_string(::getpid()) + ", run mine");
  ::unsetenv("XLBENCH_LOCK_FILE");
}

TEST(Preflight, CreatesAWritableDirectory) {
  TempDir dir("preflight");
  EXPECT_NO_THROW(xlb::check_results_dir(dir / "a" / "b"));
  EXPECT_TRUE(std::filesystem::is_directory(dir / "a" / "b"));
  EXPECT_TRUE(std::filesystem::is_empty(dir / "a" / "b")) << "the probe file must be removed";
}

TEST(Preflight, AFileInTheWayIsNamed) {
  TempDir dir("preflight");
  xlb::unit::write_text(dir / "file", "x");
  try {
    xlb::check_results_dir(dir / "file" / "results");
    ADD_FAILURE() << "no error";
  } catch (const xlb::InputError& e) {
    EXPECT_CONTAINS(e.what(), (dir / "file" / "results").string());
  }
}

TEST(Preflight, TooLittleFreeSpaceIsRefused) {
  TempDir dir("preflight");
  try {
    xlb::check_results_dir(dir.path(), std::uintmax_t{1} << 62);  // more than any disk
    ADD_FAILURE() << "no error";
  } catch (const xlb::InputError& e) {
    EXPECT_CONTAINS(e.what(), "KB free");
  }
}

}  // namespace
