// The JSON workload end to end with one real Go and one real Rust variant, in
// quick mode, through the CLI: both valid, checksums equal the harness's own,
// a comparison in the report. Needs the variants built (scripts/setup.sh).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "model/metrics.hpp"
#include "model/plan.hpp"
#include "model/results.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

std::filesystem::path variant_build_dir() {
  const char* env = std::getenv("XLB_VARIANT_BUILD_DIR");
  return env ? std::filesystem::path(env) : std::filesystem::path(XLB_SOURCE_DIR) / "build";
}

TEST(RealVariants, JsonQuickRunGoAndRust) {
  const auto build_dir = variant_build_dir();
  const bool built = std::filesystem::exists(build_dir / "bin" / "go" / "json_encoding_json") &&
                     std::filesystem::exists(build_dir / "rust-target" / "release" / "json_serde_json");
  if (!built) {
    if (std::getenv("XLBENCH_REQUIRE_REAL")) FAIL() << "variants not built in " << build_dir;
    GTEST_SKIP() << "variants not built in " << build_dir << " (run scripts/setup.sh)";
  }
  auto results = testing::make_temp_dir("real");
  auto run = testing::run_xlbench({"--build-dir", build_dir.string(), "run", "--quick", "--no-build", "--variant",
                                   "encoding_json", "--variant", "serde_json", "--input", "small", "--input",
                                   "large", "--results-dir", results.string(), "--run-id", "real"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;

  auto doc = load_results(results / "real" / "results.json");
  EXPECT_EQ(doc.status, "complete");
  // 2 inputs x 2 modes x 2 variants.
  ASSERT_EQ(doc.measurements.size(), 8u);
  for (const auto& m : doc.measurements) {
    SCOPED_TRACE(m.cell() + " " + m.variant_id());
    EXPECT_EQ(m.status, "ok") << m.reason;
    EXPECT_EQ(m.checksum, m.reference_checksum);
    EXPECT_EQ(m.samples.size(), 10u);  // the quick plan: 2 process runs x 5 samples
    EXPECT_EQ(m.hello.value("language", ""), m.language);
    EXPECT_FALSE(m.hello.value("backend", "").empty());
    ASSERT_EQ(m.runs.size(), static_cast<size_t>(xlb::quick_plan().rounds));
    EXPECT_GT(m.runs[0].max_rss_kb, 0);
    // compare's unit of replication: which samples each process run took.
    for (const auto& r : m.runs) EXPECT_EQ(r.sample_count, xlb::quick_plan().samples_per_run);
    EXPECT_EQ(xlb::sample_groups(m), (std::vector<std::size_t>{5, 5}));
    EXPECT_GT(m.input_bytes, 0);
  }
  // Pinning: the variant got exactly the CPU the plan asked for.
  const auto planned = doc.plan["variant_cpus"].get<std::vector<int>>();
  if (!planned.empty()) {
    EXPECT_EQ(doc.measurements[0].runs[0].cpus_granted, planned);
  }
  EXPECT_FALSE(doc.environment.value("cpu_model", "").empty());
  EXPECT_NE(doc.environment["toolchains"].value("go", "").find("go version"), std::string::npos);

  std::ifstream md(results / "real" / "report.md");
  std::string report((std::istreambuf_iterator<char>(md)), {});
  EXPECT_NE(report.find("| baseline | serde_json vs encoding_json |"), std::string::npos) << report;
  EXPECT_NE(run.out.find("serde_json vs encoding_json"), std::string::npos) << run.out;

  // `report` re-renders the same document.
  auto again = testing::run_xlbench({"report", (results / "real" / "results.json").string(), "-f", "console"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("rust/serde_json"), std::string::npos);
  std::filesystem::remove_all(results);
}

// --rust-malloc runs of simd_json and go_json on one JSON input; skips when not built.
class RustMalloc : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(build_dir_ / "rust-target" / "release" / "json_simd_json") ||
        !std::filesystem::exists(build_dir_ / "bin" / "go" / "json_go_json")) {
      if (std::getenv("XLBENCH_REQUIRE_REAL")) FAIL() << "variants not built in " << build_dir_;
      GTEST_SKIP() << "variants not built in " << build_dir_ << " (run scripts/setup.sh)";
    }
  }
  void TearDown() override { std::filesystem::remove_all(results_); }

  ResultsDoc run(const std::string& policy, const std::string& input, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--build-dir", build_dir_.string(), "run", "--quick", "--no-build",
                                  "--variant", "simd_json", "--variant", "go_json", "--input", input,
                                  "--mode", "typed", "--rust-malloc", policy, "--results-dir", results_.string(),
                                  "--run-id", policy + "-" + input};
    args.insert(args.end(), extra.begin(), extra.end());
    auto result = testing::run_xlbench(args);
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err_tail;
    return load_results(results_ / (policy + "-" + input) / "results.json");
  }
  std::string report(const std::string& run_id) {
    std::ifstream md(results_ / run_id / "report.md");
    return {std::istreambuf_iterator<char>(md), {}};
  }

  std::filesystem::path build_dir_ = variant_build_dir();
  std::filesystem::path results_ = testing::make_temp_dir("malloc");
};

