// Unit tests for `xlbench compare`: verdicts from raw samples on synthetic
// results documents, direction of each metric, thresholds and config
// validation, the geometric-mean summary, warnings and the writers.
#include "compare/compare.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "core/errors.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::CompareOptions;
using xlb::Comparison;
using xlb::InputError;
using xlb::Measurement;
using xlb::MetricComparison;
using xlb::ResultsDoc;

// A measurement whose samples have the given median ops/s, spread +-spread/2 around it
// (distinct values in a scrambled order), and `runs` process runs of peak RSS rss_kb + i
// (no sample counts recorded: compare splits the samples equally between the runs when it can).
Measurement make_measurement(const std::string& workload, const std::string& variant, double ops_per_s,
                             std::size_t n, double spread = 0.01, long rss_kb = 10000, std::size_t runs = 2) {
  Measurement m;
  m.workload = workload;
  m.kind = "batch";
  m.mode = "typed";
  m.input = "small";
  m.language = variant.substr(0, variant.find('/'));
  m.variant = variant.substr(variant.find('/') + 1);
  m.input_bytes = 1000;
  const std::int64_t ops = 1000;
  for (std::size_t i = 0; i < n; ++i) {
    const double offset = n > 1 ? static_cast<double>((i * 7) % n) / static_cast<double>(n - 1) - 0.5 : 0.0;
    const double ns = static_cast<double>(ops) * 1e9 / ops_per_s * (1.0 + spread * offset);
    m.samples.push_back({ops, static_cast<std::int64_t>(std::llround(ns))});
  }
  for (std::size_t i = 0; i < runs; ++i) {
    xlb::ProcessRun r;
    r.peak_rss_kb = rss_kb + static_cast<long>(i);
    r.outcome = "ok";
    m.runs.push_back(r);
  }
  return m;
}

// A batch measurement of json/typed/small `variant` with one process run per entry of run_ops_per_s:
// `per_run` samples each within +-noise/2 of that run's ops/s, counts recorded as the runner does.
Measurement make_runs(const std::string& variant, const std::vector<double>& run_ops_per_s, std::size_t per_run,
                      double noise = 0.001) {
  auto m = make_measurement("json", variant, 1e6, 0, noise, 10000, 0);
  for (std::size_t k = 0; k < run_ops_per_s.size(); ++k) {
    const auto run = make_measurement("json", variant, run_ops_per_s[k], per_run, noise, 10000, 1);
    m.samples.insert(m.samples.end(), run.samples.begin(), run.samples.end());
    xlb::ProcessRun r = run.runs[0];
    r.sample_count = static_cast<int>(per_run);
    m.runs.push_back(r);
  }
  return m;
}

ResultsDoc make_doc(const std::string& run_id, std::vector<Measurement> ms) {
  ResultsDoc doc;
  doc.run_id = run_id;
  doc.status = "complete";
  doc.plan = {{"name", "full"}};
  doc.environment = {{"cpu_model", "Test CPU"},
                     {"toolchains", {{"go", "go1.22.5"}, {"rustc", "rustc 1.79.0"}}},
                     {"build_flags", {{"go", "-trimpath"}, {"rust", "--release"}}}};
  doc.measurements = std::move(ms);
  return doc;
}

Comparison compare_one(const Measurement& base, const Measurement& cur, const CompareOptions& opts = {}) {
  return xlb::compare_runs(make_doc("base", {base}), make_doc("cur", {cur}), opts);
}

const MetricComparison& metric_of(const Comparison& c, const std::string& name) {
  EXPECT_EQ(c.rows.size(), 1u);
  const auto* mc = c.rows.at(0).find(name);
  if (!mc) throw std::runtime_error("no metric " + name);
  return *mc;
}

bool has_warning(const Comparison& c, const std::string& needle) {
  for (const auto& w : c.warnings)
    if (w.find(needle) != std::string::npos) return true;
  return false;
}

