// Ctrl-C (SIGINT) or SIGTERM in the middle of a run: the running variant's
// process group is killed, the results file is valid, says "interrupted" and
// keeps what was measured before, and the report is still written.
#include <gtest/gtest.h>
#include <signal.h>

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

class Interrupt : public ::testing::TestWithParam<int> {};

TEST_P(Interrupt, KeepsCompletedMeasurements) {
  ::setenv("XLBENCH_LOCK_FILE", testing::test_lock_file().c_str(), 1);
  auto root = testing::make_fake_project(
      "interrupt", json::array({testing::fake_variant("go", "ok"), testing::fake_variant("rust", "hang")}));
  const auto results = root / "results" / "int" / "results.json";
  bp::child xlbench(XLB_CLI, "--root", root.string(), "run", "--quick", "--timeout-s", "60", "--run-id", "int",
                    bp::std_out > bp::null, bp::std_err > bp::null);

  // Wait until the first variant's samples are on disk and the hanging one runs.
  bool measured = false;
  for (int i = 0; i < 300 && !measured; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    try {
      auto doc = load_results(results);
      measured = !doc.measurements.empty() && !doc.measurements[0].samples.empty();
    } catch (const std::exception&) {
    }
  }
  ASSERT_TRUE(measured) << "the ok variant never finished";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(xlbench.id(), GetParam());
  xlbench.wait();
  EXPECT_EQ(xlbench.exit_code(), 130);

  auto doc = load_results(results);
  EXPECT_EQ(doc.status, "interrupted");
  ASSERT_EQ(doc.measurements.size(), 2u);
  EXPECT_EQ(doc.measurements[0].status, "ok");
  // Its first process run (the hanging variant's comes next, and never ends).
  EXPECT_EQ(doc.measurements[0].samples.size(), static_cast<size_t>(xlb::quick_plan().samples_per_run));
  EXPECT_EQ(doc.measurements[1].status, "failed");
  EXPECT_NE(doc.measurements[1].reason.find("interrupted"), std::string::npos) << doc.measurements[1].reason;
  EXPECT_TRUE(std::filesystem::exists(root / "results" / "int" / "report.md"));
  EXPECT_EQ(testing::count_processes_with(root.string()), 0);
  std::filesystem::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(Signals, Interrupt, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::string(sigabbrev_np(info.param));
                         });

}  // namespace
}  // namespace xlb
