// Claim metrics of servers, builds and the footprint (claim_series.hpp): each
// metric's ratio direction, its verdict at the band's edges, "not measured"
// with a reason when a phase or row is missing, and the claims file's checks
// of mode and input per metric.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "analysis/claim_series.hpp"
#include "analysis/claims.hpp"
#include "core/errors.hpp"
#include "loadgen/latency_histogram.hpp"
#include "claims_parse_error.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::Claim;
using xlb::ClaimTest;
using xlb::Measurement;
using xlb::ResultsDoc;
using xlb::Verdict;
using xlb::VerdictKind;

constexpr std::int64_t kIntervalNs = 100'000'000;

// One round of a load phase: completions per 100 ms interval, every request's
// latency, the server's peak RSS and CPU per 1,000 requests.
struct Round {
  std::vector<std::uint64_t> per_interval;
  double latency_ms = 1.0;
  double rss_peak_kb = 10000;
  double cpu_per_1k = 0.05;
};

Measurement phase_row(const std::string& workload, const std::string& mode, const std::string& phase,
                      const std::string& id, const std::vector<Round>& rounds) {
  Measurement m;
  m.workload = workload;
  m.kind = "server";
  m.mode = mode;
  m.input = phase;
  m.language = id.substr(0, id.find('/'));
  m.variant = id.substr(id.find('/') + 1);
  const bool open = phase.rfind("open", 0) == 0;
  m.load = {{"phase", phase}, {"loop", open ? "open" : "closed"}, {"connections", 64}, {"rounds", json::array()}};
  if (open) m.load["target_rate"] = 1000.0, m.load["percent_of_max"] = 90;
  for (std::size_t r = 0; r < rounds.size(); ++r) {
    xlb::LatencyHistogram h;
    for (int i = 0; i < 100; ++i) h.record(static_cast<std::int64_t>(rounds[r].latency_ms * 1e6));
    m.load["rounds"].push_back({{"round", r},
                                {"per_interval", rounds[r].per_interval},
                                {"latency", h.to_json()},
                                {"server",
                                 {{"rss_peak_kb", rounds[r].rss_peak_kb},
                                  {"rss_samples", 5},
                                  {"cpu_s_per_1k_requests", rounds[r].cpu_per_1k}}}});
    for (auto n : rounds[r].per_interval)
      if (n > 0) m.samples.push_back({static_cast<std::int64_t>(n), kIntervalNs});
  }
  return m;
}

// Latencies spread 1..100 ms in one round, so p50, p95 and p99 differ.
Measurement spread_latency_row(const std::string& id, double scale) {
  auto m = phase_row("http", "json", "open90", id, {Round{{100, 100}, 1.0}});
  xlb::LatencyHistogram h;
  for (int i = 1; i <= 100; ++i) h.record(static_cast<std::int64_t>(i * 1e6 * scale));
  m.load["rounds"][0]["latency"] = h.to_json();
  return m;
}

Measurement lifecycle_row(const std::string& workload, const std::string& id,
                          const std::vector<std::pair<double, double>>& cold_ms_idle_kb) {
  Measurement m;
  m.workload = workload;
  m.kind = "server";
  m.mode = "server";
  m.input = "lifecycle";
  m.language = id.substr(0, id.find('/'));
  m.variant = id.substr(id.find('/') + 1);
  m.load = {{"lifecycle", true}, {"rounds", json::array()}};
  for (std::size_t r = 0; r < cold_ms_idle_kb.size(); ++r) {
    const auto [cold, idle] = cold_ms_idle_kb[r];
    m.load["rounds"].push_back({{"round", r}, {"cold_start_ms", cold}, {"ready_ms", cold / 2}, {"idle_rss_kb", idle}});
    m.samples.push_back({1, static_cast<std::int64_t>(cold * 1e6)});
  }
  return m;
}