TEST(Compare, ClearThroughputDropRegresses) {
  auto c = compare_one(make_measurement("json", "rust/serde_json", 1e6, 10),
                       make_measurement("json", "rust/serde_json", 0.8e6, 10));
  const auto& ops = metric_of(c, "ops_per_s");
  EXPECT_EQ(ops.verdict, "regressed");
  EXPECT_TRUE(ops.gating);
  // Samples are integer ns per batch, so medians are exact to about a part per million.
  EXPECT_NEAR(ops.change, -0.20, 1e-6);
  EXPECT_NEAR(ops.base_median, 1e6, 1.0);
  EXPECT_NEAR(ops.cur_median, 0.8e6, 1.0);
  EXPECT_LT(ops.p_value, 0.001);
  EXPECT_LT(ops.ratio_ci.high, 1.0);
  EXPECT_EQ(ops.n_base, 10u);
  // ns/op rises: bad, but informational only.
  const auto& ns = metric_of(c, "ns_per_op");
  EXPECT_EQ(ns.verdict, "regressed");
  EXPECT_FALSE(ns.gating);
  EXPECT_NE(c.rows[0].find("mb_per_s"), nullptr);
  EXPECT_EQ(c.rows[0].verdict, "regressed");
  EXPECT_EQ(c.regressions, 1);
  EXPECT_EQ(xlb::compare_exit_status(c), 1);
  EXPECT_TRUE(c.warnings.empty()) << c.warnings.front();
}

TEST(Compare, SignificantDropBelowThresholdIsUnchanged) {
  auto c = compare_one(make_measurement("json", "go/encoding_json", 1e6, 10, 0.002),
                       make_measurement("json", "go/encoding_json", 0.98e6, 10, 0.002));
  const auto& ops = metric_of(c, "ops_per_s");
  EXPECT_LT(ops.p_value, 0.05) << "the drop is significant...";
  EXPECT_NEAR(ops.change, -0.02, 1e-6);
  EXPECT_EQ(ops.verdict, "~") << "...but below the 5% threshold";
  EXPECT_EQ(c.rows[0].verdict, "~");
  EXPECT_EQ(xlb::compare_exit_status(c), 0);
}

TEST(Compare, TooFewSamplesGiveNoVerdictAndAWarning) {
  auto c = compare_one(make_measurement("json", "rust/serde_json", 1e6, 3),
                       make_measurement("json", "rust/serde_json", 0.8e6, 3));
  const auto& ops = metric_of(c, "ops_per_s");
  EXPECT_NEAR(ops.change, -0.20, 1e-6);
  EXPECT_FALSE(ops.enough_samples);
  EXPECT_EQ(ops.verdict, "~");
  EXPECT_EQ(xlb::compare_exit_status(c), 0);
  EXPECT_TRUE(has_warning(c, "only 3 vs 3 samples")) << ::testing::PrintToString(c.warnings);
  EXPECT_TRUE(has_warning(c, "no verdict is given"));
}

TEST(Compare, ThroughputGainImproves) {
  auto c = compare_one(make_measurement("json", "rust/simd_json", 1e6, 10),
                       make_measurement("json", "rust/simd_json", 1.25e6, 10));
  EXPECT_EQ(metric_of(c, "ops_per_s").verdict, "improved");
  EXPECT_EQ(metric_of(c, "ns_per_op").verdict, "improved");
  EXPECT_EQ(c.rows[0].verdict, "improved");
  EXPECT_EQ(c.improvements, 1);
  EXPECT_EQ(c.regressions, 0);
  EXPECT_EQ(xlb::compare_exit_status(c), 0);
}

TEST(Compare, PeakRssUpIsBadDownIsGood) {
  auto base = make_measurement("json", "go/sonic", 1e6, 10, 0.01, 10000, 5);
  auto up = compare_one(base, make_measurement("json", "go/sonic", 1e6, 10, 0.01, 12000, 5));
  const auto& rss = metric_of(up, "peak_rss_kb");
  EXPECT_FALSE(rss.higher_is_better);
  EXPECT_TRUE(rss.gating);
  EXPECT_EQ(rss.n_base, 5u);
  EXPECT_NEAR(rss.change, 0.2, 1e-3);
  EXPECT_EQ(rss.verdict, "regressed");
  EXPECT_EQ(metric_of(up, "ops_per_s").verdict, "~");
  EXPECT_EQ(up.rows[0].verdict, "regressed");
  EXPECT_EQ(xlb::compare_exit_status(up), 1);

  auto down = compare_one(base, make_measurement("json", "go/sonic", 1e6, 10, 0.01, 8000, 5));
  EXPECT_EQ(metric_of(down, "peak_rss_kb").verdict, "improved");
  EXPECT_EQ(xlb::compare_exit_status(down), 0);
}

