// Disk trouble. An unusable results directory is refused before anything runs
// (exit 2, naming it). A disk that fills up half-way stops the run with an
// error naming the file (exit 1), leaves the last results.json whole and valid,
// and `run --resume` finishes the run once there is room again.
//
// "Full" and "read-only" are real: a small tmpfs mounted for the test in a
// private mount namespace (needs root or CAP_SYS_ADMIN; skipped otherwise).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <fstream>
#include <thread>

#include "model/plan.hpp"
#include "model/results.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

namespace bp = boost::process;
using nlohmann::json;

// Mounts a tmpfs of `size` on `dir`, visible to this process and its children only.
bool mount_tmpfs(const std::filesystem::path& dir, const std::string& size, bool read_only) {
  static const bool private_namespace = [] {
    return ::unshare(CLONE_NEWNS) == 0 && ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
  }();
  if (!private_namespace) return false;
  const std::string options = "size=" + size;
  return ::mount("tmpfs", dir.c_str(), "tmpfs", read_only ? MS_RDONLY : 0, options.c_str()) == 0;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Writes until the file system says it is full.
void fill_up(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  std::string chunk(1 << 20, 'f');
  for (size_t size : {size_t{1} << 20, size_t{4096}, size_t{1}})
    while (::write(fd, chunk.data(), size) > 0) {
    }
  ::close(fd);
}

json slow(const std::string& language, const std::string& name) {
  auto v = testing::fake_variant(language, "slow");
  v["name"] = name;
  v["target"] = name;
  v["command"] = {XLB_FAKE_VARIANT, "--behave", "slow"};
  return v;
}

TEST(DiskFaults, ResultsDirThatIsAFileIsRefusedBeforeTheRun) {
  auto root = testing::make_fake_project("disk-file", json::array({testing::fake_variant("go", "ok")}));
  std::ofstream(root / "occupied") << "x";
  const auto target = root / "occupied" / "results";
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--results-dir", target.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("results directory " + target.string()), std::string::npos) << run.err_tail;
  std::filesystem::remove_all(root);
}

TEST(DiskFaults, ReadOnlyResultsDirIsRefusedBeforeTheRun) {
  auto root = testing::make_fake_project("disk-ro", json::array({testing::fake_variant("go", "ok")}));
  const auto target = root / "ro";
  std::filesystem::create_directories(target);
  if (!mount_tmpfs(target, "1m", true)) GTEST_SKIP() << "cannot mount a tmpfs here (needs CAP_SYS_ADMIN)";
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--results-dir", target.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("results directory " + target.string() + " is not writable"), std::string::npos)
      << run.err_tail;
  EXPECT_NE(run.err_tail.find("Read-only file system"), std::string::npos) << run.err_tail;
  ::umount2(target.c_str(), MNT_DETACH);
  std::filesystem::remove_all(root);
}

TEST(DiskFaults, TooSmallResultsDirIsRefusedBeforeTheRun) {
  auto root = testing::make_fake_project("disk-small", json::array({testing::fake_variant("go", "ok")}));
  const auto target = root / "small";
  std::filesystem::create_directories(target);
  if (!mount_tmpfs(target, "1m", false)) GTEST_SKIP() << "cannot mount a tmpfs here (needs CAP_SYS_ADMIN)";
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--results-dir", target.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("KB free; a run needs at least 8 MB"), std::string::npos) << run.err_tail;
  ::umount2(target.c_str(), MNT_DETACH);
  std::filesystem::remove_all(root);
}

TEST(DiskFaults, DiskFullHalfWayKeepsTheLastGoodResultsAndResumes) {
  ::setenv("XLBENCH_LOCK_FILE", testing::test_lock_file().c_str(), 1);
  auto root = testing::make_fake_project("disk-full", json::array({slow("go", "s1"), slow("go", "s2"),
                                                                   slow("rust", "s3"), slow("rust", "s4")}));
  const auto target = root / "full";
  std::filesystem::create_directories(target);
  if (!mount_tmpfs(target, "12m", false)) GTEST_SKIP() << "cannot mount a tmpfs here (needs CAP_SYS_ADMIN)";
  const auto results = target / "d1" / "results.json";
  const auto err_file = root / "stderr.txt";

  bp::child run(XLB_CLI, "--root", root.string(), "run", "--quick", "--rounds", "3", "--run-id", "d1",
                "--results-dir", target.string(), bp::std_out > bp::null, bp::std_err > err_file.string());
  auto rounds_on_record = [&] {
    try {
      int n = 0;
      for (const auto& m : load_results(results).measurements) n += m.rounds_done;
      return n;
    } catch (const std::exception&) {
      return 0;
    }
  };
  for (int i = 0; i < 600 && rounds_on_record() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_GE(rounds_on_record(), 2);
  const auto snapshot = load_results(results);
  fill_up(target / "filler");
  run.wait();

  EXPECT_EQ(run.exit_code(), 1);
  const auto err = read_text(err_file);
  EXPECT_NE(err.find("No space left on device"), std::string::npos) << err;
  EXPECT_NE(err.find((target / "d1").string()), std::string::npos) << "the error must name the file: " << err;

  // The file on disk is the last complete write: valid, and nothing that was on record is lost.
  const auto kept = load_results(results);
  EXPECT_EQ(kept.status, "running");
  int kept_rounds = 0;
  for (const auto& m : kept.measurements) kept_rounds += m.rounds_done;
  for (const auto& m : snapshot.measurements) {
    bool found = false;
    for (const auto& k : kept.measurements)
      if (k.variant_id() == m.variant_id()) {
        found = true;
        EXPECT_GE(k.rounds_done, m.rounds_done);
        EXPECT_GE(k.samples.size(), m.samples.size());
      }
    EXPECT_TRUE(found) << m.variant_id() << " was on record and is gone";
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(target))
    EXPECT_EQ(entry.path().filename().string().find(".tmp."), std::string::npos) << "left behind: " << entry.path();
  EXPECT_EQ(testing::count_processes_with(root.string()), 0);

  // Room again: the run continues where the disk stopped it.
  std::filesystem::remove(target / "filler");
  auto resumed = testing::run_xlbench(
      {"--root", root.string(), "run", "--resume", "d1", "--no-build", "--results-dir", target.string()});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err_tail;
  const auto done = load_results(results);
  EXPECT_EQ(done.status, "complete");
  ASSERT_EQ(done.measurements.size(), 4u);
  for (const auto& m : done.measurements) {
    EXPECT_EQ(m.status, "ok") << m.reason;
    EXPECT_EQ(m.rounds_done, 3);
    EXPECT_EQ(m.samples.size(), static_cast<size_t>(3 * xlb::quick_plan().samples_per_run));
  }
  EXPECT_GE(kept_rounds, snapshot.measurements.empty() ? 0 : 2);
  ::umount2(target.c_str(), MNT_DETACH);
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace xlb
