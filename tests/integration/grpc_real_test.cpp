// The grpc workload end to end with the real servers (grpc-go, tonic), in quick mode, through
// the CLI: every method of both inputs verified and loaded without an error, messages counted,
// the report's gRPC summary present. Needs the variants built (scripts/setup.sh).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "kinds/server/server_rows.hpp"
#include "model/results.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

std::filesystem::path variant_build_dir() {
  const char* env = std::getenv("XLB_VARIANT_BUILD_DIR");
  return env ? std::filesystem::path(env) : std::filesystem::path(XLB_SOURCE_DIR) / "build";
}

TEST(GrpcRealVariants, QuickRunVerifiesAndLoadsEveryMethod) {
  const auto build_dir = variant_build_dir();
  const bool built = std::filesystem::exists(build_dir / "bin" / "go" / "grpc_go") &&
                     std::filesystem::exists(build_dir / "rust-target" / "release" / "grpc_tonic");
  if (!built) {
    if (std::getenv("XLBENCH_REQUIRE_REAL")) FAIL() << "grpc variants not built in " << build_dir;
    GTEST_SKIP() << "grpc variants not built in " << build_dir << " (run scripts/setup.sh)";
  }
  auto results = testing::make_temp_dir("grpc-real");
  auto run = testing::run_xlbench({"--build-dir", build_dir.string(), "run", "--quick", "--no-build", "--workload",
                                   "grpc", "--results-dir", results.string(), "--run-id", "grpc"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(results / "grpc" / "results.json");
  EXPECT_EQ(doc.status, "complete");
  int phases = 0;
  for (const auto& m : doc.measurements) {
    SCOPED_TRACE(m.mode + "/" + m.input + " " + m.variant_id());
    EXPECT_EQ(m.status, "ok") << m.reason;
    if (is_lifecycle_row(m)) continue;
    ++phases;
    for (const auto& round : m.load["rounds"]) {
      EXPECT_EQ(round["errors"]["total"], 0) << round["errors"].dump() << round["grpc_status"].dump();
      EXPECT_GT(round["requests"].get<std::uint64_t>(), 0u);
    }
  }
  // 4 methods x 2 inputs x 2 phases (c64, open90) x 2 servers.
  EXPECT_EQ(phases, 32);
  std::ifstream md(results / "grpc" / "report.md");
  const std::string report((std::istreambuf_iterator<char>(md)), {});
  EXPECT_NE(report.find("messages per second (closed loop, best lane count)"), std::string::npos);
  EXPECT_NE(report.find("chat-small"), std::string::npos);
  std::filesystem::remove_all(results);
}

}  // namespace
}  // namespace xlb
