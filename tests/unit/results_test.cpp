// Unit tests for the results document: JSON round trip, field-naming errors,
// atomic saving, and the metrics derived from raw samples.
#include "model/results.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>

#include "core/errors.hpp"
#include "model/metrics.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::InputError;
using xlb::Measurement;
using xlb::ProcessRun;
using xlb::ResultsDoc;
using xlb::results_from_json;
using xlb::to_json;
using xlb::unit::TempDir;

ProcessRun make_run(int seed) {
  ProcessRun r;
  r.command = {"/opt/bin/variant", "--request", "/tmp/run/request-" + std::to_string(seed) + ".json"};
  r.cpus_granted = {2, 3};
  r.wall_s = 1.25 + seed;
  r.user_s = 1.0 + seed;
  r.sys_s = 0.125;
  r.peak_rss_kb = 10240 + seed;
  r.max_rss_kb = 20480 + seed;
  r.sampled_peak_rss_kb = 10240 + seed;
  r.fork_rss_kb = 15000;
  r.outcome = seed == 0 ? "ok" : "exit 1";
  if (seed == 0) r.sample_count = 4;  // the others leave it unset, as older documents do
  r.minor_faults = 1000 + seed;
  if (seed == 0) r.env = {{"GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1"}};
  return r;
}

ResultsDoc make_doc() {
  ResultsDoc doc;
  doc.run_id = "20260101-120000-quick";
  doc.status = "complete";
  doc.started_at = "2026-01-01T12:00:00Z";
  doc.finished_at = "2026-01-01T12:05:00Z";
  doc.plan = {{"name", "quick"}, {"samples_per_run", 3}, {"baselines", {{"json", {{"go", "std"}, {"rust", "serde"}}}}}};
  doc.environment = {{"cpu_model", "Test CPU"}, {"logical_cpus", 2}};
  doc.builds = json::array({{{"step", "go build"}, {"ok", true}}});
  doc.inputs = json::array({{{"name", "small"}, {"bytes", 700}}});

  Measurement a;
  a.workload = "json";
  a.kind = "batch";
  a.mode = "dom";
  a.input = "small";
  a.language = "rust";
  a.variant = "serde";
  a.label = "idiomatic";
  a.library = "serde_json";
  a.status = "ok";
  a.input_bytes = 700;
  a.hello = {{"type", "hello"}, {"runtime", "rustc 1.80"}};
  a.checksum = {{"objects", 3}, {"strings", 9}};
  a.reference_checksum = {{"objects", 3}, {"strings", 9}};
  a.warmup = json::array({{{"ops", 100}, {"ns", 5000000}, {"batch", 20}}, {{"ops", 90}, {"ns", 5100000}, {"batch", 18}}});
  a.facts = {{"allocator", "system"}};
  a.samples = {{20, 1000000}, {20, 1100000}, {18, 990000}, {20, 1000001}};
  a.runs = {make_run(0), make_run(1)};
  a.stderr_tail = "warning: something\nsecond line";

  Measurement b = a;
  b.language = "go";
  b.variant = "std";
  b.label = "tuned";
  b.library = "encoding/json";
  b.status = "failed";
  b.reason = "exit 2 | after 1 of 3 samples";
  b.input_bytes = 0;
  b.checksum = json::object();
  b.facts = {{"gc_cycles", 4}, {"total_alloc_bytes", 123456789012}};
  b.samples = {{5, 3000000}};
  b.runs = {make_run(2)};
  b.stderr_tail = "";

  doc.measurements = {a, b};
  return doc;
}

void expect_same_run(const ProcessRun& x, const ProcessRun& y) {
  EXPECT_EQ(x.command, y.command);
  EXPECT_EQ(x.cpus_granted, y.cpus_granted);
  EXPECT_DOUBLE_EQ(x.wall_s, y.wall_s);
  EXPECT_DOUBLE_EQ(x.user_s, y.user_s);
  EXPECT_DOUBLE_EQ(x.sys_s, y.sys_s);
  EXPECT_EQ(x.peak_rss_kb, y.peak_rss_kb);
  EXPECT_EQ(x.max_rss_kb, y.max_rss_kb);
  EXPECT_EQ(x.sampled_peak_rss_kb, y.sampled_peak_rss_kb);
  EXPECT_EQ(x.fork_rss_kb, y.fork_rss_kb);
  EXPECT_EQ(x.outcome, y.outcome);
  EXPECT_EQ(x.sample_count, y.sample_count);
  EXPECT_EQ(x.minor_faults, y.minor_faults);
  EXPECT_EQ(x.env, y.env);
}