TEST(Compare, PeakRssWithFewRunsIsReportedNotJudged) {
  auto c = compare_one(make_measurement("json", "go/sonic", 1e6, 10, 0.01, 10000, 1),
                       make_measurement("json", "go/sonic", 1e6, 10, 0.01, 20000, 1));
  EXPECT_NEAR(metric_of(c, "peak_rss_kb").change, 1.0, 1e-9);
  EXPECT_EQ(metric_of(c, "peak_rss_kb").verdict, "~");
  EXPECT_TRUE(has_warning(c, "peak_rss_kb changed beyond its threshold")) << ::testing::PrintToString(c.warnings);
}

TEST(Compare, PerMetricThresholdOverrides) {
  auto base = make_measurement("json", "go/sonic", 1e6, 10, 0.002, 10000, 5);
  auto cur = make_measurement("json", "go/sonic", 0.98e6, 10, 0.002, 12000, 5);
  CompareOptions opts;
  xlb::apply_compare_config(json::parse(R"({"thresholds": {"ops_per_s": 0.01, "peak_rss_kb": 0.25}})"), "cfg.json",
                            opts);
  EXPECT_DOUBLE_EQ(opts.threshold_for("ops_per_s"), 0.01);
  EXPECT_DOUBLE_EQ(opts.threshold_for("peak_rss_kb"), 0.25);
  EXPECT_DOUBLE_EQ(opts.threshold_for("ns_per_op"), 0.05);
  auto c = compare_one(base, cur, opts);
  EXPECT_EQ(metric_of(c, "ops_per_s").verdict, "regressed") << "2% drop, 1% threshold";
  EXPECT_EQ(metric_of(c, "peak_rss_kb").verdict, "~") << "20% rise, 25% threshold";
  EXPECT_EQ(metric_of(c, "ns_per_op").verdict, "~") << "2% rise, default 5% threshold";
  EXPECT_EQ(c.regressions, 1);

  // The same pair with defaults: RSS regresses, throughput does not.
  auto d = compare_one(base, cur);
  EXPECT_EQ(metric_of(d, "ops_per_s").verdict, "~");
  EXPECT_EQ(metric_of(d, "peak_rss_kb").verdict, "regressed");
}

TEST(Compare, AlphaSetsTheLevelOfTheRatioInterval) {
  // 5 runs x 4 samples per side; the runs scatter by several percent and the current ones sit
  // about 7% lower. The 95% interval (alpha 0.05) excludes 1, the 99.9% one (alpha 0.001) does not.
  auto base = make_runs("go/sonic", {1.00e6, 1.04e6, 0.97e6, 1.02e6, 0.99e6}, 4, 0.002);
  auto cur = make_runs("go/sonic", {0.92625e6, 0.8775e6, 0.96525e6, 0.90675e6, 0.936e6}, 4, 0.002);
  const auto c95 = compare_one(base, cur);
  const auto& at95 = metric_of(c95, "ops_per_s");
  EXPECT_LT(at95.change, -0.05);
  EXPECT_LT(at95.ratio_ci.high, 1.0);
  EXPECT_EQ(at95.verdict, "regressed");
  CompareOptions strict;
  strict.alpha = 0.001;
  const auto c999 = compare_one(base, cur, strict);
  const auto& at999 = metric_of(c999, "ops_per_s");
  EXPECT_GT(at999.ratio_ci.high, 1.0);
  EXPECT_EQ(at999.verdict, "~");
}

