// Runs made before the harness was reorganised into kinds and layers (results written by
// commit c3af8fc: tests/data/pre-redesign/results.json, a quick run of json/small, fanout and
// http) still load, render in every report format, give claims verdicts and compare.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "model/results.hpp"
#include "report/report.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;

const fs::path kOldRun = fs::path(XLB_SOURCE_DIR) / "tests" / "data" / "pre-redesign" / "results.json";

TEST(PreRedesignResults, LoadAndRenderInEveryFormat) {
  const auto doc = load_results(kOldRun);
  EXPECT_EQ(doc.status, "complete");
  std::set<std::string> kinds;
  for (const auto& m : doc.measurements) kinds.insert(m.kind);
  EXPECT_EQ(kinds, (std::set<std::string>{"batch", "server", "spawn"}));
  for (const auto& format : report_formats()) {
    const auto out = testing::make_temp_dir("old-report");
    auto run = testing::run_xlbench(
        {"report", kOldRun.string(), "-f", format, "-o", (out / ("report." + format)).string()});
    EXPECT_EQ(run.exit_code, 0) << format << ": " << run.err_tail;
    EXPECT_GT(fs::file_size(out / ("report." + format)), 200u) << format;
    fs::remove_all(out);
  }
}

TEST(PreRedesignResults, ClaimsUseTheProjectFileWhenTheRunKeptNone) {
  ASSERT_FALSE(fs::exists(kOldRun.parent_path() / "claims.json"));  // the old harness kept no copy
  auto run = testing::run_xlbench({"claims", kOldRun.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err_tail;
  EXPECT_NE(run.out.find("supported"), std::string::npos) << run.out;  // its json and http rows get verdicts
}

TEST(PreRedesignResults, CompareWithItselfFindsNoRegression) {
  auto run = testing::run_xlbench({"compare", kOldRun.string(), kOldRun.string(), "-f", "markdown"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  EXPECT_NE(run.out.find("json/dom/small"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace xlb
