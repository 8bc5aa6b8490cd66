// The history's pure parts: per-process-run values, the machine fingerprint, the gate's
// direction and threshold, and the Markdown and HTML views.
#include <gtest/gtest.h>

#include <sstream>

#include "core/errors.hpp"
#include "history/check.hpp"
#include "history/ingest.hpp"
#include "history/show.hpp"
#include "history_runs.hpp"
#include "test_util.hpp"

namespace xlb {
namespace {

using testing_history::history_run;

// A series of `before` runs at `a` then `after` runs at `b`, with a 1% alternating wobble.
Series step_series(const std::string& metric, bool higher_is_better, int before, double a, int after, double b) {
  Series s{"k", "m1", "main", "json/dom/small rust/serde_json", metric, "op/s", higher_is_better, {}};
  for (int i = 0; i < before + after; ++i) {
    const double level = i < before ? a : b;
    s.points.push_back({"run" + std::to_string(i), "commit" + std::to_string(i), testing_history::stamp(i),
                        level * (1.0 + (i % 2 ? 0.01 : -0.01) * ((i % 3) + 1) / 3.0), 3});
  }
  return s;
}

TEST(HistoryValues, OneValuePerProcessRunFromItsSamples) {
  auto doc = history_run("r", "t", "c", {1000, 2000});
  auto& m = doc.measurements[0];
  m.samples[0].ops = 900;  // run 1: 900, 1000, 1000 -> median 1000
  const auto ops = per_run_values(m, "ops_per_s");
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_DOUBLE_EQ(ops[0], 1000);
  EXPECT_DOUBLE_EQ(ops[1], 2000);
  const auto ns = per_run_values(m, "ns_per_op");
  EXPECT_DOUBLE_EQ(ns[1], 1e9 / 2000);
  EXPECT_EQ(per_run_values(m, "peak_rss_kb"), (std::vector<double>{10000, 10000}));
}

TEST(HistoryMachine, FingerprintSeparatesMachinesAndNamesMissingFields) {
  const auto a = machine_of(history_run("r", "t", "c", {1}, "CPU A").environment, "a.json");
  const auto b = machine_of(history_run("r", "t", "c", {1}, "CPU B").environment, "b.json");
  EXPECT_NE(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.fingerprint, machine_of(history_run("x", "y", "z", {2}, "CPU A").environment, "c.json").fingerprint);
  auto env = history_run("r", "t", "c", {1}).environment;
  env["toolchains"]["go"] = "go1.23";
  EXPECT_NE(machine_of(env, "d.json").fingerprint, machine_of(history_run("r", "t", "c", {1}).environment, "d.json").fingerprint);
  env.erase("kernel");
  try {
    machine_of(env, "e.json");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "e.json: environment.kernel");
  }
}

TEST(HistoryCheck, ThroughputDropIsARegressionAndFailsTheGate) {
  const auto r = check_history({step_series("ops_per_s", true, 20, 1000, 8, 850)}, CheckOptions{});
  ASSERT_EQ(r.series.size(), 1u);
  ASSERT_EQ(r.series[0].change_points.size(), 1u);
  EXPECT_EQ(r.series[0].change_points[0].index, 20u);
  EXPECT_TRUE(r.series[0].newest_is_regression);
  EXPECT_EQ(check_exit_status(r), 1);
  EXPECT_EQ(commit_range(r.series[0].series, r.series[0].change_points[0]), "commit19..commit20");
}

TEST(HistoryCheck, DirectionComesFromTheMetric) {
  // ns/op and RSS rising is a regression; ops/s rising is not.
  EXPECT_EQ(check_exit_status(check_history({step_series("ns_per_op", false, 20, 100, 8, 120)}, {})), 1);
  EXPECT_EQ(check_exit_status(check_history({step_series("ops_per_s", true, 20, 100, 8, 120)}, {})), 0);
  EXPECT_EQ(check_exit_status(check_history({step_series("peak_rss_kb", false, 20, 100, 8, 80)}, {})), 0);
}

TEST(HistoryCheck, ThresholdAndOnlyTheNewestChangePointCount) {
  CheckOptions opts;
  opts.threshold = 0.20;  // a 15% drop is found but does not fail the gate
  auto r = check_history({step_series("ops_per_s", true, 20, 1000, 8, 850)}, opts);
  ASSERT_EQ(r.series[0].change_points.size(), 1u);
  EXPECT_EQ(check_exit_status(r), 0);
  // A drop that has since recovered: the newest change point is an improvement.
  auto s = step_series("ops_per_s", true, 15, 1000, 15, 800);
  for (int i = 0; i < 12; ++i)
    s.points.push_back({"late" + std::to_string(i), "c", testing_history::stamp(40 + i), 1000.0 + (i % 2 ? 8 : -8), 3});
  r = check_history({s}, CheckOptions{});
  ASSERT_EQ(r.series[0].change_points.size(), 2u);
  EXPECT_FALSE(r.series[0].newest_is_regression);
  EXPECT_EQ(check_exit_status(r), 0);
}

TEST(HistoryShow, MarkdownAndHtmlNameTheSeriesAndTheChange) {
  const auto r = check_history({step_series("ops_per_s", true, 20, 1000, 8, 850)}, CheckOptions{});
  std::ostringstream md, html;
  write_history_markdown(r, md);
  EXPECT_CONTAINS(md.str(), "| json/dom/small rust/serde_json | ops_per_s | main | m1 | 28 |");
  EXPECT_CONTAINS(md.str(), "**regression**");
  EXPECT_CONTAINS(md.str(), "`commit19..commit20`");
  write_history_html(r, "/nonexistent/chart.umd.js", html);
  EXPECT_CONTAINS(html.str(), "id=\"no-charts\"");
  EXPECT_CONTAINS(html.str(), "<tr class=\"cp\"><td>run20</td>");
  unit::TempDir dir("history-chart");
  unit::write_text(dir / "chart.js", "window.Chart = function () {};");
  std::ostringstream with_chart;
  write_history_html(r, dir / "chart.js", with_chart);
  EXPECT_CONTAINS(with_chart.str(), "var XLB_HISTORY = ");
  EXPECT_CONTAINS(with_chart.str(), "\"marks\":[20]");
  EXPECT_CONTAINS(with_chart.str(), "<canvas data-series=\"0\">");
}

}  // namespace
}  // namespace xlb