TEST(Compare, ProcessLevelShiftWithTinyWithinRunNoiseIsNotFlagged) {
  // Each side has two process runs 10% apart (memory layout, CPU frequency...), each with only
  // +-0.05% noise inside. Pooled, the current run looks 9% slower, and a U test over the 20 vs 20
  // samples calls that significant: the old rule (p < alpha and |change| >= threshold) flagged it.
  // But one current run is faster than one baseline run: with the process run as the unit of
  // replication the data do not show a change.
  auto base = make_runs("rust/serde_json", {1.00e6, 1.10e6}, 10);
  auto cur = make_runs("rust/serde_json", {0.90e6, 1.01e6}, 10);
  auto c = compare_one(base, cur);
  const auto& ops = metric_of(c, "ops_per_s");
  EXPECT_EQ(ops.runs_base, 2u);
  EXPECT_EQ(ops.runs_cur, 2u);
  EXPECT_EQ(ops.ci_method, "cluster");
  EXPECT_EQ(ops.ci_df, 2u);
  EXPECT_LT(ops.change, -0.05);
  EXPECT_LT(ops.p_value, 0.05) << "the independent-sample test is fooled (informational only now)";
  EXPECT_LE(ops.ratio_ci.low, 1.0);
  EXPECT_GE(ops.ratio_ci.high, 1.0);
  EXPECT_EQ(ops.verdict, "~");
  EXPECT_EQ(c.regressions, 0);
  EXPECT_EQ(xlb::compare_exit_status(c), 0);
  EXPECT_FALSE(has_warning(c, "run-to-run noise")) << "two runs per side: measured";
}

TEST(Compare, ShiftSeenInEveryRunIsFlagged) {
  for (const std::size_t runs : {2u, 3u}) {
    SCOPED_TRACE(std::to_string(runs) + " runs per side");
    const std::vector<double> base_runs = {1.00e6, 1.03e6, 0.98e6};
    std::vector<double> b(base_runs.begin(), base_runs.begin() + static_cast<std::ptrdiff_t>(runs)), c;
    for (std::size_t k = 0; k < runs; ++k) c.push_back(b[(k + 1) % runs] * 0.80);  // runs not paired
    auto cmp = compare_one(make_runs("go/encoding_json", b, 5, 0.01), make_runs("go/encoding_json", c, 5, 0.01));
    const auto& ops = metric_of(cmp, "ops_per_s");
    EXPECT_NEAR(ops.change, -0.20, 0.01);
    EXPECT_LT(ops.ratio_ci.high, 0.9);
    EXPECT_EQ(ops.verdict, "regressed");
    EXPECT_EQ(xlb::compare_exit_status(cmp), 1);
    EXPECT_TRUE(cmp.warnings.empty()) << ::testing::PrintToString(cmp.warnings);
  }
}

TEST(Compare, SingleRunIsJudgedButWarnedAbout) {
  auto c = compare_one(make_runs("rust/serde_json", {1.0e6}, 10, 0.01), make_runs("rust/serde_json", {0.8e6}, 10, 0.01));
  const auto& ops = metric_of(c, "ops_per_s");
  EXPECT_EQ(ops.runs_base, 1u);
  EXPECT_EQ(ops.verdict, "regressed");
  EXPECT_TRUE(has_warning(c, "run-to-run noise is not measured")) << ::testing::PrintToString(c.warnings);
  EXPECT_TRUE(has_warning(c, "--rounds 2"));
  EXPECT_TRUE(has_warning(c, "json/typed/small rust/serde_json (1 vs 1 runs)"));

  // One side with two runs is not enough either: the other side's run-to-run noise is unknown.
  auto mixed = compare_one(make_runs("go/a", {1.0e6, 1.01e6}, 5), make_runs("go/a", {1.0e6}, 10));
  EXPECT_TRUE(has_warning(mixed, "json/typed/small go/a (2 vs 1 runs)")) << ::testing::PrintToString(mixed.warnings);

  // Samples that belong to no process run (server load phases) are pooled into one, and said so.
  auto base = make_measurement("http", "go/gin", 1e6, 10, 0.01, 10000, 0);
  auto cur = make_measurement("http", "go/gin", 1e6, 10, 0.01, 10000, 0);
  base.kind = cur.kind = "server";
  auto server = compare_one(base, cur);
  EXPECT_EQ(metric_of(server, "ops_per_s").runs_base, 1u);
  EXPECT_TRUE(has_warning(server, "not attributed to process runs")) << ::testing::PrintToString(server.warnings);
}