Measurement build_row(const std::string& mode, const std::string& input, const std::string& id,
                      const std::vector<double>& seconds) {
  Measurement m;
  m.workload = "build";
  m.kind = "build";
  m.mode = mode;
  m.input = input;
  m.language = id.substr(0, id.find('/'));
  m.variant = id.substr(id.find('/') + 1);
  for (double s : seconds) m.samples.push_back({1, static_cast<std::int64_t>(s * 1e9)});
  return m;
}

ResultsDoc doc_with(std::vector<Measurement> ms) {
  ResultsDoc doc;
  doc.environment = {{"cpu_model", "Test CPU"}, {"logical_cpus", 2}};
  doc.plan = {{"name", "quick"},
              {"server", {{"connections", {16, 64}}, {"open_percents", {90}}, {"interval_ms", 100}}}};
  doc.measurements = std::move(ms);
  return doc;
}

Claim claim(const std::string& metric, const std::string& workload, const std::string& mode, const std::string& input,
            const std::string& a, const std::string& b, double low, double high) {
  Claim c;
  c.id = "c";
  c.article = "x.txt";
  c.claim = "figures";
  ClaimTest t;
  t.workload = workload;
  t.mode = mode;
  t.input = input;
  t.metric = metric;
  t.a = {a.substr(0, a.find('/')), a.substr(a.find('/') + 1)};
  t.b = {b.substr(0, b.find('/')), b.substr(b.find('/') + 1)};
  t.low = low;
  t.high = high;
  c.test = t;
  return c;
}

Verdict judge(const Claim& c, const ResultsDoc& doc) {
  auto v = xlb::evaluate({c}, doc);
  EXPECT_EQ(v.size(), 1u);
  return v.at(0);
}

// Ten 100 ms intervals around `rate` req/s (+-2%), so the CI is narrow but not a point.
std::vector<std::uint64_t> intervals(double rate, double spread = 0.02) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < 10; ++i)
    out.push_back(static_cast<std::uint64_t>(rate / 10 * (1 + spread * ((i % 5) - 2) / 2.0)));
  return out;
}

// --- max_rps -----------------------------------------------------------------------------------------------

ResultsDoc max_rps_doc(double rust_rate, double go_rate, double spread = 0.02) {
  return doc_with({
      phase_row("http", "plaintext", "c16", "rust/axum", {Round{intervals(rust_rate / 2, spread)}}),
      phase_row("http", "plaintext", "c64", "rust/axum", {Round{intervals(rust_rate, spread)}}),
      // An open-loop phase never counts as the maximum, however high.
      phase_row("http", "plaintext", "open90", "rust/axum", {Round{intervals(rust_rate * 10, spread)}}),
      phase_row("http", "plaintext", "c16", "go/nethttp", {Round{intervals(go_rate, spread)}}),
      phase_row("http", "plaintext", "c64", "go/nethttp", {Round{intervals(go_rate / 2, spread)}}),
  });
}

TEST(ClaimMaxRps, RatioIsBestClosedPhaseOfAOverThatOfB) {
  const auto doc = max_rps_doc(20000, 10000);
  const auto v = judge(claim("max_rps", "http", "plaintext", "", "rust/axum", "go/nethttp", 2.0, 2.0), doc);
  ASSERT_TRUE(v.measured && v.ci) << v.detail;
  EXPECT_NEAR(*v.measured, 2.0, 0.03);
  EXPECT_EQ(v.kind, VerdictKind::supported);
  EXPECT_CONTAINS(v.detail, "a c64, b c16");  // each side's own best phase
  EXPECT_CONTAINS(v.detail, "one round");
  EXPECT_CONTAINS(xlb::claim_test_text(*v.test), "http/plaintext (best closed-loop phase) max_rps");
}

