// Claim verdicts: the tolerance band, the ratio direction of each metric,
// missing measurements, and validation of the claims file.
#include "analysis/claims.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "analysis/claim_series.hpp"
#include "core/errors.hpp"
#include "model/manifest.hpp"
#include "model/server_plan.hpp"
#include "report/report.hpp"
#include "claims_parse_error.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::Claim;
using xlb::ClaimTest;
using xlb::Measurement;
using xlb::ResultsDoc;
using xlb::VerdictKind;

ClaimTest point_test(double r) {
  ClaimTest t;
  t.low = t.high = r;
  return t;
}

// --- the band -------------------------------------------------------------------

TEST(ClaimBand, PointClaimIsWidenedByTheToleranceFactorBothSides) {
  auto b = xlb::tolerance_band(point_test(2.5));
  EXPECT_DOUBLE_EQ(b.low, 2.0);
  EXPECT_DOUBLE_EQ(b.high, 3.125);
}

TEST(ClaimBand, BoundOfOneIsNotWidened) {
  ClaimTest t;
  t.low = 1.0;  // "a wins at all", no max
  auto b = xlb::tolerance_band(t);
  EXPECT_DOUBLE_EQ(b.low, 1.0);
  EXPECT_TRUE(std::isinf(b.high));
}

TEST(ClaimClassify, CiJustInsideTheBandIsSupported) {
  auto t = point_test(2.5);  // band [2.0, 3.125]
  EXPECT_EQ(xlb::classify(t, {2.0, 3.125}), VerdictKind::supported);
  EXPECT_EQ(xlb::classify(t, {2.001, 3.12}), VerdictKind::supported);
}

TEST(ClaimClassify, CiJustOutsideTheBandIsContradicted) {
  auto t = point_test(2.5);
  EXPECT_EQ(xlb::classify(t, {1.5, 1.999}), VerdictKind::contradicted);
  EXPECT_EQ(xlb::classify(t, {3.126, 4.0}), VerdictKind::contradicted);
}

TEST(ClaimClassify, CiOverlappingABandEdgeIsInconclusive) {
  auto t = point_test(2.5);
  EXPECT_EQ(xlb::classify(t, {1.9, 2.2}), VerdictKind::inconclusive);
  EXPECT_EQ(xlb::classify(t, {3.0, 3.2}), VerdictKind::inconclusive);
  EXPECT_EQ(xlb::classify(t, {1.0, 5.0}), VerdictKind::inconclusive);  // wider than the band
}

TEST(ClaimClassify, WinsAtAllClaimIsContradictedOnlyWhenCiIsBelowOne) {
  ClaimTest t;
  t.low = 1.0;
  EXPECT_EQ(xlb::classify(t, {1.01, 9.0}), VerdictKind::supported);
  EXPECT_EQ(xlb::classify(t, {0.9, 1.1}), VerdictKind::inconclusive);
  EXPECT_EQ(xlb::classify(t, {0.85, 0.99}), VerdictKind::contradicted);
}

TEST(ClaimClassify, RangeClaimWidensBothBounds) {
  ClaimTest t;
  t.low = 1.5;
  t.high = 4.0;  // band [1.2, 5.0]
  EXPECT_EQ(xlb::classify(t, {1.21, 4.9}), VerdictKind::supported);
  EXPECT_EQ(xlb::classify(t, {1.1, 1.19}), VerdictKind::contradicted);
  EXPECT_EQ(xlb::classify(t, {4.8, 5.2}), VerdictKind::inconclusive);
}

// --- evaluate -------------------------------------------------------------------

Measurement meas(const std::string& workload, const std::string& mode, const std::string& input,
                 const std::string& language, const std::string& variant, double ns_per_sample, long rss_kb,
                 std::int64_t tasks = -1) {
  Measurement m;
  m.workload = workload;
  m.kind = workload == "fanout" ? "spawn" : "batch";
  m.mode = mode;
  m.input = input;
  m.language = language;
  m.variant = variant;
  if (tasks >= 0) m.params = {{"tasks", tasks}};
  for (int i = 0; i < 12; ++i)  // +-1% jitter, so the CI is narrow but not a point
    m.samples.push_back({1000, static_cast<std::int64_t>(ns_per_sample * (1.0 + 0.01 * ((i % 5) - 2) / 2.0))});
  for (int r = 0; r < 3; ++r) {
    xlb::ProcessRun run;
    run.outcome = "ok";
    run.peak_rss_kb = rss_kb + r;  // tiny spread
    m.runs.push_back(run);
  }
  return m;
}