void expect_same_measurement(const Measurement& x, const Measurement& y) {
  SCOPED_TRACE(x.variant_id());
  EXPECT_EQ(x.workload, y.workload);
  EXPECT_EQ(x.kind, y.kind);
  EXPECT_EQ(x.mode, y.mode);
  EXPECT_EQ(x.input, y.input);
  EXPECT_EQ(x.language, y.language);
  EXPECT_EQ(x.variant, y.variant);
  EXPECT_EQ(x.label, y.label);
  EXPECT_EQ(x.library, y.library);
  EXPECT_EQ(x.status, y.status);
  EXPECT_EQ(x.reason, y.reason);
  EXPECT_EQ(x.input_bytes, y.input_bytes);
  EXPECT_EQ(x.hello, y.hello);
  EXPECT_EQ(x.checksum, y.checksum);
  EXPECT_EQ(x.reference_checksum, y.reference_checksum);
  EXPECT_EQ(x.warmup, y.warmup);
  EXPECT_EQ(x.facts, y.facts);
  ASSERT_EQ(x.samples.size(), y.samples.size());
  for (size_t i = 0; i < x.samples.size(); ++i) {
    EXPECT_EQ(x.samples[i].ops, y.samples[i].ops) << i;
    EXPECT_EQ(x.samples[i].ns, y.samples[i].ns) << i;
  }
  ASSERT_EQ(x.runs.size(), y.runs.size());
  for (size_t i = 0; i < x.runs.size(); ++i) expect_same_run(x.runs[i], y.runs[i]);
  EXPECT_EQ(x.stderr_tail, y.stderr_tail);
}

void expect_same_doc(const ResultsDoc& x, const ResultsDoc& y) {
  EXPECT_EQ(x.run_id, y.run_id);
  EXPECT_EQ(x.status, y.status);
  EXPECT_EQ(x.started_at, y.started_at);
  EXPECT_EQ(x.finished_at, y.finished_at);
  EXPECT_EQ(x.plan, y.plan);
  EXPECT_EQ(x.environment, y.environment);
  EXPECT_EQ(x.builds, y.builds);
  EXPECT_EQ(x.inputs, y.inputs);
  ASSERT_EQ(x.measurements.size(), y.measurements.size());
  for (size_t i = 0; i < x.measurements.size(); ++i) expect_same_measurement(x.measurements[i], y.measurements[i]);
}

TEST(ResultsJson, RoundTripPreservesEveryField) {
  const auto doc = make_doc();
  const json j = to_json(doc);
  EXPECT_EQ(j["schema"], "xlbench.results");
  EXPECT_EQ(j["schema_version"], xlb::kResultsSchemaVersion);
  expect_same_doc(doc, results_from_json(j, "mem"));
  // Through text as well, as a file would be.
  expect_same_doc(doc, results_from_json(json::parse(j.dump(1)), "mem"));
  // And a second serialisation is identical.
  EXPECT_EQ(to_json(results_from_json(j, "mem")), j);
}

TEST(ResultsJson, MeasurementsCarryDerivedMetrics) {
  const json j = to_json(make_doc());
  const auto& metrics = j["measurements"][0]["metrics"];
  EXPECT_TRUE(metrics.contains("ops_per_s"));
  EXPECT_TRUE(metrics.contains("mb_per_s"));
  EXPECT_TRUE(metrics.contains("ns_per_op"));
  EXPECT_EQ(metrics["ops_per_s"]["n"], 4);
  EXPECT_FALSE(j["measurements"][1]["metrics"].contains("mb_per_s"));  // input_bytes 0
}

TEST(ResultsJson, EmptyDocumentRoundTrips) {
  ResultsDoc doc;
  doc.run_id = "r";
  auto back = results_from_json(to_json(doc), "mem");
  EXPECT_EQ(back.status, "running");
  EXPECT_TRUE(back.measurements.empty());
}