TEST(ClaimMaxRps, BandEdgesGiveSupportedContradictedAndInconclusive) {
  const auto doc = max_rps_doc(20000, 10000);
  // measured 2.0: band of 1.6 is [1.28, 2.0] (upper edge just reached), of 1.5 is [1.2, 1.875].
  EXPECT_EQ(judge(claim("max_rps", "http", "plaintext", "", "rust/axum", "go/nethttp", 1.6, 1.6), doc).kind,
            VerdictKind::inconclusive);
  EXPECT_EQ(judge(claim("max_rps", "http", "plaintext", "", "rust/axum", "go/nethttp", 1.5, 1.5), doc).kind,
            VerdictKind::contradicted);
  EXPECT_EQ(judge(claim("max_rps", "http", "plaintext", "", "rust/axum", "go/nethttp", 1.0, INFINITY), doc).kind,
            VerdictKind::supported);
  // Noisy intervals: the CI straddles the edge of a claim that is otherwise near.
  const auto noisy = max_rps_doc(20000, 10000, 0.8);
  const auto v = judge(claim("max_rps", "http", "plaintext", "", "rust/axum", "go/nethttp", 1.3, 1.3), noisy);
  ASSERT_TRUE(v.ci);
  EXPECT_LT(v.ci->low, 1.625);
  EXPECT_GT(v.ci->high, 1.625);
  EXPECT_EQ(v.kind, VerdictKind::inconclusive);
}

TEST(ClaimMaxRps, RoundsAreClustersOfTheBootstrap) {
  // Two rounds per side whose levels differ: the rounds are resampled as units,
  // so the CI is much wider than the per-interval jitter alone would make it.
  auto two_rounds = [](const std::string& id, double level) {
    return phase_row("http", "plaintext", "c64", id,
                     {Round{intervals(level * 0.7, 0.01)}, Round{intervals(level * 1.3, 0.01)}});
  };
  auto doc = doc_with({two_rounds("rust/axum", 20000), two_rounds("go/nethttp", 10000)});
  // An empty interval is no sample: the split by round still lines up.
  doc.measurements[0].load["rounds"][0]["per_interval"].push_back(0);
  const auto v = judge(claim("max_rps", "http", "plaintext", "", "rust/axum", "go/nethttp", 2.0, 2.0), doc);
  ASSERT_TRUE(v.ci) << v.detail;
  EXPECT_CONTAINS(v.detail, "rounds (2 of a, 2 of b)");
  EXPECT_EQ(v.detail.find("one round"), std::string::npos);
  EXPECT_GT(v.ci->high - v.ci->low, 0.5);
}

TEST(ClaimMaxRps, NoClosedPhaseIsNotMeasuredWithTheReason) {
  auto doc = max_rps_doc(20000, 10000);
  doc.measurements[3].status = "invalid";
  doc.measurements[3].reason = "wrong body";
  doc.measurements[3].samples.clear();
  doc.measurements[4].status = "failed";
  doc.measurements[4].reason = "server died";
  const auto v = judge(claim("max_rps", "http", "plaintext", "", "rust/axum", "go/nethttp", 2.0, 2.0), doc);
  EXPECT_EQ(v.kind, VerdictKind::not_measured);
  EXPECT_FALSE(v.measured);
  EXPECT_CONTAINS(v.detail, "go/nethttp on http/plaintext: no closed-loop phase with status ok");
  EXPECT_CONTAINS(v.detail, "c16: invalid (wrong body)");
}

// --- latency -------------------------------------------------------------------------------------------------

TEST(ClaimLatency, LowerIsBetterSoRatioIsBOverA) {
  auto doc = doc_with({phase_row("http", "json", "open90", "rust/axum", {Round{{100, 100}, 2.0}}),
                       phase_row("http", "json", "open90", "go/nethttp", {Round{{100, 100}, 4.0}})});
  const auto v = judge(claim("latency_p99", "http", "json", "open90", "rust/axum", "go/nethttp", 2.0, 2.0), doc);
  ASSERT_TRUE(v.measured) << v.detail;
  EXPECT_NEAR(*v.measured, 2.0, 0.05);  // histogram buckets: about 1% relative error
  EXPECT_FALSE(v.ci);                   // one round per side: a point
  EXPECT_EQ(v.kind, VerdictKind::supported);
  EXPECT_CONTAINS(v.detail, "no CI: 1 round of a, 1 round of b");
  EXPECT_CONTAINS(v.detail, "each server's own maximum");
  // The point against a band it misses: contradicted (a point is never inconclusive).
  EXPECT_EQ(judge(claim("latency_p99", "http", "json", "open90", "rust/axum", "go/nethttp", 4.0, 4.0), doc).kind,
            VerdictKind::contradicted);
  // Swapping the sides turns the ratio over.
  const auto w = judge(claim("latency_p99", "http", "json", "open90", "go/nethttp", "rust/axum", 0.5, 0.5), doc);
  EXPECT_NEAR(*w.measured, 0.5, 0.02);
  EXPECT_EQ(w.kind, VerdictKind::supported);
}

