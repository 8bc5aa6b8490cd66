// Unit tests for the build-cost section of the console and Markdown reports.
#include <gtest/gtest.h>

#include <sstream>

#include "report/report.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;

xlb::Measurement build_row(const std::string& mode, const std::string& language, const std::string& variant,
                           std::vector<double> seconds, double cpu_s, long rss_kb) {
  xlb::Measurement m;
  m.workload = "build";
  m.kind = "build";
  m.mode = mode;
  m.input = "server";
  m.language = language;
  m.variant = variant;
  for (double s : seconds) {
    m.samples.push_back({1, static_cast<std::int64_t>(s * 1e9)});
    xlb::ProcessRun run;
    run.wall_s = s;
    run.user_s = cpu_s;
    run.peak_rss_kb = rss_kb;
    run.outcome = "ok";
    m.runs.push_back(run);
  }
  m.facts["tree_rss_peak_kb"] = json::array({rss_kb * 2});
  return m;
}

xlb::ResultsDoc sample_doc() {
  xlb::ResultsDoc doc;
  doc.run_id = "t";
  doc.plan = {{"name", "quick"},
              {"baselines", {{"build", {{"go", "go"}, {"rust", "cargo"}}}}},
              {"build_cost", {{"rounds", 3}, {"cpus", {1}}, {"jobs", 1}, {"tree_rss_sample_ms", 100}}}};
  auto go = build_row("clean-release", "go", "go", {10, 11, 12}, 20, 200 * 1024);
  go.facts["binaries"] = json::array({{{"name", "json_sonic"}, {"bytes", 8 << 20}, {"stripped_bytes", 6 << 20},
                                       {"linkage", "static"}, {"static", true}, {"needed", json::array()}}});
  go.facts["binaries_total_bytes"] = 8 << 20;
  go.facts["binaries_total_stripped_bytes"] = 6 << 20;
  auto rust = build_row("clean-release", "rust", "cargo", {40, 44, 48}, 80, 900 * 1024);
  rust.facts["binaries"] = json::array({{{"name", "json_sonic_rs"}, {"bytes", 4 << 20}, {"stripped_bytes", 1 << 20},
                                         {"linkage", "dynamic"}, {"static", false},
                                         {"needed", {"libgcc_s.so.1", "libc.so.6"}}}});
  rust.facts["binaries_total_bytes"] = 4 << 20;
  rust.facts["binaries_total_stripped_bytes"] = 1 << 20;
  doc.measurements = {go, rust, build_row("noop", "go", "go", {0.2}, 0.3, 50 * 1024)};
  auto failed = build_row("noop", "rust", "cargo", {}, 0, 0);
  failed.status = "failed";
  failed.reason = "build exit 101";
  doc.measurements.push_back(failed);
  doc.footprint = {
      {"code_size",
       {{"variants", json::array({{{"workload", "http"}, {"language", "go"}, {"variant", "gin"}, {"found", true},
                                   {"baseline", true}, {"files", 1}, {"code_lines", 13}, {"test_lines", 0}},
                                  {{"workload", "http"}, {"language", "rust"}, {"variant", "actix"}, {"found", true},
                                   {"baseline", true}, {"files", 1}, {"code_lines", 21}, {"test_lines", 4},
                                   {"build_script_lines", 3}}})},
        {"shared", json::array({{{"language", "go"}, {"dir", "go_impls/internal/driver"}, {"files", 4}, {"code_lines", 300}}})}}},
      {"binaries", json::array({{{"workload", "json"}, {"language", "go"}, {"variant", "sonic"}, {"found", false}}})}};
  return doc;
}

std::string console(const xlb::ResultsDoc& doc) {
  std::ostringstream out;
  xlb::make_reporter("console", 0.03)->write(doc, out);
  return out.str();
}

std::string markdown(const xlb::ResultsDoc& doc) {
  std::ostringstream out;
  xlb::make_reporter("markdown", 0.03)->write(doc, out);
  return out.str();
}

TEST(ReportBuild, TimesWithRatiosCpuAndMemory) {
  const auto text = console(sample_doc());
  EXPECT_CONTAINS(text, "== Build cost ==");
  EXPECT_CONTAINS(text, "11.0 s [10.0-12.0]");  // Go median [min-max]
  EXPECT_CONTAINS(text, "44.0 s [40.0-48.0]");
  EXPECT_CONTAINS(text, "4.00x [");             // Rust/Go with a bootstrap interval (3 runs each)
  EXPECT_CONTAINS(text, "200 / 400");           // largest process / tree, MB
  EXPECT_CONTAINS(text, "0.20 s");              // the Go no-op build
  EXPECT_CONTAINS(text, "failed");              // the Rust no-op row
  // CPU seconds per build and their ratio sit next to the wall times.
  EXPECT_CONTAINS(markdown(sample_doc()), "| 20.0 | 80.0 | 4.00x | 200 / 400 | 900 / 1800 |");
}

TEST(ReportBuild, BinariesAndLinkage) {
  const auto text = markdown(sample_doc());
  EXPECT_CONTAINS(text, "## Build cost");
  EXPECT_CONTAINS(text, "| server | clean-release | go | json_sonic | 8.0 | 6.0 | static |");
  EXPECT_CONTAINS(text, "| server | clean-release | rust | json_sonic_rs | 4.0 | 1.0 | dynamic (libgcc_s.so.1, libc.so.6) |");
  EXPECT_CONTAINS(text, "| json | go/sonic | not built |");
}

TEST(ReportBuild, CodeSizePerVariantAndBaselinePair) {
  const auto text = markdown(sample_doc());
  EXPECT_CONTAINS(text, "| http | go/gin * | 1 | 13 | 0 | - |");
  EXPECT_CONTAINS(text, "| http | rust/actix * | 1 | 21 | 4 | 3 |");
  EXPECT_CONTAINS(text, "| http | gin | 13 | actix | 21 | 1.62x |");
  EXPECT_CONTAINS(text, "go_impls/internal/driver");
}

TEST(ReportBuild, OneRunPerSideGivesAPlainRatio) {
  auto doc = sample_doc();
  for (auto& m : doc.measurements) {
    m.samples.resize(std::min<size_t>(m.samples.size(), 1));
  }
  const auto text = console(doc);
  EXPECT_CONTAINS(text, "4.00x");  // 40 / 10
  EXPECT_EQ(text.find("4.00x ["), std::string::npos);
}

TEST(ReportBuild, NothingForRunsWithoutBuilds) {
  xlb::ResultsDoc doc;
  EXPECT_EQ(console(doc).find("Build"), std::string::npos);
  EXPECT_EQ(markdown(doc).find("Build"), std::string::npos);
}

TEST(ReportBuild, FullReportsKeepBuildRowsOutOfTheThroughputTables) {
  const auto doc = sample_doc();
  std::ostringstream md, con;
  xlb::make_reporter("markdown", 0.03)->write(doc, md);
  xlb::make_reporter("console", 0.03)->write(doc, con);
  EXPECT_CONTAINS(md.str(), "## Build cost");
  EXPECT_EQ(md.str().find("ops/s median"), std::string::npos);
  EXPECT_CONTAINS(con.str(), "== Build cost ==");
  EXPECT_EQ(con.str().find("ops/s median"), std::string::npos);
}

}  // namespace
