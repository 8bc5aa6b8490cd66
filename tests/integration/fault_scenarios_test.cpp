// One run per fault: a well-behaved variant next to a misbehaving one. After
// each run: the run completes, results.json parses, the good variant's
// measurement is whole, the bad one costs its own row with a reason that says
// what happened, and no process of either is left (argv marker scan of /proc).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/plan.hpp"
#include "model/results.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

using nlohmann::json;

struct Scenario {
  std::string behave;
  std::string status;                   // of the misbehaving variant's measurement
  std::vector<std::string> reason_has;  // substrings of its reason
  std::vector<std::string> extra_args;
};

std::ostream& operator<<(std::ostream& os, const Scenario& s) { return os << s.behave; }

class FaultScenario : public ::testing::TestWithParam<Scenario> {};

TEST_P(FaultScenario, CostsOneRowAndLeavesNoProcess) {
  const Scenario& s = GetParam();
  auto root = testing::make_fake_project(
      "fault-" + s.behave, json::array({testing::fake_variant("go", "ok"), testing::fake_variant("rust", s.behave)}));
  std::vector<std::string> args = {"--root", root.string(), "run", "--quick", "--timeout-s", "2", "--run-id", "f"};
  args.insert(args.end(), s.extra_args.begin(), s.extra_args.end());
  auto run = testing::run_xlbench(args);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;

  const auto doc = load_results(root / "results" / "f" / "results.json");  // throws if it does not parse
  EXPECT_EQ(doc.status, "complete");
  ASSERT_EQ(doc.measurements.size(), 2u);
  const auto& good = doc.measurements[0];
  const auto& bad = doc.measurements[1];
  ASSERT_EQ(good.variant, "ok");
  EXPECT_EQ(good.status, "ok");
  EXPECT_EQ(good.samples.size(), 10u) << "the good variant's measurement must be whole";
  EXPECT_EQ(good.rounds_done, xlb::quick_plan().rounds);
  EXPECT_EQ(bad.variant, s.behave);
  EXPECT_EQ(bad.status, s.status) << bad.reason;
  for (const auto& part : s.reason_has) EXPECT_NE(bad.reason.find(part), std::string::npos) << bad.reason;
  if (s.status != "ok") {
    EXPECT_TRUE(bad.samples.empty()) << "a failed process run's samples must not be kept";
  }
  EXPECT_LE(bad.stderr_tail.size(), 4096u);
  EXPECT_EQ(testing::count_processes_with(root.string()), 0) << "orphan processes left";
  std::filesystem::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(
    Faults, FaultScenario,
    ::testing::Values(
        // "of 5 samples": the quick plan's samples per process run.
        Scenario{"crash", "failed", {"killed by signal", "SIGSEGV", "after 2 of 5 samples"}, {}},
        Scenario{"exit1", "failed", {"exit 1"}, {}},
        Scenario{"wrong_checksum", "invalid", {"checksum differs", "strings"}, {}},
        Scenario{"garbage", "failed", {"protocol", "not a JSON line"}, {}},
        // Invalid UTF-8 in the reason and the stderr tail must not break writing results.json.
        Scenario{"binary_output", "failed", {"not a JSON line"}, {}},
        Scenario{"long_line", "failed", {"exceeds the limit of 65536 bytes"}, {}},
        Scenario{"few_samples", "failed", {"done after 4 of 5 samples"}, {}},
        Scenario{"no_output", "failed", {"exited before finishing the protocol", "before hello"}, {}},
        Scenario{"flood_stdout", "failed", {"exceeds the limit"}, {}},
        // A chatty variant is not a broken one: 64 MB of stderr, then a correct protocol run.
        Scenario{"flood_stderr", "ok", {}, {}},
        Scenario{"alloc", "failed", {"exceeded memory limit of 128 MB (RSS "}, {"--memory-limit-mb", "128"}},
        Scenario{"hang_setup", "failed", {"timed out", "before hello"}, {}},
        Scenario{"hang", "failed", {"timed out", "after 1 of 5 samples"}, {}},
        Scenario{"ignore_sigterm", "failed", {"timed out"}, {}},
        // SIGTERM ignored by the variant and by its own child: SIGKILL of the group ends both.
        Scenario{"group_ignore_sigterm", "failed", {"timed out"}, {}}),
    [](const ::testing::TestParamInfo<Scenario>& info) { return info.param.behave; });

TEST(MemoryLimit, IsRecordedInThePlanAndSparesNormalVariants) {
  auto root = testing::make_fake_project("memlimit", json::array({testing::fake_variant("go", "ok")}));
  auto run = testing::run_xlbench(
      {"--root", root.string(), "run", "--quick", "--run-id", "m", "--memory-limit-mb", "256"});
  ASSERT_EQ(run.exit_code, 0) << run.err_tail;
  const auto doc = load_results(root / "results" / "m" / "results.json");
  EXPECT_EQ(doc.plan["memory_limit_mb"], 256);
  EXPECT_EQ(doc.measurements.at(0).status, "ok");
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace xlb