ResultsDoc doc_with(std::vector<Measurement> ms) {
  ResultsDoc doc;
  doc.environment = {{"cpu_model", "Test CPU 9000"}, {"logical_cpus", 2}};
  doc.measurements = std::move(ms);
  return doc;
}

Claim claim(const std::string& id, const std::string& workload, const std::string& mode, const std::string& input,
            const std::string& metric, const std::string& a, const std::string& b, double ratio) {
  Claim c;
  c.id = id;
  c.article = "x.txt";
  c.claim = "figures";
  ClaimTest t;
  t.workload = workload;
  t.mode = mode;
  t.input = input;
  t.metric = metric;
  t.a = {"rust", a};
  t.b = {"go", b};
  t.low = t.high = ratio;
  c.test = t;
  return c;
}

// An optional corpus absent from the run: the generated fallback input is measured, and the verdict says so.
TEST(ClaimEvaluate, AbsentCorpusFallsBackToTheGeneratedInputAndSaysSo) {
  auto doc = doc_with({meas("json", "typed", "large", "rust", "serde_json", 1e6, 1000),
                       meas("json", "typed", "large", "go", "encoding_json", 3e6, 1000)});
  doc.inputs = nlohmann::json::array({{{"workload", "json"},
                                       {"name", "twitter"},
                                       {"available", false},
                                       {"skip_reason", "not found: json/twitter.json (no data directory; pass --data-dir)"}}});
  auto c = claim("c", "json", "typed", "twitter", "ops_per_s", "serde_json", "encoding_json", 3.0);
  auto v = xlb::evaluate({c}, doc);
  EXPECT_EQ(v[0].kind, VerdictKind::not_measured);  // no fallback named: not measured, with the command
  EXPECT_CONTAINS(v[0].detail, "needs --data-dir, e.g. xlbench run --workload json --data-dir DIR");
  EXPECT_CONTAINS(v[0].detail, "not found: json/twitter.json");
  c.test->fallback_input = "large";
  v = xlb::evaluate({c}, doc);
  EXPECT_EQ(v[0].kind, VerdictKind::supported);
  ASSERT_TRUE(v[0].measured);
  EXPECT_NEAR(*v[0].measured, 3.0, 0.05);
  EXPECT_CONTAINS(v[0].detail, "measured on the generated input 'large' instead of 'twitter'");
  // With the corpus in the run, its own input is used and no fallback is mentioned.
  doc.measurements.push_back(meas("json", "typed", "twitter", "rust", "serde_json", 1e6, 1000));
  doc.measurements.push_back(meas("json", "typed", "twitter", "go", "encoding_json", 1e6, 1000));
  v = xlb::evaluate({c}, doc);
  EXPECT_EQ(v[0].kind, VerdictKind::contradicted);
  EXPECT_EQ(v[0].detail.find("fallback"), std::string::npos);
  EXPECT_EQ(v[0].detail.find("generated input"), std::string::npos);
}

TEST(ClaimsFile, FallbackInputOnlyForCellMetrics) {
  const nlohmann::json doc = {{"schema_version", 1},
                              {"claims",
                               {{{"id", "x"},
                                 {"article", "a.txt"},
                                 {"claim", "c"},
                                 {"test",
                                  {{"workload", "http"},
                                   {"mode", "plaintext"},
                                   {"metric", "max_rps"},
                                   {"fallback_input", "c64"},
                                   {"a", {{"language", "rust"}, {"variant", "axum"}}},
                                   {"b", {{"language", "go"}, {"variant", "nethttp"}}},
                                   {"expected", {{"ratio", 1.2}}}}}}}}};
  try {
    xlb::parse_claims(doc, "claims.json");
    FAIL() << "accepted";
  } catch (const xlb::InputError& e) {
    EXPECT_CONTAINS(std::string(e.what()), "test.fallback_input");
  }
}