TEST(ClaimLatency, PercentileIsReadFromTheHistogram) {
  auto doc = doc_with({spread_latency_row("rust/axum", 1.0), spread_latency_row("go/nethttp", 3.0)});
  for (const char* m : {"latency_p50", "latency_p95", "latency_p99"}) {
    const auto v = judge(claim(m, "http", "json", "open90", "rust/axum", "go/nethttp", 3.0, 3.0), doc);
    ASSERT_TRUE(v.measured) << m << ": " << v.detail;
    EXPECT_NEAR(*v.measured, 3.0, 0.1) << m;
  }
}

TEST(ClaimLatency, FiveRoundsPerSideGiveABootstrapCiThatCanStraddleAnEdge) {
  std::vector<Round> fast, slow;
  for (double ms : {1.0, 1.2, 1.5, 1.8, 2.2}) fast.push_back(Round{{100}, ms});
  for (double ms : {2.0, 2.5, 3.0, 3.6, 4.4}) slow.push_back(Round{{100}, ms});
  auto doc = doc_with({phase_row("http", "json", "open90", "rust/axum", fast),
                       phase_row("http", "json", "open90", "go/nethttp", slow)});
  const auto v = judge(claim("latency_p99", "http", "json", "open90", "rust/axum", "go/nethttp", 2.0, 2.0), doc);
  ASSERT_TRUE(v.ci) << v.detail;
  EXPECT_CONTAINS(v.detail, "5 rounds of a, 5 rounds of b, 95% bootstrap CI");
  EXPECT_LT(v.ci->low, 1.6);   // below the band [1.6, 2.5]
  EXPECT_GT(v.ci->high, 1.6);
  EXPECT_EQ(v.kind, VerdictKind::inconclusive);
}

