// The JSON workload end to end with one real Go and one real Rust variant, in
// quick mode, through the CLI: both valid, checksums equal the harness's own,
// a comparison in the report. Needs the variants built (scripts/setup.sh).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "plan.hpp"
#include "results.hpp"
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
  EXPECT_NE(run.out.find("Rust/Go baseline"), std::string::npos) << run.out;

  // `report` re-renders the same document.
  auto again = testing::run_xlbench({"report", (results / "real" / "results.json").string(), "-f", "console"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("rust/serde_json"), std::string::npos);
  std::filesystem::remove_all(results);
}

}  // namespace
}  // namespace xlb
