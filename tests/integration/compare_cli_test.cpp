// `xlbench compare` through the real CLI on checked-in results documents
// (tests/data/compare, written by make_fixtures.py): the exit status is the
// CI gate, 0 / 1 / 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "model/results.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;

fs::path fixture(const std::string& name) { return fs::path(XLB_SOURCE_DIR) / "tests" / "data" / "compare" / name; }

TEST(CompareCli, FixturesAreValidResultsDocuments) {
  EXPECT_EQ(load_results(fixture("base.json")).measurements.size(), 4u);
  EXPECT_EQ(load_results(fixture("regressed.json")).measurements.size(), 4u);
}

TEST(CompareCli, RegressionExitsOne) {
  auto run = testing::run_xlbench({"compare", fixture("base.json").string(), fixture("regressed.json").string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err_tail;
  EXPECT_NE(run.out.find("json/typed/twitter rust/serde_json: regressed"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("-20.0%"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("json/typed/twitter go/encoding_json: ~"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("rust/simd_json: not comparable (baseline failed: killed by SIGSEGV"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("1 regression"), std::string::npos) << run.out;
}

TEST(CompareCli, SameRunExitsZero) {
  auto run = testing::run_xlbench({"compare", fixture("base.json").string(), fixture("base.json").string()});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  EXPECT_EQ(run.out.find("regressed"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("0 regressions"), std::string::npos) << run.out;
}

TEST(CompareCli, MissingFileExitsTwoNamingThePath) {
  const auto absent = fixture("does-not-exist.json").string();
  auto run = testing::run_xlbench({"compare", fixture("base.json").string(), absent});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err_tail;
  EXPECT_NE(run.err_tail.find(absent), std::string::npos) << run.err_tail;
}

TEST(CompareCli, JsonAndMarkdownToFileAndConfig) {
  auto dir = testing::make_temp_dir("compare-cli");
  // JSON on stdout is machine-readable: every row with numbers and verdict.
  auto js = testing::run_xlbench(
      {"compare", fixture("base.json").string(), fixture("regressed.json").string(), "--format", "json"});
  ASSERT_EQ(js.exit_code, 1) << js.err_tail;
  auto j = nlohmann::json::parse(js.out);
  EXPECT_EQ(j["regressions"], 1);
  ASSERT_EQ(j["rows"].size(), 3u);
  EXPECT_EQ(j["rows"][1]["variant"], "serde_json");
  EXPECT_EQ(j["rows"][1]["verdict"], "regressed");
  EXPECT_NEAR(j["rows"][1]["metrics"][0]["change"].get<double>(), -0.2, 1e-3);

  // A 25% threshold for throughput from a config file: no regression, and markdown to a file.
  std::ofstream(dir / "gate.json") << R"({"thresholds": {"ops_per_s": 0.25}})";
  auto md = testing::run_xlbench({"compare", fixture("base.json").string(), fixture("regressed.json").string(),
                                  "--config", (dir / "gate.json").string(), "-f", "markdown", "-o",
                                  (dir / "summary.md").string()});
  EXPECT_EQ(md.exit_code, 0) << md.out << md.err_tail;
  std::ifstream in(dir / "summary.md");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("**No regression**"), std::string::npos) << text;
  EXPECT_NE(text.find("ops_per_s 25.0%"), std::string::npos) << text;

  // A malformed config is an input error naming the field.
  std::ofstream(dir / "bad.json") << R"({"thresholds": {"ops_per_s": "5%"}})";
  auto bad = testing::run_xlbench({"compare", fixture("base.json").string(), fixture("regressed.json").string(),
                                   "--config", (dir / "bad.json").string()});
  EXPECT_EQ(bad.exit_code, 2) << bad.out;
  EXPECT_NE(bad.err_tail.find("thresholds.ops_per_s"), std::string::npos) << bad.err_tail;

  auto fmt = testing::run_xlbench(
      {"compare", fixture("base.json").string(), fixture("base.json").string(), "--format", "html"});
  EXPECT_EQ(fmt.exit_code, 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace xlb

namespace xlb {
namespace {

// A copy of the base fixture recorded as a multi-host run (server on another host).
std::filesystem::path multi_host_copy(const std::filesystem::path& dir) {
  auto j = nlohmann::json::parse(std::ifstream(fixture("base.json")));
  j["environment"]["topology"] = {{"kind", "multi-host"}, {"roles", {{"server", "bench@10.251.0.2"}}}};
  const auto path = dir / "multi.json";
  std::ofstream(path) << j.dump();
  return path;
}

TEST(CompareCli, SingleHostAgainstMultiHostIsRefusedUnlessAllowed) {
  auto dir = testing::make_temp_dir("compare-topology");
  const auto multi = multi_host_copy(dir).string();
  auto refused = testing::run_xlbench({"compare", fixture("base.json").string(), multi});
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err_tail;
  EXPECT_NE(refused.err_tail.find("is a single-host run and " + multi + " a multi-host run"), std::string::npos)
      << refused.err_tail;
  EXPECT_NE(refused.err_tail.find("--allow-mixed-topology"), std::string::npos) << refused.err_tail;
  auto allowed =
      testing::run_xlbench({"compare", fixture("base.json").string(), multi, "--allow-mixed-topology"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err_tail;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace xlb
