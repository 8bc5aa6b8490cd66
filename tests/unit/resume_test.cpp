// Unit tests for `run --resume`: the plan and selection survive the results
// file, an interrupted measurement is reopened without its cut process run,
// and a changed input or a complete run is refused.
#include "run/resume.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "os/process.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::InputError;
using xlb::Measurement;
using xlb::Plan;
using xlb::ProcessRun;
using xlb::unit::TempDir;

std::string input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

TEST(PlanFromJson, EveryFieldSurvivesTheRoundTrip) {
  Plan p = xlb::quick_plan();
  p.warmup_ms = 7;
  p.samples_per_run = 13;
  p.min_sample_ms = 17;
  p.rounds = 4;
  p.spawn_runs = 6;
  p.timeout_s = 9;
  p.threads = 2;
  p.variant_cpus = {1};
  p.harness_cpus = {0, 2};
  p.threshold = 0.07;
  p.memory_limit_mb = 321;
  p.rust_malloc = "default";
  const Plan back = xlb::plan_from_json(xlb::plan_json(p), "r.json");
  EXPECT_EQ(xlb::plan_json(back), xlb::plan_json(p));
  EXPECT_EQ(back.name, "quick");
}

TEST(PlanFromJson, MissingFieldsComeFromTheNamedPlan) {
  const Plan back = xlb::plan_from_json({{"name", "full"}, {"rust_malloc", "steady"}}, "r.json");
  EXPECT_EQ(xlb::plan_json(back), xlb::plan_json(xlb::full_plan()));
}

TEST(PlanFromJson, RunsRecordedBeforeTheMallocPolicyResumeWithGlibcDefaults) {
  EXPECT_EQ(xlb::full_plan().rust_malloc, "steady");
  EXPECT_EQ(xlb::plan_from_json({{"name", "full"}}, "r.json").rust_malloc, "default");
  EXPECT_CONTAINS(input_error([] { xlb::plan_from_json({{"name", "full"}, {"rust_malloc", "fast"}}, "r.json"); }),
                  "plan.rust_malloc: unknown value 'fast'");
  EXPECT_CONTAINS(input_error([] { xlb::plan_from_json({{"name", "full"}, {"rust_malloc", 1}}, "r.json"); }),
                  "plan.rust_malloc");
}

TEST(PlanFromJson, BadFieldsAreNamed) {
  EXPECT_CONTAINS(input_error([] { xlb::plan_from_json({{"name", "huge"}}, "r.json"); }), "plan.name");
  EXPECT_CONTAINS(input_error([] { xlb::plan_from_json({{"name", "quick"}, {"rounds", "3"}}, "r.json"); }),
                  "plan.rounds");
  EXPECT_CONTAINS(input_error([] { xlb::plan_from_json({{"name", "quick"}, {"rounds", 0}}, "r.json"); }),
                  "out of range");
  EXPECT_CONTAINS(input_error([] { xlb::plan_from_json({{"name", "quick"}, {"variant_cpus", {"a"}}}, "r.json"); }),
                  "plan.variant_cpus");
}

TEST(SelectionJson, RoundTripAndErrors) {
  xlb::Selection s;
  s.workloads = {"json"};
  s.variants = {"rust/serde_json", "encoding_json"};
  s.modes = {"typed"};
  const auto back = xlb::selection_from_json(xlb::selection_json(s), "r.json");
  EXPECT_EQ(back.workloads, s.workloads);
  EXPECT_EQ(back.variants, s.variants);
  EXPECT_EQ(back.modes, s.modes);
  EXPECT_TRUE(back.languages.empty());
  EXPECT_CONTAINS(input_error([] { xlb::selection_from_json({{"inputs", {1}}}, "r.json"); }), "selection.inputs");
}

Measurement measurement(const std::string& variant) {
  Measurement m;
  m.workload = "json";
  m.mode = "dom";
  m.input = "small";
  m.language = "rust";
  m.variant = variant;
  return m;
}

TEST(FindMeasurement, MatchesTheWholeKey) {
  xlb::ResultsDoc doc;
  doc.measurements = {measurement("a"), measurement("b")};
  EXPECT_EQ(xlb::find_measurement(doc, measurement("b")), 1u);
  auto other_mode = measurement("b");
  other_mode.mode = "typed";
  EXPECT_FALSE(xlb::find_measurement(doc, other_mode));
}

