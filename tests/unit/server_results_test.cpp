// Unit tests for server-workload rows: the `load` block's round trip through
// results.json, per-interval samples, the figures reports derive from it,
// Rust/Go on maximum throughput, and the HTTP report sections.
#include <gtest/gtest.h>

#include <sstream>

#include "core/errors.hpp"
#include "analysis/http_summary.hpp"
#include "loadgen/latency_histogram.hpp"
#include "report/report.hpp"
#include "core/format.hpp"
#include "model/results.hpp"
#include "kinds/server/server_runner.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::Measurement;
using xlb::ResultsDoc;

json latency_of(std::initializer_list<std::int64_t> ns) {
  xlb::LatencyHistogram h;
  for (auto v : ns) h.record(v);
  return h.to_json();
}

json phase_round(int round, std::uint64_t requests, double elapsed, json latency, double utilization) {
  return {{"round", round},
          {"requests", requests},
          {"elapsed_s", elapsed},
          {"achieved_rate", requests / elapsed},
          {"errors", {{"connect", 0}, {"read", 1}, {"write", 0}, {"timeout", 2}, {"status", 0}, {"body", 0},
                      {"parse", 0}, {"total", 3}}},
          {"latency", latency},
          {"server", {{"wall_s", elapsed}, {"cpu_s", utilization * elapsed}, {"rss_peak_kb", 8000 + round * 100},
                      {"rss_mean_kb", 7000.0 + round * 100}, {"rss_samples", 10}, {"cpu_utilization", utilization}}}};
}

Measurement row(const std::string& language, const std::string& variant, const std::string& mode,
                const std::string& input) {
  Measurement m;
  m.workload = "http";
  m.kind = "server";
  m.mode = mode;
  m.input = input;
  m.language = language;
  m.variant = variant;
  m.label = "idiomatic";
  return m;
}

// Closed-loop samples of 100 ms around `rate` req/s.
void add_samples(Measurement& m, double rate) {
  for (int i = 0; i < 10; ++i) m.samples.push_back({static_cast<std::int64_t>(rate / 10 + (i % 3)), 100000000});
}

Measurement phase(const std::string& language, const std::string& variant, const std::string& name, double rate,
                  bool open = false) {
  auto m = row(language, variant, "plaintext", name);
  m.load = {{"phase", name}, {"loop", open ? "open" : "closed"}, {"connections", 64}, {"rounds", json::array()}};
  if (open) {
    m.load["percent_of_max"] = 50;
    m.load["target_rate"] = rate;
  }
  m.load["rounds"].push_back(phase_round(0, static_cast<std::uint64_t>(rate), 1.0, latency_of({50000, 60000, 900000}), 0.9));
  m.load["rounds"].push_back(phase_round(1, static_cast<std::uint64_t>(rate), 1.0, latency_of({40000, 70000}), 0.7));
  add_samples(m, rate);
  return m;
}

Measurement lifecycle(const std::string& language, const std::string& variant, double cold_ms) {
  auto m = row(language, variant, xlb::kLifecycleMode, xlb::kLifecycleInput);
  m.load = {{"lifecycle", true}, {"rounds", json::array()}};
  for (int r = 0; r < 2; ++r) {
    m.load["rounds"].push_back({{"round", r}, {"cold_start_ms", cold_ms + r}, {"ready_ms", cold_ms - 1},
                                {"idle_rss_kb", 5120}, {"threads_reported", 1}});
    m.samples.push_back({1, static_cast<std::int64_t>((cold_ms + r) * 1e6)});
  }
  return m;
}

ResultsDoc make_doc() {
  ResultsDoc doc;
  doc.run_id = "http-test";
  doc.status = "complete";
  doc.plan = {{"name", "full"},
              {"baselines", {{"http", {{"go", "nethttp"}, {"rust", "axum"}}}}},
              {"server", {{"connections", {16, 64}}, {"open_percents", {50, 90}}, {"window_ms", 1000},
                          {"warmup_ms", 500}, {"rounds", 2}, {"interval_ms", 100}}},
              {"variant_cpus", {1}},
              {"loadgen_cpus", {0}}};
  doc.measurements = {lifecycle("go", "nethttp", 4.0), lifecycle("rust", "axum", 2.0),
                      phase("go", "nethttp", "c16", 30000), phase("go", "nethttp", "c64", 40000),
                      phase("go", "nethttp", "open50", 20000, true), phase("rust", "axum", "c16", 50000),
                      phase("rust", "axum", "c64", 80000), phase("rust", "axum", "open50", 40000, true)};
  return doc;
}

TEST(ServerResults, LoadBlockRoundTrips) {
  auto doc = make_doc();
  auto back = xlb::results_from_json(xlb::to_json(doc), "mem");
  ASSERT_EQ(back.measurements.size(), doc.measurements.size());
  for (size_t i = 0; i < doc.measurements.size(); ++i) EXPECT_EQ(back.measurements[i].load, doc.measurements[i].load);
}

TEST(ServerResults, RowsOfOtherKindsWriteNoLoadAndOldDocumentsStillLoad) {
  Measurement batch = row("go", "x", "dom", "small");
  batch.kind = "batch";
  ResultsDoc doc;
  doc.run_id = "old";
  doc.measurements = {batch};
  auto j = xlb::to_json(doc);
  EXPECT_FALSE(j["measurements"][0].contains("load"));
  auto back = xlb::results_from_json(j, "old.json");
  EXPECT_TRUE(back.measurements[0].load.is_null());
}

