// Workloads from outside the tree (run --workloads DIR): loaded next to the built-in ones,
// checked by data-driven rules (an expected-answer file or a reference variant), reported like
// any other; a malformed manifest is bad input naming its file and field. The real example
// (examples/logscan) runs when it has been built.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "checks/json_checksum.hpp"
#include "model/results.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const json kDocument = {{"orders", {{{"id", 1}, {"items", {1, 2, 3}}}, {{"id", 2}, {"items", json::array()}}}}};

// <dir>/ext/workload.json: one input file of the workload's own, rule given per test.
fs::path make_external_workload(const fs::path& dir, const json& rule, const json& variants) {
  const auto ext = dir / "ext";
  fs::create_directories(ext / "inputs");
  std::ofstream(ext / "inputs" / "doc.json") << kDocument.dump();
  json manifest = {{"schema_version", 1},
                   {"name", "mine"},
                   {"kind", "batch"},
                   {"description", "a user's own workload"},
                   {"modes", {"dom"}},
                   {"inputs", {{{"name", "doc"}, {"schema", "order"}, {"path", "inputs/doc.json"}}}},
                   {"checksum", {{"dom", rule}}},
                   {"variants", variants}};
  std::ofstream(ext / "workload.json") << manifest.dump(2);
  return ext;
}

testing::CliRun run_external(const fs::path& root, const fs::path& ext, const std::string& run_id) {
  return testing::run_xlbench({"--root", root.string(), "run", "--quick", "--no-build", "--timeout-s", "10",
                               "--workloads", ext.string(), "--workload", "mine", "--run-id", run_id});
}

const Measurement& row(const ResultsDoc& doc, const std::string& variant) {
  for (const auto& m : doc.measurements)
    if (m.variant_id() == variant) return m;
  throw std::runtime_error("no row " + variant);
}

TEST(ExternalWorkloads, ExpectedAnswerFileChecksEveryVariant) {
  auto root = testing::make_fake_project("ext-expected", json::array({testing::fake_variant("go", "ok")}));
  const auto ext = make_external_workload(
      root, {{"rule", "expected"}, {"file", "expected.json"}},
      json::array({testing::fake_variant("go", "ok"), testing::fake_variant("rust", "wrong_checksum")}));
  std::ofstream(ext / "expected.json") << json{{"doc", {{"dom", json_stats(kDocument)}}}}.dump();

  auto run = run_external(root, ext, "expected");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  auto doc = load_results(root / "results" / "expected" / "results.json");
  ASSERT_EQ(doc.measurements.size(), 2u);  // the built-in fake workload was not selected
  EXPECT_EQ(row(doc, "go/ok").status, "ok");
  EXPECT_EQ(row(doc, "go/ok").reference_checksum, json_stats(kDocument));
  EXPECT_EQ(row(doc, "rust/wrong_checksum").status, "invalid");
  EXPECT_EQ(doc.plan["workloads"]["mine"]["manifest"], (ext / "workload.json").string());
  ASSERT_EQ(doc.inputs.size(), 1u);
  EXPECT_EQ(doc.inputs[0]["source"], "workload file");
  EXPECT_EQ(doc.inputs[0]["sha256"].get<std::string>().size(), 64u);
  // Reported like a built-in workload.
  EXPECT_NE(run.out.find("== mine ==\n\n dom / doc"), std::string::npos) << run.out;
  fs::remove_all(root);
}