TEST(ReopenInterrupted, DropsTheCutRunAndKeepsTheFinishedOnes) {
  Measurement m = measurement("a");
  ProcessRun done;
  done.outcome = "ok";
  done.wall_s = 1.5;
  ProcessRun cut;
  cut.outcome = std::string(xlb::kInterruptedByUser) + " (after 3 of 10 samples)";
  m.runs = {done, cut};
  m.samples = {{10, 100}, {10, 110}};
  m.rounds_done = 1;
  m.status = "failed";
  m.reason = cut.outcome;
  ASSERT_TRUE(xlb::interrupted_by_user(m));
  xlb::reopen_interrupted(m);
  EXPECT_EQ(m.status, "ok");
  EXPECT_EQ(m.reason, "");
  ASSERT_EQ(m.runs.size(), 1u);
  EXPECT_EQ(m.runs[0].wall_s, 1.5);
  EXPECT_EQ(m.samples.size(), 2u);
  EXPECT_EQ(m.rounds_done, 1);
}

TEST(ReopenInterrupted, SpawnWarmupCutIsDropped) {
  Measurement m = measurement("a");
  m.warmup = json::array({{{"ns", 0}, {"outcome", std::string(xlb::kInterruptedByUser) + " in the warm-up run"}}});
  m.status = "failed";
  m.reason = m.warmup[0]["outcome"];
  xlb::reopen_interrupted(m);
  EXPECT_EQ(m.status, "ok");
  EXPECT_TRUE(m.warmup.empty());
}

TEST(ReopenInterrupted, RealFailuresStayFailed) {
  Measurement m = measurement("a");
  m.status = "failed";
  m.reason = "killed by signal 11 (SIGSEGV) (after 2 of 10 samples)";
  ProcessRun r;
  r.outcome = m.reason;
  m.runs = {r};
  EXPECT_FALSE(xlb::interrupted_by_user(m));
  xlb::reopen_interrupted(m);
  EXPECT_EQ(m.status, "failed");
  EXPECT_EQ(m.runs.size(), 1u);
}

TEST(CheckSameInputs, ChangedBytesAreRefused) {
  const json before = json::array({{{"workload", "json"}, {"name", "small"}, {"sha256", "aa"}}});
  const json same = before;
  const json changed = json::array({{{"workload", "json"}, {"name", "small"}, {"sha256", "bb"}}});
  EXPECT_NO_THROW(xlb::check_same_inputs(before, same, "r1"));
  EXPECT_CONTAINS(input_error([&] { xlb::check_same_inputs(before, changed, "r1"); }), "json/small changed");
  EXPECT_NO_THROW(xlb::check_same_inputs(json::array({1, "x"}), changed, "r1"));  // junk entries are ignored
}

void write_doc(const TempDir& dir, const std::string& id, const std::string& status, bool with_selection = true) {
  xlb::ResultsDoc doc;
  doc.run_id = id;
  doc.status = status;
  doc.plan = xlb::plan_json(xlb::quick_plan());
  if (with_selection) doc.plan["selection"] = xlb::selection_json({});
  doc.plan["data_dir"] = "/data";
  std::filesystem::create_directories(dir.path() / id);
  xlb::save_results(doc, dir.path() / id / "results.json");
}

TEST(LoadResumePoint, InterruptedRunGivesPlanSelectionAndDataDir) {
  TempDir dir("resume");
  write_doc(dir, "r1", "interrupted");
  const auto point = xlb::load_resume_point(dir.path(), "r1");
  EXPECT_EQ(point.plan.name, "quick");
  EXPECT_EQ(point.data_dir, "/data");
  EXPECT_EQ(point.doc.run_id, "r1");
}

TEST(LoadResumePoint, RefusesCompleteMissingAndOldRuns) {
  TempDir dir("resume");
  write_doc(dir, "done", "complete");
  write_doc(dir, "old", "interrupted", false);
  EXPECT_CONTAINS(input_error([&] { xlb::load_resume_point(dir.path(), "done"); }), "already complete");
  EXPECT_CONTAINS(input_error([&] { xlb::load_resume_point(dir.path(), "nope"); }), "no run with this id");
  EXPECT_CONTAINS(input_error([&] { xlb::load_resume_point(dir.path(), "old"); }), "plan.selection missing");
}

}  // namespace