TEST(ResultsJson, SampleCountIsWrittenOnlyWhenRecorded) {
  const json j = to_json(make_doc());
  EXPECT_EQ(j["measurements"][0]["runs"][0]["sample_count"], 4);
  EXPECT_FALSE(j["measurements"][0]["runs"][1].contains("sample_count"));
}

// ---- samples grouped by process run ---------------------------------------------------------

Measurement with_samples(std::size_t n, std::vector<std::optional<int>> counts) {
  Measurement m;
  for (std::size_t i = 0; i < n; ++i) m.samples.push_back({1, static_cast<std::int64_t>(100 + i)});
  for (const auto& c : counts) {
    ProcessRun r;
    r.sample_count = c;
    m.runs.push_back(r);
  }
  return m;
}

using Sizes = std::vector<std::size_t>;

TEST(SampleGroups, RecordedCountsSplitTheSamplesAndSkipEmptyRuns) {
  EXPECT_EQ(xlb::sample_groups(with_samples(10, {5, 0, 5})), (Sizes{5, 5}));
  EXPECT_EQ(xlb::sample_groups(with_samples(10, {3, 7})), (Sizes{3, 7}));
  EXPECT_EQ(xlb::sample_groups(with_samples(0, {0})), Sizes{});
}

TEST(SampleGroups, OlderDocumentsGetAnEqualSplitOrOneGroup) {
  EXPECT_EQ(xlb::sample_groups(with_samples(10, {std::nullopt, std::nullopt})), (Sizes{5, 5}));
  EXPECT_EQ(xlb::sample_groups(with_samples(9, {std::nullopt, std::nullopt, std::nullopt})), (Sizes{3, 3, 3}));
  EXPECT_EQ(xlb::sample_groups(with_samples(10, {std::nullopt, std::nullopt, std::nullopt})), Sizes{10});
  EXPECT_EQ(xlb::sample_groups(with_samples(10, {})), Sizes{10}) << "no runs (a server phase row)";
  // Counts on only some runs, or counts that do not add up: not trusted, inferred instead.
  EXPECT_EQ(xlb::sample_groups(with_samples(10, {5, std::nullopt})), (Sizes{5, 5}));
  EXPECT_EQ(xlb::sample_groups(with_samples(10, {4, 4})), (Sizes{5, 5}));
  EXPECT_EQ(xlb::sample_groups(with_samples(7, {4, 4})), Sizes{7});
}

// ---- errors ------------------------------------------------------------------------------

std::string error_after(const std::function<void(json&)>& edit) {
  json j = to_json(make_doc());
  edit(j);
  try {
    results_from_json(j, "some/results.json");
  } catch (const InputError& e) {
    std::string msg = e.what();
    EXPECT_CONTAINS(msg, "some/results.json");
    return msg;
  }
  ADD_FAILURE() << "document accepted";
  return "";
}

TEST(ResultsJsonErrors, MissingSampleField) {
  auto msg = error_after([](json& j) { j["measurements"][0]["samples"][1].erase("ops"); });
  EXPECT_CONTAINS(msg, "measurements[0].samples[1].ops");
  EXPECT_CONTAINS(msg, "missing");
}

TEST(ResultsJsonErrors, SampleFieldWrongType) {
  auto msg = error_after([](json& j) { j["measurements"][1]["samples"][0]["ns"] = "3000000"; });
  EXPECT_CONTAINS(msg, "measurements[1].samples[0].ns");
  EXPECT_CONTAINS(msg, "string");
}

TEST(ResultsJsonErrors, SampleFieldFractional) {
  // A sample is a whole number of operations; 2.5 must not be truncated to 2.
  auto msg = error_after([](json& j) { j["measurements"][0]["samples"][2]["ops"] = 2.5; });
  EXPECT_CONTAINS(msg, "measurements[0].samples[2].ops");
}

TEST(ResultsJsonErrors, SampleNotPositive) {
  auto msg = error_after([](json& j) { j["measurements"][0]["samples"][3]["ns"] = 0; });
  EXPECT_CONTAINS(msg, "measurements[0].samples[3]");
  EXPECT_CONTAINS(msg, "positive");
}