TEST(ExternalWorkloads, ReferenceVariantDecidesAndRunsFirstEvenWhenNotSelected) {
  auto root = testing::make_fake_project("ext-reference", json::array({testing::fake_variant("go", "ok")}));
  const auto ext = make_external_workload(
      root, {{"rule", "reference_variant"}, {"variant", "go/ok"}},
      json::array({testing::fake_variant("rust", "wrong_checksum"), testing::fake_variant("rust", "slow"),
                   testing::fake_variant("go", "ok")}));
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--no-build", "--timeout-s", "10",
                                   "--workloads", ext.string(), "--workload", "mine", "--language", "rust",
                                   "--run-id", "reference"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  auto doc = load_results(root / "results" / "reference" / "results.json");
  ASSERT_EQ(doc.measurements.size(), 3u);
  EXPECT_EQ(row(doc, "go/ok").status, "ok");  // measured although --language rust: it is the reference
  EXPECT_EQ(row(doc, "rust/slow").status, "ok");
  EXPECT_EQ(row(doc, "rust/slow").reference_checksum, json_stats(kDocument));
  EXPECT_EQ(row(doc, "rust/wrong_checksum").status, "invalid");
  fs::remove_all(root);
}

TEST(ExternalWorkloads, AFailedReferenceVariantLeavesTheOthersUnverified) {
  auto root = testing::make_fake_project("ext-noref", json::array({testing::fake_variant("go", "ok")}));
  const auto ext = make_external_workload(root, {{"rule", "reference_variant"}, {"variant", "go/crash"}},
                                          json::array({testing::fake_variant("go", "crash"),
                                                       testing::fake_variant("rust", "ok")}));
  auto run = run_external(root, ext, "noref");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  auto doc = load_results(root / "results" / "noref" / "results.json");
  EXPECT_EQ(row(doc, "go/crash").status, "failed");
  EXPECT_EQ(row(doc, "rust/ok").status, "failed");
  EXPECT_NE(row(doc, "rust/ok").reason.find("not verified: the reference variant go/crash"), std::string::npos)
      << row(doc, "rust/ok").reason;
  EXPECT_TRUE(row(doc, "rust/ok").samples.empty());
  fs::remove_all(root);
}

