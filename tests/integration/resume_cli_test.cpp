// `xlbench run --resume`: a run interrupted half-way is continued; every
// measurement ends up present once, with all its rounds, and no process run
// that finished before the interrupt is run again (the fakes log each start).
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/process.hpp>
#include <fstream>
#include <map>
#include <thread>

#include "model/plan.hpp"
#include "model/results.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

namespace bp = boost::process;
using nlohmann::json;

json slow_variant(const std::string& language, const std::string& name, const std::filesystem::path& log) {
  auto v = testing::fake_variant(language, "slow");
  v["name"] = name;
  v["target"] = name;
  v["command"] = {XLB_FAKE_VARIANT, "--behave", "slow", "--launch-log", log.string()};
  return v;
}

int lines_in(const std::filesystem::path& path) {
  std::ifstream in(path);
  int n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

int rounds_on_record(const std::filesystem::path& results) {
  try {
    int n = 0;
    for (const auto& m : load_results(results).measurements) n += m.rounds_done;
    return n;
  } catch (const std::exception&) {
    return 0;  // not written yet
  }
}

TEST(Resume, InterruptedRunIsCompletedWithoutMeasuringAnythingTwice) {
  ::setenv("XLBENCH_LOCK_FILE", testing::test_lock_file().c_str(), 1);
  const auto dir = testing::make_temp_dir("resume-log");
  const auto log = dir / "launches.log";
  auto root = testing::make_fake_project(
      "resume", json::array({slow_variant("go", "slow_a", log), slow_variant("rust", "slow_b", log),
                             slow_variant("rust", "slow_c", log)}));
  const auto results = root / "results" / "r1" / "results.json";
  constexpr int kRounds = 3, kVariants = 3;

  bp::child first(XLB_CLI, "--root", root.string(), "run", "--quick", "--rounds", std::to_string(kRounds),
                  "--run-id", "r1", bp::std_out > bp::null, bp::std_err > bp::null);
  for (int i = 0; i < 600 && rounds_on_record(results) < 4; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_GE(rounds_on_record(results), 4) << "the first run did not get going";
  ::kill(first.id(), SIGINT);
  first.wait();
  ASSERT_EQ(first.exit_code(), 130);

  const auto before = load_results(results);
  ASSERT_EQ(before.status, "interrupted");
  int finished_before = 0, cut = 0;
  for (const auto& m : before.measurements) {
    finished_before += m.rounds_done;
    if (m.status == "failed") {
      EXPECT_NE(m.reason.find("interrupted by the user"), std::string::npos) << m.reason;
      ++cut;
    }
  }
  ASSERT_LT(finished_before, kRounds * kVariants) << "interrupted too late to test anything";

  auto second = testing::run_xlbench({"--root", root.string(), "run", "--resume", "r1", "--no-build"});
  ASSERT_EQ(second.exit_code, 0) << second.err_tail;

  const auto after = load_results(results);
  EXPECT_EQ(after.status, "complete");
  ASSERT_EQ(after.measurements.size(), static_cast<size_t>(kVariants)) << "each measurement exactly once";
  std::map<std::string, int> seen;
  for (const auto& m : after.measurements) {
    ++seen[m.variant_id()];
    EXPECT_EQ(m.status, "ok") << m.reason;
    EXPECT_EQ(m.rounds_done, kRounds);
    EXPECT_EQ(m.runs.size(), static_cast<size_t>(kRounds));
    EXPECT_EQ(m.samples.size(), static_cast<size_t>(kRounds * xlb::quick_plan().samples_per_run));
    for (const auto& r : m.runs) EXPECT_EQ(r.sample_count, xlb::quick_plan().samples_per_run) << m.variant_id();
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kVariants));
  // What was finished before the interrupt is kept as it was: same process runs, same samples.
  for (const auto& b : before.measurements) {
    for (const auto& a : after.measurements) {
      if (a.variant_id() != b.variant_id()) continue;
      for (int r = 0; r < b.rounds_done; ++r) EXPECT_EQ(a.runs[r].wall_s, b.runs[r].wall_s) << a.variant_id();
      for (size_t k = 0; k < b.samples.size(); ++k) EXPECT_EQ(a.samples[k].ns, b.samples[k].ns);
    }
  }
  // Every process start is logged: each round once, plus at most the run the interrupt cut
  // (which may have been killed before it got to log its start).
  EXPECT_GE(lines_in(log), kRounds * kVariants);
  EXPECT_LE(lines_in(log), kRounds * kVariants + cut);
  EXPECT_EQ(after.environment["resumes"].size(), 1u);
  EXPECT_EQ(testing::count_processes_with(root.string()), 0);

  // A complete run cannot be resumed; nor can a resume change the plan.
  auto again = testing::run_xlbench({"--root", root.string(), "run", "--resume", "r1", "--no-build"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err_tail.find("already complete"), std::string::npos) << again.err_tail;
  std::filesystem::remove_all(root);
  std::filesystem::remove_all(dir);
}

TEST(Resume, BadRequestsExitTwoNamingTheProblem) {
  auto root = testing::make_fake_project("resume-bad", json::array({testing::fake_variant("go", "ok")}));
  auto unknown = testing::run_xlbench({"--root", root.string(), "run", "--resume", "nope"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err_tail.find("no run with this id"), std::string::npos) << unknown.err_tail;

  auto mixed = testing::run_xlbench({"--root", root.string(), "run", "--resume", "nope", "--samples", "5"});
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err_tail.find("--samples cannot be combined"), std::string::npos) << mixed.err_tail;

  auto path = testing::run_xlbench({"--root", root.string(), "run", "--resume", "../etc"});
  EXPECT_EQ(path.exit_code, 2);
  EXPECT_NE(path.err_tail.find("not a run id"), std::string::npos) << path.err_tail;

  auto exists = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--run-id", "twice"});
  ASSERT_EQ(exists.exit_code, 0) << exists.err_tail;
  exists = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--run-id", "twice"});
  EXPECT_EQ(exists.exit_code, 2);
  EXPECT_NE(exists.err_tail.find("already exists"), std::string::npos) << exists.err_tail;
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace xlb