TEST(ResultsJsonErrors, SamplesNotArray) {
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["samples"] = json::object(); }),
                  "measurements[0].samples");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0].erase("samples"); }), "measurements[0].samples");
}

TEST(ResultsJsonErrors, MissingMeasurementField) {
  auto msg = error_after([](json& j) { j["measurements"][1].erase("variant"); });
  EXPECT_CONTAINS(msg, "measurements[1].variant");
  EXPECT_CONTAINS(msg, "missing");
}

TEST(ResultsJsonErrors, MeasurementFieldWrongType) {
  auto msg = error_after([](json& j) { j["measurements"][0]["mode"] = 3; });
  EXPECT_CONTAINS(msg, "measurements[0].mode");
  EXPECT_CONTAINS(msg, "number");
}

TEST(ResultsJsonErrors, OptionalFieldsWrongType) {
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["reason"] = 5; }), "measurements[0].reason");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["label"] = json::array(); }),
                  "measurements[0].label");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["input_bytes"] = "700"; }),
                  "measurements[0].input_bytes");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["hello"] = "hi"; }), "measurements[0].hello");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["runs"] = "none"; }), "measurements[0].runs");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["runs"][1] = 7; }), "measurements[0].runs[1]");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["runs"][1]["wall_s"] = "fast"; }),
                  "measurements[0].runs[1].wall_s");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["runs"][0]["sample_count"] = -1; }),
                  "measurements[0].runs[0].sample_count");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["runs"][0]["sample_count"] = 2.5; }),
                  "measurements[0].runs[0].sample_count");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["runs"][0]["minor_faults"] = "many"; }),
                  "measurements[0].runs[0].minor_faults");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0]["runs"][0]["env"] = {{"GLIBC_TUNABLES", 1}}; }),
                  "measurements[0].runs[0].env");
  EXPECT_CONTAINS(error_after([](json& j) { j["plan"] = json::array(); }), "plan");
}

TEST(ResultsJsonErrors, UnknownStatus) {
  auto msg = error_after([](json& j) { j["measurements"][1]["status"] = "skipped"; });
  EXPECT_CONTAINS(msg, "measurements[1].status");
  EXPECT_CONTAINS(msg, "'skipped'");
}

TEST(ResultsJsonErrors, WrongSchema) {
  EXPECT_CONTAINS(error_after([](json& j) { j["schema"] = "other.results"; }), "'schema'");
  EXPECT_CONTAINS(error_after([](json& j) { j.erase("schema"); }), "'schema'");
  EXPECT_CONTAINS(error_after([](json& j) { j["schema"] = 1; }), "'schema'");
}

TEST(ResultsJsonErrors, OtherSchemaVersion) {
  auto msg = error_after([](json& j) { j["schema_version"] = 2; });
  EXPECT_CONTAINS(msg, "schema_version 2");
  EXPECT_CONTAINS(msg, "not supported");
}

TEST(ResultsJsonErrors, MissingTopLevelFields) {
  EXPECT_CONTAINS(error_after([](json& j) { j.erase("schema_version"); }), "schema_version");
  EXPECT_CONTAINS(error_after([](json& j) { j.erase("run_id"); }), "run_id");
  EXPECT_CONTAINS(error_after([](json& j) { j.erase("measurements"); }), "measurements");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"] = "none"; }), "measurements");
}

TEST(ResultsJsonErrors, NotAnObject) {
  EXPECT_CONTAINS(error_after([](json& j) { j = json::array(); }), "not a results document");
  EXPECT_CONTAINS(error_after([](json& j) { j["measurements"][0] = 1; }), "measurements[0]");
}

// ---- files ---------------------------------------------------------------------------------

TEST(ResultsFile, SaveIsAtomicAndLoads) {
  TempDir dir("results");
  const auto path = dir / "results.json";
  const auto doc = make_doc();
  xlb::save_results(doc, path);
  xlb::save_results(doc, path);  // overwriting an existing file works too
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) names.push_back(e.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"results.json"});  // no .tmp left behind
  const auto text = xlb::unit::read_text(path);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_TRUE(json::accept(text));
  expect_same_doc(doc, xlb::load_results(path));
}

