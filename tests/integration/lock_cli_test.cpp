// Two measuring runs at once on one machine: the second is refused (exit 2,
// naming the first), or with --allow-concurrent it runs and its results say so.
#include <gtest/gtest.h>

#include "model/results.hpp"
#include "os/run_lock.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

using nlohmann::json;

TEST(RunLock, SecondRunIsRefusedOrExplicitlyAllowed) {
  auto root = testing::make_fake_project("lock", json::array({testing::fake_variant("go", "ok")}));
  auto holder = FileLock::try_acquire(testing::test_lock_file(), "pid 4242, run nightly");
  ASSERT_TRUE(holder) << "the test's lock file is busy";

  auto refused = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--run-id", "second"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err_tail.find("another xlbench run is measuring on this machine"), std::string::npos)
      << refused.err_tail;
  EXPECT_NE(refused.err_tail.find("pid 4242, run nightly"), std::string::npos) << refused.err_tail;
  EXPECT_FALSE(std::filesystem::exists(root / "results" / "second")) << "a refused run must not start";

  auto allowed = testing::run_xlbench(
      {"--root", root.string(), "run", "--quick", "--run-id", "concurrent", "--allow-concurrent"});
  ASSERT_EQ(allowed.exit_code, 0) << allowed.err_tail;
  EXPECT_NE(allowed.err_tail.find("running concurrently with pid 4242, run nightly"), std::string::npos)
      << allowed.err_tail;
  auto doc = load_results(root / "results" / "concurrent" / "results.json");
  EXPECT_EQ(doc.environment["run_lock"]["exclusive"], false);
  EXPECT_EQ(doc.environment["run_lock"]["concurrent_with"], "pid 4242, run nightly");
  EXPECT_EQ(doc.measurements.at(0).status, "ok");

  holder.reset();  // the first run ends: the next one runs alone
  auto alone = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--run-id", "alone"});
  ASSERT_EQ(alone.exit_code, 0) << alone.err_tail;
  doc = load_results(root / "results" / "alone" / "results.json");
  EXPECT_EQ(doc.environment["run_lock"]["exclusive"], true);
  EXPECT_FALSE(doc.environment["run_lock"].contains("concurrent_with"));
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace xlb
