// The whole CLI against test doubles: wrong answers are invalid, crashes and
// hangs are failed, and the run still completes with everything else kept.
#include <gtest/gtest.h>

#include <fstream>

#include "model/results.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

using nlohmann::json;

const Measurement& find(const ResultsDoc& doc, const std::string& variant) {
  for (const auto& m : doc.measurements)
    if (m.variant == variant) return m;
  throw std::runtime_error("no measurement for " + variant);
}

TEST(Faults, BadVariantsCostOneRowEach) {
  json variants = json::array({testing::fake_variant("go", "ok"), testing::fake_variant("rust", "wrong_checksum"),
                               testing::fake_variant("rust", "crash"), testing::fake_variant("rust", "exit1"),
                               testing::fake_variant("rust", "garbage"), testing::fake_variant("rust", "hang"),
                               testing::fake_variant("rust", "ignore_sigterm"),
                               testing::fake_variant("rust", "long_line"),
                               testing::fake_variant("rust", "few_samples")});
  auto root = testing::make_fake_project("faults", variants);
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--timeout-s", "3", "--run-id",
                                   "faults", "--data-dir", root.string()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;

  auto doc = load_results(root / "results" / "faults" / "results.json");
  EXPECT_EQ(doc.status, "complete");
  ASSERT_EQ(doc.measurements.size(), 9u);

  const auto& ok = find(doc, "ok");
  EXPECT_EQ(ok.status, "ok");
  EXPECT_EQ(ok.samples.size(), 10u);
  EXPECT_EQ(ok.checksum, ok.reference_checksum);

  const auto& wrong = find(doc, "wrong_checksum");
  EXPECT_EQ(wrong.status, "invalid");
  EXPECT_NE(wrong.reason.find("strings"), std::string::npos) << wrong.reason;
  EXPECT_TRUE(wrong.samples.empty()) << "an invalid variant's timings must not be kept";

  EXPECT_EQ(find(doc, "crash").status, "failed");
  EXPECT_NE(find(doc, "crash").reason.find("SIGSEGV"), std::string::npos) << find(doc, "crash").reason;
  EXPECT_NE(find(doc, "exit1").reason.find("exit 1"), std::string::npos);
  EXPECT_NE(find(doc, "exit1").stderr_tail.find("giving up on purpose"), std::string::npos);
  EXPECT_NE(find(doc, "garbage").reason.find("not a JSON line"), std::string::npos);
  EXPECT_NE(find(doc, "hang").reason.find("timed out"), std::string::npos);
  EXPECT_NE(find(doc, "ignore_sigterm").reason.find("timed out"), std::string::npos);
  EXPECT_NE(find(doc, "long_line").reason.find("exceeds the limit"), std::string::npos);
  EXPECT_NE(find(doc, "few_samples").reason.find("done after 4 of 5"), std::string::npos);

  // The report names every failure, and no fake is left running.
  std::ifstream md(root / "results" / "faults" / "report.md");
  std::string report((std::istreambuf_iterator<char>(md)), {});
  EXPECT_NE(report.find("Invalid and failed"), std::string::npos);
  EXPECT_NE(report.find("rust/hang"), std::string::npos);
  EXPECT_EQ(testing::count_processes_with(root.string()), 0);
  std::filesystem::remove_all(root);
}

TEST(Faults, UnknownSelectionIsAnInputError) {
  auto root = testing::make_fake_project("select", json::array({testing::fake_variant("go", "ok")}));
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--variant", "nope"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("unknown variant 'nope'"), std::string::npos) << run.err_tail;
  EXPECT_FALSE(std::filesystem::exists(root / "results"));
  std::filesystem::remove_all(root);
}

TEST(Faults, MalformedManifestNamesFileAndField) {
  auto root = testing::make_fake_project("manifest", json::array({testing::fake_variant("go", "ok")}));
  auto path = root / "workloads" / "fake" / "workload.json";
  auto manifest = json::parse(std::ifstream(path));
  manifest["variants"][0]["name"] = "../escape";
  std::ofstream(path) << manifest.dump();
  auto run = testing::run_xlbench({"--root", root.string(), "list"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("workload.json: variants[0].name"), std::string::npos) << run.err_tail;
  std::filesystem::remove_all(root);
}

TEST(Faults, ReportRejectsAResultsFileOfAnotherVersion) {
  auto dir = testing::make_temp_dir("report");
  std::ofstream(dir / "r.json") << R"({"schema":"xlbench.results","schema_version":99})";
  auto run = testing::run_xlbench({"report", (dir / "r.json").string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("schema_version 99"), std::string::npos) << run.err_tail;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace xlb
