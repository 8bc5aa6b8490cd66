// A run keeps the claims file it was judged against (claims.json next to results.json); a later
// `report` or `claims` on that run uses the copy, whatever the project's file says by then,
// unless --claims names another file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/claims.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

json one_claim(const std::string& id) {
  return {{"schema_version", 1},
          {"claims", {{{"id", id}, {"article", "test"}, {"claim", "a claim only this file makes"},
                       {"untestable", "a test double"}}}}};
}

TEST(ClaimsKept, RunCopiesItsClaimsAndLaterReportsUseTheCopy) {
  auto root = testing::make_fake_project("claims-kept", json::array({testing::fake_variant("go", "ok")}));
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--no-build", "--run-id", "kept"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto run_dir = root / "results" / "kept";
  ASSERT_TRUE(fs::exists(run_dir / "claims.json"));
  EXPECT_EQ(read(run_dir / "claims.json"), read(default_claims_path()));
  EXPECT_NE(read(run_dir / "report.md").find("Claims from the articles (" + (run_dir / "claims.json").string() + ")"),
            std::string::npos);

  // The kept copy changes (as the project's file would between releases): report follows the copy.
  std::ofstream(run_dir / "claims.json") << one_claim("kept-only").dump();
  run = testing::run_xlbench({"claims", (run_dir / "results.json").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err_tail;
  EXPECT_NE(run.out.find("kept-only"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("a0-latency-tolerance"), std::string::npos);
  run = testing::run_xlbench(
      {"report", (run_dir / "results.json").string(), "-f", "html", "-o", (root / "again.html").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err_tail;
  EXPECT_NE(read(root / "again.html").find("kept-only"), std::string::npos);

  // --claims wins over the copy; a file named there that is broken is bad input.
  std::ofstream(root / "other.json") << one_claim("chosen-file").dump();
  run = testing::run_xlbench({"claims", (run_dir / "results.json").string(), "--claims", (root / "other.json").string()});
  EXPECT_NE(run.out.find("chosen-file"), std::string::npos) << run.out;
  std::ofstream(root / "broken.json") << "{";
  run = testing::run_xlbench(
      {"report", (run_dir / "results.json").string(), "--claims", (root / "broken.json").string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("broken.json"), std::string::npos) << run.err_tail;
  fs::remove_all(root);
}

}  // namespace
}  // namespace xlb