TEST(ClaimEvaluate, OpsPerSecondRatioIsAOverB) {
  // rust takes 1/3 the time per sample -> 3x the ops/s.
  auto doc = doc_with({meas("json", "typed", "small", "rust", "serde_json", 1e6, 1000),
                       meas("json", "typed", "small", "go", "encoding_json", 3e6, 1000)});
  auto v = xlb::evaluate({claim("c", "json", "typed", "small", "ops_per_s", "serde_json", "encoding_json", 3.0)},
                         doc);
  ASSERT_EQ(v.size(), 1u);
  ASSERT_TRUE(v[0].measured && v[0].ci);
  EXPECT_NEAR(*v[0].measured, 3.0, 0.05);
  EXPECT_EQ(v[0].kind, VerdictKind::supported);
  EXPECT_EQ(v[0].cpu_model, "Test CPU 9000");
  EXPECT_EQ(v[0].logical_cpus, 2);
  // Claiming Go is the one 3x faster is contradicted by the same data.
  auto w = xlb::evaluate({claim("c", "json", "typed", "small", "ops_per_s", "serde_json", "encoding_json", 1.0 / 3)},
                         doc);
  EXPECT_EQ(w[0].kind, VerdictKind::contradicted);
}

TEST(ClaimEvaluate, WallTimeRatioIsBOverASoAboveOneMeansAFaster) {
  auto doc = doc_with({meas("fanout", "hold", "n10k", "rust", "tokio_mt", 2e6, 1000, 10000),
                       meas("fanout", "hold", "n10k", "go", "goroutines", 5e6, 1000, 10000)});
  auto v = xlb::evaluate({claim("c", "fanout", "hold", "n10k", "wall_time", "tokio_mt", "goroutines", 2.5)}, doc);
  ASSERT_TRUE(v[0].measured);
  EXPECT_NEAR(*v[0].measured, 2.5, 0.05);
  EXPECT_EQ(v[0].kind, VerdictKind::supported);
}

TEST(ClaimEvaluate, PeakRssRatioIsBOverASoAboveOneMeansALess) {
  auto doc = doc_with({meas("csv", "memory", "sales", "rust", "csv_byterecord", 1e6, 10000),
                       meas("csv", "memory", "sales", "go", "encoding_csv", 1e6, 20000)});
  auto v = xlb::evaluate({claim("c", "csv", "memory", "sales", "peak_rss", "csv_byterecord", "encoding_csv", 2.0)},
                         doc);
  ASSERT_TRUE(v[0].measured && v[0].ci);
  EXPECT_NEAR(*v[0].measured, 2.0, 0.01);
  EXPECT_EQ(v[0].kind, VerdictKind::supported);
}

TEST(ClaimEvaluate, BytesPerTaskRatioIsBOverAWithoutCi) {
  // rust: (11000 - 1000) KiB / 10000 tasks = 1 KiB/task; go: (41000 - 1000) / 10000 = 4 KiB/task.
  auto doc = doc_with({meas("fanout", "hold", "n0", "rust", "tokio_mt", 1e6, 1000, 0),
                       meas("fanout", "hold", "n0", "go", "goroutines", 1e6, 1000, 0),
                       meas("fanout", "hold", "n10k", "rust", "tokio_mt", 1e6, 11000, 10000),
                       meas("fanout", "hold", "n10k", "go", "goroutines", 1e6, 41000, 10000)});
  auto v = xlb::evaluate({claim("c", "fanout", "hold", "n10k", "bytes_per_task", "tokio_mt", "goroutines", 4.0)},
                         doc);
  ASSERT_TRUE(v[0].measured) << v[0].detail;
  EXPECT_FALSE(v[0].ci);
  EXPECT_NEAR(*v[0].measured, 4.0, 0.01);
  EXPECT_EQ(v[0].kind, VerdictKind::supported);
  EXPECT_CONTAINS(v[0].detail, "no CI");
  // Without the n0 baseline there is no bytes-per-task figure.
  doc.measurements.erase(doc.measurements.begin(), doc.measurements.begin() + 2);
  auto w = xlb::evaluate({claim("c", "fanout", "hold", "n10k", "bytes_per_task", "tokio_mt", "goroutines", 4.0)},
                         doc);
  EXPECT_EQ(w[0].kind, VerdictKind::not_measured);
}