TEST(ResultsFile, SaveIntoMissingDirectoryFailsWithPath) {
  TempDir dir("results");
  const auto path = dir / "absent" / "results.json";
  try {
    xlb::save_results(make_doc(), path);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_CONTAINS(e.what(), path.string());
  }
}

TEST(ResultsFile, LoadErrorsNameThePath) {
  TempDir dir("results");
  const auto path = dir / "results.json";
  try {
    xlb::load_results(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), path.string());
  }
  xlb::unit::write_text(path, "{\"schema\": \"xlbench.results\",");
  try {
    xlb::load_results(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), path.string());
    EXPECT_CONTAINS(e.what(), "not valid JSON");
  }
}

// ---- metrics -------------------------------------------------------------------------------

TEST(Metrics, OpsPerSecondFromKnownSamples) {
  Measurement m;
  m.samples = {{10, 10000000}, {10, 10000000}, {10, 10000000}};  // 10 ops in 10 ms
  auto j = xlb::metrics_json(m);
  EXPECT_DOUBLE_EQ(j["ops_per_s"]["median"].get<double>(), 1000.0);
  EXPECT_DOUBLE_EQ(j["ops_per_s"]["min"].get<double>(), 1000.0);
  EXPECT_DOUBLE_EQ(j["ops_per_s"]["max"].get<double>(), 1000.0);
  EXPECT_EQ(j["ops_per_s"]["n"], 3);
  EXPECT_DOUBLE_EQ(j["ns_per_op"]["median"].get<double>(), 1e6);
  EXPECT_FALSE(j.contains("mb_per_s"));  // no input size
  EXPECT_FALSE(j.contains("peak_rss_kb"));  // no runs
}

TEST(Metrics, MedianOfDifferentSamples) {
  Measurement m;
  m.input_bytes = 500000;  // 0.5 MB
  m.samples = {{10, 10000000}, {30, 10000000}, {20, 10000000}, {10, 5000000}, {40, 10000000}};
  // ops/s: 1000, 3000, 2000, 2000, 4000 -> median 2000; MB/s = ops/s * 0.5.
  auto j = xlb::metrics_json(m);
  EXPECT_DOUBLE_EQ(j["ops_per_s"]["median"].get<double>(), 2000.0);
  EXPECT_DOUBLE_EQ(j["ops_per_s"]["min"].get<double>(), 1000.0);
  EXPECT_DOUBLE_EQ(j["ops_per_s"]["max"].get<double>(), 4000.0);
  EXPECT_DOUBLE_EQ(j["mb_per_s"]["median"].get<double>(), 1000.0);
  EXPECT_DOUBLE_EQ(j["ns_per_op"]["median"].get<double>(), 500000.0);
  for (const char* key : {"n", "median", "ci_low", "ci_high", "ci_coverage", "mean", "stddev", "cv", "mad", "min",
                          "max", "p5", "p50", "p95", "p99"})
    EXPECT_TRUE(j["ops_per_s"].contains(key)) << key;
}

TEST(Metrics, RunFigures) {
  Measurement m;
  ProcessRun a, b;
  a.peak_rss_kb = 3000;
  a.user_s = 1.0;
  a.sys_s = 0.5;
  b.peak_rss_kb = 5000;
  b.user_s = 2.0;
  b.sys_s = 0.5;
  m.runs = {a, b};
  auto j = xlb::metrics_json(m);
  EXPECT_FALSE(j.contains("ops_per_s"));  // no samples
  EXPECT_EQ(j["peak_rss_kb"], 5000);
  EXPECT_DOUBLE_EQ(j["cpu_s_per_run"].get<double>(), 2.0);
}

TEST(Metrics, EmptyMeasurementHasNoMetrics) { EXPECT_EQ(xlb::metrics_json(Measurement{}), json::object()); }

TEST(Metrics, UnknownMetricThrows) {
  EXPECT_THROW(xlb::metric("furlongs_per_fortnight"), std::invalid_argument);
  EXPECT_TRUE(xlb::metric("ops_per_s").higher_is_better);
  EXPECT_FALSE(xlb::metric("ns_per_op").higher_is_better);
}

}  // namespace