TEST(ExternalWorkloads, MalformedManifestNamesFileAndFieldAndExitsTwo) {
  auto root = testing::make_fake_project("ext-bad", json::array({testing::fake_variant("go", "ok")}));
  const auto ext = make_external_workload(root, {{"rule", "expected"}}, json::array({testing::fake_variant("go", "ok")}));
  json manifest = json::parse(std::ifstream(ext / "workload.json"));
  manifest["inputs"][0]["path"] = "../outside.json";
  std::ofstream(ext / "workload.json") << manifest.dump();
  auto run = testing::run_xlbench({"--root", root.string(), "list", "--workloads", ext.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find((ext / "workload.json").string() + ": inputs[0].path"), std::string::npos)
      << run.err_tail;

  manifest["inputs"][0]["path"] = "inputs/doc.json";
  manifest["project"] = {{"go", {{"module", "go"}}}};  // no such module
  std::ofstream(ext / "workload.json") << manifest.dump();
  run = testing::run_xlbench({"--root", root.string(), "list", "--workloads", ext.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("workload.json: project.go.module"), std::string::npos) << run.err_tail;

  manifest.erase("project");
  manifest["checksum"]["dom"] = {{"rule", "reference_variant"}, {"variant", "go/absent"}};
  std::ofstream(ext / "workload.json") << manifest.dump();
  run = run_external(root, ext, "bad");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("checksum.dom.variant: 'go/absent' is not a variant"), std::string::npos)
      << run.err_tail;
  EXPECT_FALSE(fs::exists(root / "results" / "bad"));

  run = testing::run_xlbench({"--root", root.string(), "list", "--workloads", (root / "nowhere").string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("nowhere: --workloads directory not found"), std::string::npos) << run.err_tail;
  fs::remove_all(root);
}

TEST(ExternalWorkloads, ANameTakenByABuiltInWorkloadIsRefused) {
  auto root = testing::make_fake_project("ext-clash", json::array({testing::fake_variant("go", "ok")}));
  const auto ext = make_external_workload(root, {{"rule", "expected"}}, json::array({testing::fake_variant("go", "ok")}));
  json manifest = json::parse(std::ifstream(ext / "workload.json"));
  manifest["name"] = "fake";
  std::ofstream(ext / "workload.json") << manifest.dump();
  auto run = testing::run_xlbench({"--root", root.string(), "list", "--workloads", ext.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("workload 'fake' is also defined by"), std::string::npos) << run.err_tail;
  fs::remove_all(root);
}

// A workload's own variant may share its id with a built-in one: a failed build of one costs only its row.
TEST(ExternalWorkloads, OwnBuildFailureCostsOnlyItsOwnRowsEvenWithASharedVariantId) {
  auto root = testing::make_fake_project("ext-build", json::array({testing::fake_variant("go", "ok")}));
  const auto ext = make_external_workload(
      root, {{"rule", "expected"}},
      json::array({{{"language", "go"}, {"name", "ok"}, {"target", "./cmd/ok"}, {"library", "mine"}}}));
  fs::create_directories(ext / "go" / "cmd" / "ok");
  std::ofstream(ext / "go" / "go.mod") << "module example.com/mine\n\ngo 1.22\n";
  std::ofstream(ext / "go" / "cmd" / "ok" / "main.go") << "package main\n\nfunc main() { this is not Go }\n";
  std::ofstream(ext / "expected.json") << json{{"doc", {{"dom", json_stats(kDocument)}}}}.dump();
  json manifest = json::parse(std::ifstream(ext / "workload.json"));
  manifest["project"] = {{"go", {{"module", "go"}}}};
  std::ofstream(ext / "workload.json") << manifest.dump();

  auto run = testing::run_xlbench({"--root", root.string(), "--build-dir", (root / "build").string(), "run",
                                   "--quick", "--timeout-s", "10", "--workloads", ext.string(), "--workload", "mine",
                                   "--workload", "fake", "--run-id", "own-build"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  auto doc = load_results(root / "results" / "own-build" / "results.json");
  int mine = 0, builtin = 0;
  for (const auto& m : doc.measurements) {
    if (m.workload == "mine") {
      ++mine;
      EXPECT_EQ(m.status, "failed");
      EXPECT_NE(m.reason.find("build failed"), std::string::npos) << m.reason;
    } else {
      ++builtin;
      EXPECT_EQ(m.status, "ok") << m.reason;  // the built-in go/ok is not charged with the other's build
    }
  }
  EXPECT_EQ(mine, 1);
  EXPECT_EQ(builtin, 1);
  fs::remove_all(root);
}

// The shipped example, built by scripts/test.sh (xlbench build --workloads examples/logscan).
TEST(ExternalWorkloads, ShippedExampleRunsAndAgreesWithItsExpectedAnswer) {
  const fs::path example = fs::path(XLB_SOURCE_DIR) / "examples" / "logscan";
  const char* build_dir = std::getenv("XLB_VARIANT_BUILD_DIR");
  const fs::path build = build_dir ? fs::path(build_dir) : fs::path(XLB_SOURCE_DIR) / "build";
  if (!fs::exists(build / "ext" / "logscan" / "go" / "logscan_regexp") ||
      !fs::exists(build / "ext" / "logscan" / "rust-target" / "release" / "logscan_regex")) {
    if (std::getenv("XLBENCH_REQUIRE_REAL")) FAIL() << "examples/logscan not built in " << build;
    GTEST_SKIP() << "examples/logscan not built (xlbench build --workloads examples/logscan)";
  }
  const auto results = testing::make_temp_dir("ext-example");
  auto run = testing::run_xlbench({"--build-dir", build.string(), "run", "--quick", "--no-build", "--workloads",
                                   example.string(), "--workload", "logscan", "--results-dir", results.string(),
                                   "--run-id", "example"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  auto doc = load_results(results / "example" / "results.json");
  ASSERT_EQ(doc.measurements.size(), 2u);
  for (const auto& m : doc.measurements) {
    EXPECT_EQ(m.status, "ok") << m.variant_id() << ": " << m.reason;
    EXPECT_EQ(m.checksum["matched"], 11144) << m.variant_id();
  }
  EXPECT_NE(run.out.find("regex vs regexp"), std::string::npos) << run.out;
  fs::remove_all(results);
}

}  // namespace
}  // namespace xlb