TEST(ClaimEvaluate, MissingOrFailedMeasurementIsNotMeasured) {
  auto doc = doc_with({meas("json", "typed", "small", "rust", "serde_json", 1e6, 1000)});
  const auto c = claim("c", "json", "typed", "small", "ops_per_s", "serde_json", "encoding_json", 3.0);
  auto v = xlb::evaluate({c}, doc);
  EXPECT_EQ(v[0].kind, VerdictKind::not_measured);
  EXPECT_FALSE(v[0].measured);
  EXPECT_CONTAINS(v[0].detail, "go/encoding_json");

  auto failed = meas("json", "typed", "small", "go", "encoding_json", 3e6, 1000);
  failed.status = "invalid";
  failed.reason = "checksum differs";
  doc.measurements.push_back(failed);
  auto w = xlb::evaluate({c}, doc);
  EXPECT_EQ(w[0].kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(w[0].detail, "checksum differs");
}

TEST(ClaimEvaluate, UntestableClaimPassesThroughWithItsReason) {
  Claim c;
  c.id = "http";
  c.article = "x.txt";
  c.claim = "847,000 req/s";
  c.untestable = "needs an HTTP workload";
  auto v = xlb::evaluate({c}, doc_with({}));
  EXPECT_EQ(v[0].kind, VerdictKind::untestable);
  EXPECT_EQ(v[0].detail, "needs an HTTP workload");
  EXPECT_EQ(xlb::to_string(v[0].kind), "untestable");
}

TEST(ClaimEvaluate, WritersRenderEveryFormat) {
  auto doc = doc_with({meas("json", "typed", "small", "rust", "serde_json", 1e6, 1000),
                       meas("json", "typed", "small", "go", "encoding_json", 3e6, 1000)});
  auto v = xlb::evaluate({claim("c", "json", "typed", "small", "ops_per_s", "serde_json", "encoding_json", 3.0)},
                         doc);
  std::ostringstream con, md, js;
  xlb::write_verdicts(v, "console", con);
  xlb::write_verdicts(v, "markdown", md);
  xlb::write_verdicts(v, "json", js);
  EXPECT_CONTAINS(con.str(), "supported");
  EXPECT_CONTAINS(md.str(), "| c |");
  EXPECT_CONTAINS(md.str(), "Test CPU 9000");
  auto j = json::parse(js.str());
  EXPECT_EQ(j["verdicts"][0]["verdict"], "supported");
  EXPECT_EQ(j["verdicts"][0]["hardware"]["logical_cpus"], 2);
  std::ostringstream bad;
  EXPECT_THROW(xlb::write_verdicts(v, "html", bad), xlb::InputError);
}

// --- the claims file -------------------------------------------------------------

json valid_file() {
  return json::parse(R"({"schema_version": 1, "claims": [
    {"id": "ok-one", "article": "a.txt", "claim": "2x", "untestable": "vague"},
    {"id": "ok-two", "article": "a.txt", "claim": "2.75x",
     "test": {"workload": "json", "mode": "typed", "input": "small", "metric": "ops_per_s",
              "a": {"language": "rust", "variant": "serde_json"}, "b": {"language": "go", "variant": "encoding_json"},
              "expected": {"ratio": 2.75}}}]})");
}

std::string parse_error(const json& j) { return claims_parse_error(j); }

TEST(ClaimsFile, ValidFileParses) {
  auto claims = xlb::parse_claims(valid_file(), "claims.json");
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_FALSE(claims[0].test);
  ASSERT_TRUE(claims[1].test);
  EXPECT_TRUE(claims[1].test->point());
  EXPECT_DOUBLE_EQ(claims[1].test->low, 2.75);
}

TEST(ClaimsFile, UnknownMetricNamesEntryAndField) {
  auto j = valid_file();
  j["claims"][1]["test"]["metric"] = "foo";
  const auto msg = parse_error(j);
  EXPECT_CONTAINS(msg, "claims.json: claims[1].test.metric: unknown metric 'foo'");
  EXPECT_CONTAINS(msg, "ok-two");
}