TEST(Compare, RecordedSampleCountsDecideTheGrouping) {
  // 12 samples in two runs of 4 and 8: recorded counts beat the equal split.
  auto m = make_runs("go/a", {1.0e6}, 4);
  const auto second = make_runs("go/a", {1.1e6}, 8);
  m.samples.insert(m.samples.end(), second.samples.begin(), second.samples.end());
  m.runs.push_back(second.runs[0]);
  auto c = compare_one(m, m);
  EXPECT_EQ(metric_of(c, "ops_per_s").runs_base, 2u);
  EXPECT_EQ(xlb::sample_groups(m), (std::vector<std::size_t>{4, 8}));
  EXPECT_EQ(metric_of(c, "ops_per_s").verdict, "~");
}

TEST(Compare, GeometricMeanPerWorkload) {
  auto base = make_doc("base", {make_measurement("json", "go/a", 1e6, 10), make_measurement("json", "rust/b", 1e6, 10),
                                make_measurement("csv", "go/c", 1e6, 10)});
  auto cur = make_doc("cur", {make_measurement("json", "go/a", 0.8e6, 10), make_measurement("json", "rust/b", 1.25e6, 10),
                              make_measurement("csv", "go/c", 0.9e6, 10)});
  auto c = xlb::compare_runs(base, cur, {});
  ASSERT_EQ(c.summary.size(), 3u);
  EXPECT_EQ(c.summary[0].workload, "json");
  EXPECT_EQ(c.summary[0].measurements, 2u);
  EXPECT_NEAR(c.summary[0].geomean_ratio, 1.0, 1e-6);
  EXPECT_EQ(c.summary[1].workload, "csv");
  EXPECT_NEAR(c.summary[1].geomean_ratio, 0.9, 1e-6);
  EXPECT_EQ(c.summary[2].workload, "(all)");
  EXPECT_EQ(c.summary[2].measurements, 3u);
  EXPECT_NEAR(c.summary[2].geomean_ratio, std::cbrt(0.9), 1e-6);
  EXPECT_EQ(c.regressions, 2);
  EXPECT_EQ(c.improvements, 1);
}

TEST(Compare, MissingAndNonOkMeasurementsAreListedWithReasons) {
  auto failed = make_measurement("json", "rust/b", 1e6, 0);
  failed.status = "failed";
  failed.reason = "killed by SIGSEGV";
  auto base = make_doc("base", {make_measurement("json", "go/a", 1e6, 10), make_measurement("json", "rust/b", 1e6, 10),
                                make_measurement("json", "go/gone", 1e6, 10)});
  auto cur = make_doc("cur", {make_measurement("json", "go/a", 1e6, 10), failed,
                              make_measurement("json", "go/new", 1e6, 10)});
  auto c = xlb::compare_runs(base, cur, {});
  ASSERT_EQ(c.rows.size(), 1u);
  ASSERT_EQ(c.uncompared.size(), 3u);
  EXPECT_EQ(c.uncompared[0].variant, "b");
  EXPECT_EQ(c.uncompared[0].status, "not comparable");
  EXPECT_EQ(c.uncompared[0].reason, "current failed: killed by SIGSEGV");
  EXPECT_EQ(c.uncompared[1].variant, "gone");
  EXPECT_EQ(c.uncompared[1].status, "missing");
  EXPECT_CONTAINS(c.uncompared[1].reason, "not in the current run");
  EXPECT_EQ(c.uncompared[2].variant, "new");
  EXPECT_CONTAINS(c.uncompared[2].reason, "not in the baseline");
  EXPECT_EQ(xlb::compare_exit_status(c), 0);
}

