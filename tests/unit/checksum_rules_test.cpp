// The checksum rule table: the data-driven rules a workload needs no C++ for (an expected-answer
// file, a reference variant), an unknown rule naming the known ones, and the manifest fields of a
// workload that brings its own Go module and Cargo package.
#include <gtest/gtest.h>

#include "checks/checksum_reference.hpp"
#include "core/errors.hpp"
#include "model/manifest.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::InputError;
using xlb::unit::TempDir;
using xlb::unit::write_text;

json manifest_with(const json& rule) {
  return {{"schema_version", 1},
          {"name", "mine"},
          {"kind", "batch"},
          {"modes", {"count"}},
          {"inputs", {{{"name", "doc"}, {"schema", "text"}, {"path", "doc.txt"}}}},
          {"checksum", {{"count", rule}}},
          {"variants", {{{"language", "go"}, {"name", "a"}, {"target", "a"}, {"library", "x"}},
                        {{"language", "rust"}, {"name", "b"}, {"target", "b"}, {"library", "y"}}}}};
}

class ChecksumRules : public ::testing::Test {
 protected:
  xlb::WorkloadSpec load(const json& rule) {
    write_text(dir_.path() / "doc.txt", "hello");
    write_text(dir_.path() / "workload.json", manifest_with(rule).dump());
    return xlb::load_manifest(dir_.path() / "workload.json");
  }
  xlb::ResolvedInput doc() {
    xlb::ResolvedInput r;
    r.name = "doc";
    r.path = dir_.path() / "doc.txt";
    return r;
  }
  std::string error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  }
  TempDir dir_{"rules"};
};

TEST_F(ChecksumRules, ExpectedAnswerComesFromTheFileNextToTheManifest) {
  auto spec = load({{"rule", "expected"}, {"file", "answers.json"}});
  write_text(dir_.path() / "answers.json", R"({"doc": {"count": {"words": 1, "letters": 5}}})");
  EXPECT_EQ(xlb::reference_checksum(spec, "count", doc()), (json{{"words", 1}, {"letters", 5}}));
  EXPECT_EQ(xlb::reference_variant_of(spec, "count"), "");
}

TEST_F(ChecksumRules, ExpectedAnswerProblemsNameTheFileAndEntry) {
  auto spec = load({{"rule", "expected"}});  // default file name: expected.json
  EXPECT_NE(error_of([&] { xlb::reference_checksum(spec, "count", doc()); }).find("expected.json: cannot open"),
            std::string::npos);
  write_text(dir_.path() / "expected.json", R"({"other": {}})");
  EXPECT_NE(error_of([&] { xlb::reference_checksum(spec, "count", doc()); })
                .find("expected.json: doc.count: no expected answer for input 'doc' in mode 'count'"),
            std::string::npos);
  write_text(dir_.path() / "expected.json", R"({"doc": {"count": {"words": 1.5}}})");
  EXPECT_NE(error_of([&] { xlb::reference_checksum(spec, "count", doc()); }).find("must be an object of integers"),
            std::string::npos);
  write_text(dir_.path() / "expected.json", "{not json");
  EXPECT_NE(error_of([&] { xlb::reference_checksum(spec, "count", doc()); }).find("expected.json: not valid JSON"),
            std::string::npos);
  auto escaping = load({{"rule", "expected"}, {"file", "../x.json"}});
  EXPECT_NE(error_of([&] { xlb::reference_checksum(escaping, "count", doc()); }).find("checksum.count.file"),
            std::string::npos);
}

TEST_F(ChecksumRules, ReferenceVariantIsDecidedAtRunTime) {
  auto spec = load({{"rule", "reference_variant"}, {"variant", "go/a"}});
  EXPECT_TRUE(xlb::reference_checksum(spec, "count", doc()).is_null());
  EXPECT_EQ(xlb::reference_variant_of(spec, "count"), "go/a");
  auto unknown = load({{"rule", "reference_variant"}, {"variant", "go/zzz"}});
  EXPECT_NE(error_of([&] { xlb::reference_variant_of(unknown, "count"); })
                .find("checksum.count.variant: 'go/zzz' is not a variant of this workload"),
            std::string::npos);
  auto missing = load({{"rule", "reference_variant"}});
  EXPECT_NE(error_of([&] { xlb::reference_checksum(missing, "count", doc()); }).find("checksum.count.variant"),
            std::string::npos);
}

TEST_F(ChecksumRules, UnknownRuleListsTheKnownOnes) {
  auto spec = load({{"rule", "magic"}});
  const auto e = error_of([&] { xlb::reference_checksum(spec, "count", doc()); });
  EXPECT_NE(e.find("checksum.count.rule: unknown rule 'magic'"), std::string::npos) << e;
  for (const auto& name : xlb::checksum_rule_names()) EXPECT_NE(e.find(name), std::string::npos) << name;
  EXPECT_EQ(xlb::checksum_rule_names().size(), 7u);
}

TEST_F(ChecksumRules, OwnProjectsAndInputFilesResolveInsideTheWorkloadDirectory) {
  std::filesystem::create_directories(dir_.path() / "go" / "cmd" / "a");
  write_text(dir_.path() / "go" / "go.mod", "module example.com/mine\n");
  std::filesystem::create_directories(dir_.path() / "rs");
  write_text(dir_.path() / "rs" / "Cargo.toml", "[package]\n");
  auto m = manifest_with({{"rule", "expected"}});
  m["project"] = {{"go", {{"module", "go"}}}, {"rust", {{"package", "rs"}}}};
  m["variants"][0]["target"] = "./cmd/a";
  write_text(dir_.path() / "workload.json", m.dump());
  auto spec = xlb::load_manifest(dir_.path() / "workload.json");
  EXPECT_EQ(spec.variants[0].project_dir, dir_.path() / "go");
  EXPECT_EQ(spec.variants[0].project_owner, "mine");
  EXPECT_EQ(spec.variants[1].project_dir, dir_.path() / "rs");
  ASSERT_TRUE(spec.inputs[0].local_file.has_value());
  EXPECT_EQ(*spec.inputs[0].local_file, dir_.path() / "doc.txt");

  m["variants"][0]["target"] = "cmd/a";  // not a package path
  write_text(dir_.path() / "workload.json", m.dump());
  EXPECT_NE(error_of([&] { xlb::load_manifest(dir_.path() / "workload.json"); }).find("variants[0].target"),
            std::string::npos);
  m["variants"][0]["target"] = "./cmd/a";
  m["project"]["java"] = {{"module", "go"}};
  write_text(dir_.path() / "workload.json", m.dump());
  EXPECT_NE(error_of([&] { xlb::load_manifest(dir_.path() / "workload.json"); }).find("project.java"),
            std::string::npos);
}

}  // namespace