TEST(ClaimsFile, MalformedEntriesNameEntryAndField) {
  auto j = valid_file();
  j["claims"][1]["test"]["a"].erase("variant");
  EXPECT_CONTAINS(parse_error(j), "claims[1].test.a.variant: missing");

  j = valid_file();
  j["claims"][1]["test"]["b"]["language"] = "java";
  EXPECT_CONTAINS(parse_error(j), "claims[1].test.b.language");

  j = valid_file();
  j["claims"][1]["test"]["expected"] = {{"ratio", -1}};
  EXPECT_CONTAINS(parse_error(j), "claims[1].test.expected.ratio");

  j = valid_file();
  j["claims"][1]["test"]["expected"] = {{"min", 3}, {"max", 2}};
  EXPECT_CONTAINS(parse_error(j), "claims[1].test.expected: min is greater than max");

  j = valid_file();
  j["claims"][1]["test"]["expected"] = {{"ratio", 2}, {"max", 3}};
  EXPECT_CONTAINS(parse_error(j), "claims[1].test.expected");

  j = valid_file();
  j["claims"][0]["test"] = j["claims"][1]["test"];  // both test and untestable
  EXPECT_CONTAINS(parse_error(j), "claims[0]: needs exactly one of 'test' and 'untestable' (claim 'ok-one')");

  j = valid_file();
  j["claims"][1]["id"] = "ok-one";
  EXPECT_CONTAINS(parse_error(j), "claims[1].id: duplicate id");

  j = valid_file();
  j["claims"][0].erase("claim");
  EXPECT_CONTAINS(parse_error(j), "claims[0].claim: missing");

  j = valid_file();
  j["claims"][0]["id"] = "Not An Id";
  EXPECT_CONTAINS(parse_error(j), "claims[0].id");

  j = valid_file();
  j["schema_version"] = 2;
  EXPECT_CONTAINS(parse_error(j), "schema_version");
}

TEST(ClaimsFile, UnreadableOrInvalidJsonIsAnInputError) {
  xlb::unit::TempDir dir("claims");
  EXPECT_THROW(xlb::load_claims(dir / "none.json"), xlb::InputError);
  xlb::unit::write_text(dir / "claims.json", "{ not json");
  EXPECT_THROW(xlb::load_claims(dir / "claims.json"), xlb::InputError);
}

TEST(ClaimsFile, ReportSectionNeverThrows) {
  std::ostringstream out;
  const auto claims = std::make_shared<const xlb::ClaimsOutcome>(
      xlb::evaluate_claims_file(xlb::default_claims_path(), doc_with({})));
  EXPECT_NO_THROW(xlb::make_reporter("markdown", 0.03, claims)->write(doc_with({}), out));
  EXPECT_CONTAINS(out.str(), "## Claims");
  EXPECT_CONTAINS(out.str(), "Claims from the articles (" + xlb::default_claims_path().string() + ")");
}

// A claims file that cannot be read is one note in the report, not a failed report.
TEST(ClaimsFile, UnreadableFileIsANoteInTheSection) {
  xlb::unit::TempDir dir("claims-note");
  const auto outcome = xlb::evaluate_claims_file(dir / "absent.json", doc_with({}));
  EXPECT_TRUE(outcome.verdicts.empty());
  EXPECT_CONTAINS(outcome.error, "absent.json");
  std::ostringstream out;
  xlb::make_reporter("markdown", 0.03, std::make_shared<const xlb::ClaimsOutcome>(outcome))->write(doc_with({}), out);
  EXPECT_CONTAINS(out.str(), "Claims not evaluated:");
}

// A run keeps its claims file: later reports use that copy unless told otherwise.
TEST(ClaimsFile, RunsCopyWinsOverTheProjectFileUnlessAFileIsChosen) {
  xlb::unit::TempDir dir("claims-kept");
  const auto results = dir / "run" / "results.json";
  const auto project = dir / "project-claims.json";
  EXPECT_EQ(xlb::claims_file_for(results, "", project), project);  // a run from before copies were kept
  EXPECT_EQ(xlb::claims_file_for(results, ""), xlb::default_claims_path());
  xlb::unit::write_text(dir / "run" / "claims.json", R"({"schema_version": 1, "claims": []})");
  EXPECT_EQ(xlb::claims_file_for(results, "", project), dir / "run" / "claims.json");
  EXPECT_EQ(xlb::claims_file_for(results, dir / "mine.json", project), dir / "mine.json");
}