TEST(Compare, WarnsAboutDifferentEnvironmentsAndNoise) {
  auto base = make_doc("base", {make_measurement("json", "go/a", 1e6, 10, 0.5)});
  auto cur = make_doc("cur", {make_measurement("json", "go/a", 1e6, 10)});
  cur.environment["cpu_model"] = "Other CPU";
  cur.environment["toolchains"]["go"] = "go1.23.0";
  cur.environment["build_flags"]["rust"] = "--release -C target-cpu=native";
  cur.plan["name"] = "quick";
  cur.plan["rust_malloc"] = "steady";  // the baseline predates the field: glibc defaults
  cur.status = "interrupted";
  auto c = xlb::compare_runs(base, cur, {});
  EXPECT_TRUE(has_warning(c, "cpu_model is 'Test CPU' in the baseline, 'Other CPU' in the current run"))
      << ::testing::PrintToString(c.warnings);
  EXPECT_TRUE(has_warning(c, "toolchains.go is 'go1.22.5'"));
  EXPECT_FALSE(has_warning(c, "toolchains.rustc"));
  EXPECT_TRUE(has_warning(c, "build_flags.rust"));
  EXPECT_TRUE(has_warning(c, "plan.name is 'full' in the baseline, 'quick'"));
  EXPECT_TRUE(has_warning(c, "plan.rust_malloc is 'default' in the baseline, 'steady' in the current run"));
  EXPECT_TRUE(has_warning(c, "status 'interrupted'"));
  EXPECT_TRUE(has_warning(c, "ops_per_s CV")) << "a +-25% spread is noisy";
  EXPECT_TRUE(has_warning(c, "in the baseline run (> 10%)"));
}