// Steady state sets glibc's thresholds for Rust batch variants only, and says so per process run.
TEST_F(RustMalloc, SteadyStateIsSetForRustOnlyAndRecorded) {
  for (const std::string policy : {"steady", "default"}) {
    SCOPED_TRACE(policy);
    const auto doc = run(policy, "small");
    EXPECT_EQ(doc.plan.value("rust_malloc", ""), policy);
    ASSERT_EQ(doc.measurements.size(), 2u);
    for (const auto& m : doc.measurements) {
      ASSERT_EQ(m.status, "ok") << m.reason;
      for (const auto& r : m.runs) {
        EXPECT_GT(r.minor_faults, 0);
        EXPECT_EQ(r.env.contains("GLIBC_TUNABLES"), policy == "steady" && m.language == "rust") << m.variant_id();
      }
    }
    EXPECT_NE(report(policy + "-small").find(policy == "steady" ? "glibc malloc in steady state" : "glibc malloc defaults"),
              std::string::npos);
  }
  auto bad = testing::run_xlbench({"--build-dir", build_dir_.string(), "run", "--quick", "--no-build",
                                   "--rust-malloc", "jemalloc", "--results-dir", results_.string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE((bad.out + bad.err_tail).find("--rust-malloc: unknown value 'jemalloc'"), std::string::npos)
      << bad.out << bad.err_tail;
}

// With glibc's defaults simd-json hands its twitter.json buffers back to the kernel after every
// parse and faults them in again (hundreds of page faults per parse); steady state stops that.
// Whether glibc trims depends on the buffer sizes against its adaptive thresholds, which is why
// this needs the real twitter.json (the generated documents happen not to trigger it).
TEST_F(RustMalloc, SteadyStateStopsThePageFaultChurnOnTwitter) {
  const char* data = std::getenv("XLBENCH_DATA_DIR");
  const auto data_dir = data ? std::filesystem::path(data) : std::filesystem::path(XLB_SOURCE_DIR) / ".." / "shared" / "data";
  if (!std::filesystem::exists(data_dir / "json" / "twitter.json")) GTEST_SKIP() << "twitter.json not in " << data_dir;
  std::map<std::string, double> faults_per_op;
  for (const std::string policy : {"steady", "default"}) {
    // Enough parses that start-up faults do not drown the per-parse ones.
    const auto doc = run(policy, "twitter", {"--rounds", "1", "--samples", "3", "--min-sample-ms", "200"});
    for (const auto& m : doc.measurements)
      if (m.language == "rust") faults_per_op[policy] = minor_faults_per_op(m).value_or(0);
  }
  EXPECT_GT(faults_per_op["default"], 10 * faults_per_op["steady"])
      << "steady " << faults_per_op["steady"] << ", default " << faults_per_op["default"];
}

}  // namespace
}  // namespace xlb