TEST(ServerResults, LoadMustBeAnObject) {
  auto j = xlb::to_json(make_doc());
  j["measurements"][2]["load"] = json::array();
  try {
    xlb::results_from_json(j, "bad.json");
    FAIL() << "accepted";
  } catch (const xlb::InputError& e) {
    EXPECT_CONTAINS(e.what(), "measurements[2].load");
  }
}

TEST(IntervalSamples, CountsBecomeRatesAndEmptyIntervalsAreCounted) {
  int empty = -1;
  auto samples = xlb::interval_samples({100, 0, 120, 90}, std::chrono::milliseconds(100), empty);
  ASSERT_EQ(samples.size(), 3u);
  EXPECT_EQ(samples[0].ops, 100);
  EXPECT_EQ(samples[0].ns, 100000000);
  EXPECT_EQ(samples[1].ops, 120);
  EXPECT_EQ(empty, 1);
}

TEST(PhaseFigures, MergedOverRounds) {
  auto m = phase("go", "nethttp", "c64", 40000);
  auto f = xlb::phase_figures(m);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->phase, "c64");
  EXPECT_FALSE(f->open_loop);
  EXPECT_EQ(f->rounds, 2);
  EXPECT_EQ(f->requests, 80000u);
  EXPECT_DOUBLE_EQ(f->achieved_rate, 40000);
  EXPECT_EQ(f->errors.timeout, 4u);
  EXPECT_EQ(f->errors.total(), 6u);
  // Percentiles over every request of both rounds (5 samples), not an average of percentiles.
  EXPECT_EQ(f->latency.count(), 5u);
  EXPECT_GE(f->latency.max_ns(), 900000);
  EXPECT_EQ(f->rss_peak_kb, 8100);
  EXPECT_DOUBLE_EQ(f->rss_mean_kb, 7050);
  // CPU: 0.9 s + 0.7 s over 80000 requests = 0.02 s per 1k.
  ASSERT_TRUE(f->cpu_s_per_1k);
  EXPECT_NEAR(*f->cpu_s_per_1k, 0.02, 1e-12);
  EXPECT_FALSE(xlb::phase_figures(lifecycle("go", "nethttp", 3)));
}

TEST(LifecycleFigures, ColdStartPerRound) {
  auto f = xlb::lifecycle_figures(lifecycle("go", "nethttp", 4.0));
  EXPECT_EQ(f.cold_start_ms, (std::vector<double>{4.0, 5.0}));
  EXPECT_EQ(f.idle_rss_kb.size(), 2u);
  EXPECT_EQ(f.threads_reported, 1);
}

TEST(MaxComparisons, BestPhaseOfEachServer) {
  auto doc = make_doc();
  auto best = xlb::best_closed_row(doc, "http", "rust", "axum", "plaintext");
  ASSERT_NE(best, nullptr);
  EXPECT_EQ(best->input, "c64");
  auto cmps = xlb::max_comparisons(doc, "http", "plaintext", 0.03);
  ASSERT_EQ(cmps.size(), 1u);  // the baseline pair is also the fastest pair
  EXPECT_EQ(cmps[0].basis, "baseline");
  EXPECT_NEAR(cmps[0].cmp.ratio.ratio, 2.0, 0.01);
  EXPECT_EQ(cmps[0].verdict, "Rust 2.00x faster");
  // An invalid server never enters the comparison.
  for (auto& m : doc.measurements)
    if (m.variant == "axum" && m.mode == "plaintext") m.status = "invalid";
  EXPECT_TRUE(xlb::max_comparisons(doc, "http", "plaintext", 0.03).empty());
}

TEST(HttpReport, ConsoleShowsMaxLatencyAndStartup) {
  std::ostringstream out;
  xlb::make_reporter("console", 0.03)->write(make_doc(), out);
  const auto text = out.str();
  EXPECT_CONTAINS(text, "cold start ms");
  EXPECT_CONTAINS(text, "rust/axum");
  EXPECT_CONTAINS(text, "80.0k [");  // axum's maximum with its interval
  EXPECT_CONTAINS(text, "Rust/Go max req/s baseline (axum c64 vs nethttp c64): 2.00x");
  EXPECT_CONTAINS(text, "open50");
  EXPECT_CONTAINS(text, "p99.9");
  EXPECT_CONTAINS(text, "Rust/Go cold start baseline");
  EXPECT_CONTAINS(text, "6 (read 2, timeout 4)");
}

TEST(HttpReport, MarkdownTablesAreWellFormed) {
  std::ostringstream out;
  xlb::make_reporter("markdown", 0.03)->write(make_doc(), out);
  const auto text = out.str();
  EXPECT_CONTAINS(text, "## http");
  EXPECT_CONTAINS(text, "### endpoint plaintext");
  EXPECT_CONTAINS(text, "**maximum throughput (closed loop, best connection count)**");
  EXPECT_CONTAINS(text, "**latency at fixed load");
  EXPECT_CONTAINS(text, "**Rust / Go req/s at each connection count**");
  // Every table row has as many cells as its header.
  std::istringstream lines(text);
  std::string line;
  size_t columns = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '|') {
      columns = 0;
      continue;
    }
    size_t cells = 0;
    for (size_t i = 0; i < line.size(); ++i)
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++cells;
    if (columns == 0) columns = cells;
    EXPECT_EQ(cells, columns) << line;
  }
}

TEST(LatencyText, Units) {
  EXPECT_EQ(xlb::latency_text(85000), "85.0 us");
  EXPECT_EQ(xlb::latency_text(1200000), "1.20 ms");
  EXPECT_EQ(xlb::latency_text(2.5e9), "2.50 s");
}

}  // namespace