TEST(Compare, DuplicateMeasurementIsAnInputError) {
  auto doc = make_doc("dup", {make_measurement("json", "go/a", 1e6, 10), make_measurement("json", "go/a", 1e6, 10)});
  try {
    xlb::compare_runs(doc, make_doc("cur", {}), {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "json/typed/small go/a appears twice");
  }
}

std::string config_error(const std::string& text) {
  CompareOptions opts;
  try {
    xlb::apply_compare_config(json::parse(text), "gate.json", opts);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(CompareConfig, MalformedConfigNamesTheField) {
  EXPECT_CONTAINS(config_error(R"({"thresholds": {"ops_per_s": "5%"}})"), "gate.json: thresholds.ops_per_s: must be");
  EXPECT_CONTAINS(config_error(R"({"thresholds": {"ops_per_s": -0.1}})"), "thresholds.ops_per_s");
  EXPECT_CONTAINS(config_error(R"({"thresholds": {"latency": 0.1}})"), "thresholds.latency: unknown metric");
  EXPECT_CONTAINS(config_error(R"({"thresholds": [0.05]})"), "gate.json: thresholds: must be an object");
  EXPECT_CONTAINS(config_error(R"({"threshold": 0.05})"), "gate.json: threshold: unknown field");
  EXPECT_CONTAINS(config_error(R"({"alpha": 2})"), "gate.json: alpha: must be a number in (0, 1)");
  EXPECT_CONTAINS(config_error(R"([1, 2])"), "gate.json: the config must be a JSON object");
  EXPECT_EQ(config_error(R"({"alpha": 0.01, "thresholds": {"mb_per_s": 0.1}})"), "(no error)");
}

TEST(CompareConfig, ConfigFileErrorsNameThePath) {
  xlb::unit::TempDir dir("compare-config");
  xlb::unit::write_text(dir / "bad.json", "{\"thresholds\": ");
  CompareOptions opts;
  try {
    xlb::load_compare_config(dir / "bad.json", opts);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), (dir / "bad.json").string() + ": not valid JSON");
  }
  EXPECT_THROW(xlb::load_compare_config(dir / "absent.json", opts), InputError);
  xlb::unit::write_text(dir / "ok.json", R"({"alpha": 0.01, "thresholds": {"peak_rss_kb": 0.1}})");
  xlb::load_compare_config(dir / "ok.json", opts);
  EXPECT_DOUBLE_EQ(opts.alpha, 0.01);
  EXPECT_DOUBLE_EQ(opts.threshold_for("peak_rss_kb"), 0.1);
}

TEST(CompareOptionsCheck, OutOfRangeOptionsAreInputErrors) {
  CompareOptions bad;
  bad.alpha = 0;
  EXPECT_THROW(xlb::compare_runs(make_doc("a", {}), make_doc("b", {}), bad), InputError);
  CompareOptions neg;
  neg.threshold = -1;
  EXPECT_THROW(xlb::compare_runs(make_doc("a", {}), make_doc("b", {}), neg), InputError);
}

TEST(CompareWriters, EveryFormatCarriesTheVerdicts) {
  auto base = make_doc("base-run", {make_measurement("json", "rust/serde_json", 1e6, 10),
                                    make_measurement("json", "go/encoding_json", 1e6, 10)});
  auto cur = make_doc("cur-run", {make_measurement("json", "rust/serde_json", 0.8e6, 10)});
  auto c = xlb::compare_runs(base, cur, {});

  std::stringstream console;
  xlb::write_compare(c, "console", console);
  EXPECT_CONTAINS(console.str(), "baseline base-run vs current cur-run");
  EXPECT_CONTAINS(console.str(), "json/typed/small rust/serde_json: regressed");
  EXPECT_CONTAINS(console.str(), "-20.0%");
  EXPECT_CONTAINS(console.str(), "(regressed)") << "ns/op is informational";
  EXPECT_CONTAINS(console.str(), "go/encoding_json: missing (not in the current run)");
  EXPECT_CONTAINS(console.str(), "0.800x (-20.0%)");
  EXPECT_CONTAINS(console.str(), "1 regression, 0 improvements");
  EXPECT_CONTAINS(console.str(), "resampling process runs");

  std::stringstream md;
  xlb::write_compare(c, "markdown", md);
  EXPECT_CONTAINS(md.str(), "## xlbench compare: `cur-run` vs baseline `base-run`");
  EXPECT_CONTAINS(md.str(), "**Regressed**");
  EXPECT_CONTAINS(md.str(), "| json/typed/small rust/serde_json | 1.00M | 800k | -20.0% |");
  EXPECT_CONTAINS(md.str(), "**regressed** |");
  EXPECT_CONTAINS(md.str(), "### Not compared");

  std::stringstream js;
  xlb::write_compare(c, "json", js);
  auto j = json::parse(js.str());
  EXPECT_EQ(j["schema"], "xlbench.compare");
  EXPECT_EQ(j["exit_status"], 1);
  EXPECT_EQ(j["regressions"], 1);
  ASSERT_EQ(j["rows"].size(), 1u);
  EXPECT_EQ(j["rows"][0]["verdict"], "regressed");
  const auto& ops = j["rows"][0]["metrics"][0];
  EXPECT_EQ(ops["metric"], "ops_per_s");
  EXPECT_EQ(ops["verdict"], "regressed");
  EXPECT_NEAR(ops["change"].get<double>(), -0.2, 1e-6);
  EXPECT_NEAR(ops["baseline_median"].get<double>(), 1e6, 1.0);
  EXPECT_LT(ops["p_value"].get<double>(), 0.05);
  EXPECT_LT(ops["ratio_ci_high"].get<double>(), 1.0);
  EXPECT_EQ(ops["ci_method"], "cluster");
  EXPECT_EQ(ops["runs_baseline"], 2);
  EXPECT_EQ(ops["runs_current"], 2);
  EXPECT_EQ(j["rows"][0]["metrics"][3]["metric"], "peak_rss_kb");
  EXPECT_EQ(j["rows"][0]["metrics"][3]["ci_method"], "bootstrap");
  EXPECT_EQ(j["uncompared"][0]["status"], "missing");
  EXPECT_EQ(j["options"]["thresholds"]["peak_rss_kb"], 0.05);

  std::stringstream ignored;
  EXPECT_THROW(xlb::write_compare(c, "html", ignored), InputError);
}

}  // namespace
