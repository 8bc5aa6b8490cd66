// A user's own input file for an existing workload (run --input-file <workload>=<path>): one more
// input, in the modes the manifest's user_inputs allows, checked by the workload's own rule and
// recorded with its sha256; bad specs are exit 2 naming the option, before anything is measured.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "checks/json_checksum.hpp"
#include "core/sha256.hpp"
#include "model/results.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path fake_project_taking_user_files(const std::string& tag) {
  auto root = testing::make_fake_project(
      tag, json::array({testing::fake_variant("go", "ok"), testing::fake_variant("rust", "wrong_checksum")}));
  const auto manifest_path = root / "workloads" / "fake" / "workload.json";
  json manifest = json::parse(std::ifstream(manifest_path));
  manifest["modes"] = {"dom", "typed"};
  manifest["checksum"]["typed"] = {{"rule", "json_stats"}};
  manifest["user_inputs"] = {{"modes", {"dom"}}, {"schema", "user"}};
  std::ofstream(manifest_path) << manifest.dump(2);
  return root;
}

TEST(InputFile, UsersFileRunsInTheAllowedModesAndIsRecordedWithItsDigest) {
  const auto root = fake_project_taking_user_files("input-file");
  const json mine = {{"a", {1, 2, {{"b", "text"}}}}, {"c", nullptr}};
  std::ofstream(root / "My Payload.json") << mine.dump();
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--no-build", "--run-id", "mine",
                                   "--input-file", "fake=" + (root / "My Payload.json").string(), "--input",
                                   "file-my-payload"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  auto doc = load_results(root / "results" / "mine" / "results.json");
  ASSERT_EQ(doc.measurements.size(), 2u);  // dom only: typed needs a schema a user's file does not have
  for (const auto& m : doc.measurements) {
    EXPECT_EQ(m.mode, "dom");
    EXPECT_EQ(m.input, "file-my-payload");
    EXPECT_EQ(m.reference_checksum, json_stats(mine));
  }
  EXPECT_EQ(doc.measurements[0].status, "ok");
  EXPECT_EQ(doc.measurements[1].status, "invalid");  // the workload's own rule checks the file
  ASSERT_EQ(doc.inputs.size(), 1u);
  EXPECT_EQ(doc.inputs[0]["source"], "user file");
  EXPECT_EQ(doc.inputs[0]["sha256"], sha256_file(root / "My Payload.json"));
  EXPECT_EQ(doc.plan["input_files"][0]["workload"], "fake");
  fs::remove_all(root);
}

TEST(InputFile, BadSpecsAreExitTwoNamingTheOption) {
  const auto root = fake_project_taking_user_files("input-file-bad");
  std::ofstream(root / "x.json") << "{}";
  auto expect_two = [&](const std::vector<std::string>& extra, const std::string& needle) {
    std::vector<std::string> args = {"--root", root.string(), "run", "--quick", "--no-build"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto run = testing::run_xlbench(args);
    EXPECT_EQ(run.exit_code, 2) << needle;
    EXPECT_NE(run.err_tail.find(needle), std::string::npos) << run.err_tail;
  };
  expect_two({"--input-file", "x.json"}, "--input-file: 'x.json' is not <workload>=<path>");
  expect_two({"--input-file", "nope=" + (root / "x.json").string()}, "no workload 'nope'");
  expect_two({"--input-file", "fake=" + (root / "absent.json").string()}, "absent.json: no such file");
  // A workload whose manifest takes no user files says so, naming its manifest.
  const auto manifest_path = root / "workloads" / "fake" / "workload.json";
  json manifest = json::parse(std::ifstream(manifest_path));
  manifest.erase("user_inputs");
  std::ofstream(manifest_path) << manifest.dump(2);
  expect_two({"--input-file", "fake=" + (root / "x.json").string()}, "has no user_inputs");
  EXPECT_FALSE(fs::exists(root / "results"));
  fs::remove_all(root);
}

}  // namespace
}  // namespace xlb