// The real workloads/claims.json: every test names a workload, mode, input
// and variant that exists, and the variant is run on that input.
TEST(ClaimsFile, RealClaimsFileNamesExistingWorkloadsModesInputsAndVariants) {
  const std::filesystem::path root = XLB_SOURCE_DIR;
  const auto claims = xlb::load_claims(root / "workloads" / "claims.json");
  const auto workloads = xlb::discover_workloads(root / "workloads");
  std::vector<std::string> full_phases;  // the load phases of the full plan: c16 ... open90
  const auto full = xlb::full_server_plan();
  for (int c : full.connections) full_phases.push_back("c" + std::to_string(c));
  for (int p : full.open_percents) full_phases.push_back("open" + std::to_string(p));
  size_t tested = 0;
  for (const auto& c : claims) {
    SCOPED_TRACE(c.id);
    EXPECT_FALSE(c.article.empty());
    EXPECT_TRUE(std::filesystem::path(c.article).filename() == c.article);
    if (!c.test) {
      EXPECT_FALSE(c.untestable.empty());
      continue;
    }
    ++tested;
    const auto& t = *c.test;
    auto w = std::find_if(workloads.begin(), workloads.end(), [&](const auto& s) { return s.name == t.workload; });
    ASSERT_NE(w, workloads.end()) << "unknown workload " << t.workload;
    const auto scope = xlb::find_claim_metric(t.metric)->scope;
    using xlb::ClaimScope;
    // What the metric reads must be what the workload produces.
    if (t.metric == "build_time") {
      EXPECT_EQ(w->kind, "build");
    } else if (scope == ClaimScope::footprint) {
      EXPECT_NE(w->kind, "build");  // binaries of runtime variants
    } else if (scope != ClaimScope::cell) {
      EXPECT_TRUE(w->kind == "server" || w->kind == "grpc") << t.metric << " reads server rows";
    }
    if (!t.mode.empty() && w->kind == "grpc") {
      // A grpc row's mode is method and input ("chat-small").
      EXPECT_TRUE(std::any_of(w->modes.begin(), w->modes.end(), [&](const auto& m) {
        return std::any_of(w->inputs.begin(), w->inputs.end(), [&](const auto& i) { return m + "-" + i.name == t.mode; });
      })) << "unknown method-input " << t.mode;
    } else if (!t.mode.empty()) {
      EXPECT_NE(std::find(w->modes.begin(), w->modes.end(), t.mode), w->modes.end()) << "unknown mode " << t.mode;
    }
    if (scope == ClaimScope::cell) {
      EXPECT_TRUE(std::any_of(w->inputs.begin(), w->inputs.end(), [&](const auto& i) { return i.name == t.input; }))
          << "unknown input " << t.input;
    }
    if (scope == ClaimScope::phase || scope == ClaimScope::open_phase) {
      EXPECT_EQ(std::count(full_phases.begin(), full_phases.end(), t.input), 1) << "no load phase " << t.input;
    }
    for (const auto* side : {&t.a, &t.b}) {
      auto v = std::find_if(w->variants.begin(), w->variants.end(), [&](const auto& s) {
        return s.language == side->language && s.name == side->variant;
      });
      ASSERT_NE(v, w->variants.end()) << "unknown variant " << side->id();
      EXPECT_EQ(std::count(v->skip_inputs.begin(), v->skip_inputs.end(), t.input), 0)
          << side->id() << " skips " << t.input;
    }
    if (t.metric == "bytes_per_task") {  // needs the tasks = 0 baseline input
      EXPECT_TRUE(std::any_of(w->inputs.begin(), w->inputs.end(),
                              [](const auto& i) { return i.params.value("tasks", -1) == 0; }));
    }
  }
  EXPECT_GE(tested, 40u);
  EXPECT_GE(claims.size(), 70u);
}

}  // namespace