TEST(ClaimLatency, MissingPhaseSaysWhichPhasesThePlanRan) {
  auto doc = doc_with({phase_row("http", "json", "open90", "rust/axum", {Round{{100}}}),
                       phase_row("http", "json", "open90", "go/nethttp", {Round{{100}}})});
  const auto v = judge(claim("latency_p99", "http", "json", "open50", "rust/axum", "go/nethttp", 2.0, 2.0), doc);
  EXPECT_EQ(v.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(v.detail, "phase 'open50' is not in this run: its quick plan runs c16, c64, open90");
  EXPECT_CONTAINS(v.detail, "the full plan runs c16, c64, c256, open50, open90");
}

TEST(ClaimLatency, ClosedLoopRowIsNotComparedOnLatency) {
  auto rust = phase_row("http", "json", "open90", "rust/axum", {Round{{100}}});
  rust.load["loop"] = "closed";
  auto doc = doc_with({rust, phase_row("http", "json", "open90", "go/nethttp", {Round{{100}}})});
  const auto v = judge(claim("latency_p99", "http", "json", "open90", "rust/axum", "go/nethttp", 2.0, 2.0), doc);
  EXPECT_EQ(v.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(v.detail, "not an open-loop phase");
}

TEST(ClaimLatency, MalformedHistogramIsNotMeasuredNamingTheRound) {
  auto rust = phase_row("http", "json", "open90", "rust/axum", {Round{{100}}});
  rust.load["rounds"][0]["latency"]["count"] = 7;  // differs from the buckets' sum
  auto doc = doc_with({rust, phase_row("http", "json", "open90", "go/nethttp", {Round{{100}}})});
  const auto v = judge(claim("latency_p99", "http", "json", "open90", "rust/axum", "go/nethttp", 2.0, 2.0), doc);
  EXPECT_EQ(v.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(v.detail, "rust/axum on http/json/open90: ");
  EXPECT_CONTAINS(v.detail, "load.rounds[0].latency is malformed: latency histogram");
}

// --- server RSS and CPU per request -------------------------------------------------------------------------

TEST(ClaimServerResources, RssAndCpuAreLowerIsBetter) {
  auto doc = doc_with({phase_row("sql-api", "get_user", "c64", "rust/axum", {Round{{100}, 1, 6000, 0.04}}),
                       phase_row("sql-api", "get_user", "c64", "go/nethttp", {Round{{100}, 1, 18000, 0.05}})});
  const auto rss = judge(claim("server_rss", "sql-api", "get_user", "c64", "rust/axum", "go/nethttp", 3.0, 3.0), doc);
  ASSERT_TRUE(rss.measured) << rss.detail;
  EXPECT_DOUBLE_EQ(*rss.measured, 3.0);
  EXPECT_EQ(rss.kind, VerdictKind::supported);
  const auto cpu =
      judge(claim("cpu_per_1k_requests", "sql-api", "get_user", "c64", "rust/axum", "go/nethttp", 1.25, 1.25), doc);
  ASSERT_TRUE(cpu.measured) << cpu.detail;
  EXPECT_DOUBLE_EQ(*cpu.measured, 1.25);
  EXPECT_EQ(cpu.kind, VerdictKind::supported);
  // 1.25 against a claimed 2.0 (band [1.6, 2.5]) is outside: contradicted.
  EXPECT_EQ(
      judge(claim("cpu_per_1k_requests", "sql-api", "get_user", "c64", "rust/axum", "go/nethttp", 2.0, 2.0), doc).kind,
      VerdictKind::contradicted);
}

TEST(ClaimServerResources, ZeroCpuOrFailedRowIsNotMeasured) {
  auto doc = doc_with({phase_row("http", "json", "c64", "rust/axum", {Round{{100}, 1, 6000, 0.0}}),
                       phase_row("http", "json", "c64", "go/nethttp", {Round{{100}}})});
  auto v = judge(claim("cpu_per_1k_requests", "http", "json", "c64", "rust/axum", "go/nethttp", 2.0, 2.0), doc);
  EXPECT_EQ(v.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(v.detail, "round 1 has server CPU per 1k requests 0");
  doc.measurements[1].status = "failed";
  doc.measurements[1].reason = "server died";
  v = judge(claim("server_rss", "http", "json", "c64", "rust/axum", "go/nethttp", 2.0, 2.0), doc);
  EXPECT_EQ(v.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(v.detail, "go/nethttp on http/json/c64: failed (server died)");
}

// --- lifecycle ----------------------------------------------------------------------------------------------

TEST(ClaimLifecycle, ColdStartAndIdleRssAreLowerIsBetter) {
  auto doc = doc_with(
      {lifecycle_row("http", "rust/axum", {{5, 4000}}), lifecycle_row("http", "go/nethttp", {{15, 8000}})});
  const auto cold = judge(claim("cold_start", "http", "", "", "rust/axum", "go/nethttp", 3.0, 3.0), doc);
  ASSERT_TRUE(cold.measured) << cold.detail;
  EXPECT_DOUBLE_EQ(*cold.measured, 3.0);
  EXPECT_EQ(cold.kind, VerdictKind::supported);
  const auto idle = judge(claim("idle_rss", "http", "", "", "rust/axum", "go/nethttp", 1.0, 6.0), doc);
  ASSERT_TRUE(idle.measured);
  EXPECT_DOUBLE_EQ(*idle.measured, 2.0);
  EXPECT_EQ(idle.kind, VerdictKind::supported);
  EXPECT_EQ(judge(claim("idle_rss", "http", "", "", "rust/axum", "go/nethttp", 4.0, 6.0), doc).kind,
            VerdictKind::contradicted);
  EXPECT_EQ(xlb::claim_test_text(*cold.test), "http cold_start: rust/axum vs go/nethttp");
}

TEST(ClaimLifecycle, MissingLifecycleRowIsNotMeasured) {
  auto doc = doc_with({lifecycle_row("http", "rust/axum", {{5, 4000}}),
                       phase_row("http", "json", "c64", "go/nethttp", {Round{{100}}})});
  auto v = judge(claim("cold_start", "http", "", "", "rust/axum", "go/nethttp", 3.0, 3.0), doc);
  EXPECT_EQ(v.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(v.detail, "go/nethttp on http (lifecycle): no lifecycle row");
  v = judge(claim("cold_start", "sql-api", "", "", "rust/axum", "go/nethttp", 3.0, 3.0), doc);
  EXPECT_CONTAINS(v.detail, "workload 'sql-api' is not in this run");
}

// --- build times --------------------------------------------------------------------------------------------

TEST(ClaimBuildTime, RatioIsBOverAWithACiFromFiveBuilds) {
  auto doc = doc_with({build_row("clean-release", "server", "go/go", {4.0, 4.1, 3.9, 4.2, 4.0}),
                       build_row("clean-release", "server", "rust/cargo", {200, 204, 198, 210, 202})});
  const auto v =
      judge(claim("build_time", "build", "clean-release", "server", "go/go", "rust/cargo", 50.0, 50.0), doc);
  ASSERT_TRUE(v.measured && v.ci) << v.detail;
  EXPECT_NEAR(*v.measured, 202.0 / 4.0, 0.01);
  EXPECT_EQ(v.kind, VerdictKind::supported);
  EXPECT_CONTAINS(v.detail, "5 builds of a, 5 builds of b");
  EXPECT_EQ(judge(claim("build_time", "build", "clean-release", "server", "go/go", "rust/cargo", 10.0, 10.0), doc).kind,
            VerdictKind::contradicted);
}

TEST(ClaimBuildTime, OneBuildPerSideIsAPointAndAbsentWorkloadNamesTheFlag) {
  auto doc = doc_with({build_row("noop", "server", "go/go", {0.5}), build_row("noop", "server", "rust/cargo", {0.25})});
  const auto v = judge(claim("build_time", "build", "noop", "server", "go/go", "rust/cargo", 0.5, 0.5), doc);
  ASSERT_TRUE(v.measured);
  EXPECT_FALSE(v.ci);
  EXPECT_DOUBLE_EQ(*v.measured, 0.5);
  EXPECT_CONTAINS(v.detail, "no CI: 1 build of a, 1 build of b");
  // The project target is in the full plan only.
  const auto p = judge(claim("build_time", "build", "noop", "project", "go/go", "rust/cargo", 0.5, 0.5), doc);
  EXPECT_EQ(p.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(p.detail,
                  "go/go on build/noop/project: not in this run (a quick run: its input 'project' was not in the "
                  "plan or the selection; measured by: xlbench run --workload build --mode noop --input project)");
  // A scenario the plan left out is named with the command that measures it.
  const auto debug = judge(claim("build_time", "build", "fresh-debug", "server", "go/go", "rust/cargo", 20, 25), doc);
  EXPECT_EQ(debug.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(debug.detail, "its mode 'fresh-debug' was not in the plan or the selection; measured by: "
                                "xlbench run --workload build --mode fresh-debug --input server");
  const auto none =
      judge(claim("build_time", "build", "noop", "server", "go/go", "rust/cargo", 0.5, 0.5), doc_with({}));
  EXPECT_EQ(none.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(none.detail, "xlbench run --workload build");
}

// --- footprint ----------------------------------------------------------------------------------------------

ResultsDoc footprint_doc() {
  auto doc = doc_with({});
  doc.footprint = {
      {"binaries",
       {{{"workload", "http"}, {"language", "go"}, {"variant", "nethttp"}, {"bytes", 9000000},
         {"stripped_bytes", 6000000}, {"found", true}},
        {{"workload", "http"}, {"language", "rust"}, {"variant", "axum"}, {"bytes", 2400000},
         {"stripped_bytes", 1500000}, {"found", true}},
        {{"workload", "http"}, {"language", "rust"}, {"variant", "hyper"}, {"bytes", 0}, {"found", false}}}},
      {"code_size",
       {{"variants",
         {{{"workload", "http"}, {"language", "go"}, {"variant", "nethttp"}, {"code_lines", 60}, {"found", true}},
          {{"workload", "http"}, {"language", "rust"}, {"variant", "hyper"}, {"code_lines", 114}, {"found", true}}}}}}};
  return doc;
}

TEST(ClaimFootprint, SizesAndLinesArePointsLowerIsBetter) {
  const auto doc = footprint_doc();
  const auto size = judge(claim("binary_size", "http", "", "", "rust/axum", "go/nethttp", 3.75, 3.75), doc);
  ASSERT_TRUE(size.measured) << size.detail;
  EXPECT_DOUBLE_EQ(*size.measured, 3.75);
  EXPECT_FALSE(size.ci);
  EXPECT_EQ(size.kind, VerdictKind::supported);
  EXPECT_CONTAINS(size.detail, "no CI: one figure per variant (bytes as built: a 2400000, b 9000000)");
  const auto stripped = judge(claim("stripped_binary_size", "http", "", "", "rust/axum", "go/nethttp", 4.0, 4.0), doc);
  EXPECT_DOUBLE_EQ(*stripped.measured, 4.0);
  // 4.0 claimed, band [3.2, 5.0]: the as-built 3.75 is in it, a claimed 2.5 (band [2, 3.125]) is not.
  EXPECT_EQ(judge(claim("binary_size", "http", "", "", "rust/axum", "go/nethttp", 2.5, 2.5), doc).kind,
            VerdictKind::contradicted);
  const auto lines = judge(claim("code_lines", "http", "", "", "go/nethttp", "rust/hyper", 1.9, 1.9), doc);
  ASSERT_TRUE(lines.measured) << lines.detail;
  EXPECT_DOUBLE_EQ(*lines.measured, 1.9);
  EXPECT_EQ(lines.kind, VerdictKind::supported);
}

TEST(ClaimFootprint, MissingFootprintOrBinaryIsNotMeasured) {
  const auto doc = footprint_doc();
  auto v = judge(claim("binary_size", "http", "", "", "rust/hyper", "go/nethttp", 3.0, 3.0), doc);
  EXPECT_EQ(v.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(v.detail, "rust/hyper (http): its binary was not found");
  v = judge(claim("code_lines", "http", "", "", "go/nethttp", "rust/axum", 3.0, 3.0), doc);
  EXPECT_CONTAINS(v.detail, "rust/axum (http): not in this run's footprint");
  v = judge(claim("binary_size", "http", "", "", "rust/axum", "go/nethttp", 3.0, 3.0), doc_with({}));
  EXPECT_EQ(v.kind, VerdictKind::not_measured);
  EXPECT_CONTAINS(v.detail, "no footprint in this run");
  EXPECT_CONTAINS(v.detail, "--workload build");
}

TEST(ClaimWriters, ProxyNoteIsShownWithTheVerdict) {
  auto c = claim("idle_rss", "http", "", "", "rust/axum", "go/nethttp", 1.0, 6.0);
  c.note = "proxy: an idle HTTP server";
  auto doc = doc_with(
      {lifecycle_row("http", "rust/axum", {{5, 4000}}), lifecycle_row("http", "go/nethttp", {{15, 8000}})});
  const auto v = xlb::evaluate({c}, doc);
  std::ostringstream con, md;
  xlb::write_verdicts(v, "console", con);
  xlb::write_verdicts(v, "markdown", md);
  EXPECT_CONTAINS(con.str(), "note: proxy: an idle HTTP server");
  EXPECT_CONTAINS(md.str(), "http idle_rss: rust/axum vs go/nethttp (note: proxy: an idle HTTP server)");
}

// --- the claims file: mode and input per metric ---------------------------------------------------------------

json file_with_test(const json& test) {
  json j = {{"schema_version", 1},
            {"claims",
             {{{"id", "one"}, {"article", "a.txt"}, {"claim", "x"}, {"untestable", "vague"}},
              {{"id", "two"}, {"article", "a.txt"}, {"claim", "y"}, {"test", test}}}}};
  return j;
}

json server_test(const std::string& metric) {
  return {{"workload", "http"}, {"metric", metric}, {"a", {{"language", "rust"}, {"variant", "axum"}}},
          {"b", {{"language", "go"}, {"variant", "nethttp"}}}, {"expected", {{"ratio", 1.4}}}};
}

std::string parse_error(const json& j) { return claims_parse_error(j); }

TEST(ClaimsFileScope, EachMetricTakesTheModeAndInputItNeeds) {
  auto t = server_test("max_rps");
  t["mode"] = "plaintext";
  auto claims = xlb::parse_claims(file_with_test(t), "claims.json");
  EXPECT_EQ(claims[1].test->mode, "plaintext");
  EXPECT_TRUE(claims[1].test->input.empty());

  auto life = server_test("cold_start");
  claims = xlb::parse_claims(file_with_test(life), "claims.json");
  EXPECT_TRUE(claims[1].test->mode.empty());

  auto lat = server_test("latency_p99");
  lat["mode"] = "json";
  lat["input"] = "open90";
  EXPECT_NO_THROW(xlb::parse_claims(file_with_test(lat), "claims.json"));
}

TEST(ClaimsFileScope, MalformedEntriesNameTheEntryAndField) {
  auto t = server_test("max_rps");
  t["mode"] = "plaintext";
  t["input"] = "c64";
  EXPECT_CONTAINS(parse_error(file_with_test(t)), "claims.json: claims[1].test.input: metric 'max_rps' takes no input");
  EXPECT_CONTAINS(parse_error(file_with_test(t)), "(claim 'two')");

  t = server_test("cold_start");
  t["mode"] = "server";
  EXPECT_CONTAINS(parse_error(file_with_test(t)), "claims[1].test.mode: metric 'cold_start' takes no mode");

  t = server_test("binary_size");
  t["input"] = "default";
  EXPECT_CONTAINS(parse_error(file_with_test(t)), "claims[1].test.input: metric 'binary_size' takes no input");

  t = server_test("server_rss");
  EXPECT_CONTAINS(parse_error(file_with_test(t)), "claims[1].test.mode: missing");
  t["mode"] = "json";
  EXPECT_CONTAINS(parse_error(file_with_test(t)), "claims[1].test.input: missing");

  for (const char* phase : {"c64", "open", "openx", "lifecycle"}) {
    t = server_test("latency_p95");
    t["mode"] = "json";
    t["input"] = phase;
    EXPECT_CONTAINS(parse_error(file_with_test(t)),
                    "claims[1].test.input: metric 'latency_p95' needs an open-loop phase");
  }

  t = server_test("max_rps");
  t["mode"] = "json";
  t["phase"] = "c64";  // a typo of a field must not pass silently
  EXPECT_CONTAINS(parse_error(file_with_test(t)), "claims[1].test.phase: unknown field");

  t = server_test("max_rps");
  t["mode"] = 3;
  EXPECT_CONTAINS(parse_error(file_with_test(t)), "claims[1].test.mode: must be a string");

  t = server_test("latency_p98");
  EXPECT_CONTAINS(parse_error(file_with_test(t)), "claims[1].test.metric: unknown metric 'latency_p98'");
}

TEST(ClaimsFileScope, EveryMetricHasASpecAndOnlyMaxRpsAndOpsAreHigherIsBetter) {
  for (const auto& name : xlb::claim_metrics()) {
    const auto* spec = xlb::find_claim_metric(name);
    ASSERT_NE(spec, nullptr) << name;
    EXPECT_EQ(spec->higher_is_better, name == "ops_per_s" || name == "max_rps") << name;
  }
  EXPECT_FALSE(xlb::is_series_metric("ops_per_s"));
  EXPECT_TRUE(xlb::is_series_metric("build_time"));
}

}  // namespace
