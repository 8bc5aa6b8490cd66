// The holding workload's inputs and reference answer: the generated resource
// documents (workloads/holding/README.md), the jsonl_paths rule, and the
// checked-in fixture whose hand-computed answer the Go and Rust variants must
// also reproduce.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "checks/checksum_reference.hpp"
#include "core/errors.hpp"
#include "inputs/holding_inputs.hpp"
#include "inputs/inputs.hpp"
#include "checks/jsonl_checksum.hpp"
#include "model/manifest.hpp"
#include "test_util.hpp"

namespace xlb {
namespace {

using nlohmann::json;

const std::filesystem::path kWorkload = std::filesystem::path(XLB_SOURCE_DIR) / "workloads" / "holding";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(GenerateResources, DeterministicPerSeedAndSmallerCountsArePrefixes) {
  const auto a = generate_k8s_resources(5, 40);
  EXPECT_EQ(a, generate_k8s_resources(5, 40));
  EXPECT_NE(a, generate_k8s_resources(6, 40));
  const auto prefix = generate_k8s_resources(5, 10);
  EXPECT_EQ(a.substr(0, prefix.size()), prefix);
  EXPECT_EQ(generate_k8s_resources(5, 0), "");
}

TEST(GenerateResources, OneKubernetesLikeObjectOfAFewKilobytesPerLine) {
  const auto text = generate_k8s_resources(5, 200);
  ASSERT_EQ(text.back(), '\n');
  const auto lines = lines_of(text);
  ASSERT_EQ(lines.size(), 200u);
  std::set<std::string> kinds, names;
  bool escaped_json_annotation = false, non_ascii = false;
  for (const auto& line : lines) {
    const auto doc = json::parse(line);
    ASSERT_TRUE(doc.is_object());
    EXPECT_EQ(doc["apiVersion"], "apps/v1");
    kinds.insert(doc["kind"].get<std::string>());
    names.insert(doc["metadata"]["name"].get<std::string>());
    for (const auto* key : {"uid", "creationTimestamp", "resourceVersion", "namespace"})
      EXPECT_TRUE(doc["metadata"][key].is_string()) << key;
    EXPECT_TRUE(doc["metadata"]["labels"].is_object());
    EXPECT_TRUE(doc["metadata"]["annotations"].is_object());
    EXPECT_GE(doc["spec"]["replicas"].get<int>(), 1);
    const auto& containers = doc["spec"]["template"]["spec"]["containers"];
    ASSERT_GE(containers.size(), 1u);
    for (const auto& c : containers) {
      for (const auto* key : {"name", "image"}) EXPECT_TRUE(c[key].is_string()) << key;
      for (const auto* key : {"args", "env", "ports"}) EXPECT_TRUE(c[key].is_array()) << key;
      EXPECT_TRUE(c["resources"]["limits"].is_object());
      EXPECT_TRUE(c["resources"]["requests"].is_object());
    }
    EXPECT_TRUE(doc["status"]["conditions"].is_array());
    const auto& annotations = doc["metadata"]["annotations"];
    if (annotations.contains("kubectl.kubernetes.io/last-applied-configuration")) {
      escaped_json_annotation = true;
      EXPECT_TRUE(json::accept(annotations["kubectl.kubernetes.io/last-applied-configuration"].get<std::string>()));
    }
    for (unsigned char c : line) non_ascii = non_ascii || c >= 0x80;
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"Deployment", "ReplicaSet", "StatefulSet"}));
  EXPECT_EQ(names.size(), lines.size());  // names carry the index, so they are unique
  EXPECT_TRUE(escaped_json_annotation);
  EXPECT_TRUE(non_ascii);
  // "A few KB each" (README): the mean document size.
  const double mean = static_cast<double>(text.size()) / 200.0;
  EXPECT_GT(mean, 2000.0);
  EXPECT_LT(mean, 8000.0);
}

TEST(JsonlPaths, SumsPerDocumentAggregatesSkipsBlankLinesAndCountsDocs) {
  const json aggregates = {{{"key", "n"}, {"op", "sum"}, {"path", "a"}},
                           {{"key", "tags"}, {"op", "count"}, {"path", "t[*]"}},
                           {{"key", "bytes"}, {"op", "bytes"}, {"path", "m.*"}}};
  std::istringstream in("{\"a\":2,\"t\":[1,2],\"m\":{\"x\":\"\xC3\xA9\"}}\n \t\r\n{\"a\":3}\r\n\n");
  EXPECT_EQ(jsonl_path_aggregates(in, aggregates, "mem"),
            (json{{"docs", 2}, {"n", 5}, {"tags", 2}, {"bytes", 2}}));
  std::istringstream empty("");
  EXPECT_EQ(jsonl_path_aggregates(empty, aggregates, "mem"), (json{{"docs", 0}, {"n", 0}, {"tags", 0}, {"bytes", 0}}));
}

TEST(JsonlPaths, BadLinesAndReservedKeysNameTheProblem) {
  const json aggregates = {{{"key", "n"}, {"op", "sum"}, {"path", "a"}}};
  try {
    std::istringstream in("{\"a\":1}\n[1]\n");
    jsonl_path_aggregates(in, aggregates, "in.jsonl");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "in.jsonl: line 2 is not a JSON object");
  }
  try {
    std::istringstream in("{\"a\":1}\n{\"a\":\n");
    jsonl_path_aggregates(in, aggregates, "in.jsonl");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "in.jsonl: line 2 is not valid JSON");
  }
  std::istringstream in("");
  EXPECT_THROW(jsonl_path_aggregates(in, json{{{"key", "docs"}, {"op", "count"}, {"path", "a"}}}, "x"), InputError);
  EXPECT_THROW(jsonl_path_aggregates(in, json{{{"key", "n"}, {"op", "max"}, {"path", "a"}}}, "x"), InputError);
}

// The fixture's answer in small.expected.json was counted by hand; the Go
// and Rust tests check their variants against the same file.
TEST(HoldingReference, FixtureMatchesItsHandComputedAnswer) {
  const auto spec = load_manifest(kWorkload / "workload.json");
  ResolvedInput input;
  input.name = "fixture";
  input.schema = "k8s";
  input.path = kWorkload / "fixtures" / "small.jsonl";
  const auto expected = json::parse(unit::read_text(kWorkload / "fixtures" / "small.expected.json"));
  EXPECT_EQ(reference_checksum(spec, "typed", input), expected);
}

TEST(HoldingReference, GeneratedInputsResolveToJsonLinesWithTheirDocumentCount) {
  const auto spec = load_manifest(kWorkload / "workload.json");
  EXPECT_EQ(spec.kind, "spawn");
  unit::TempDir cache("holding");
  for (const auto& in : spec.inputs) {
    if (in.name == "n5000") continue;  // the same generator, just larger
    const auto r = resolve_input(in, {{}, cache.path(), false});
    ASSERT_TRUE(r.available);
    EXPECT_EQ(r.path.extension(), ".jsonl");
    const auto sum = reference_checksum(spec, "typed", r);
    EXPECT_EQ(sum["docs"], (*in.generate)["resources"]) << in.name;
    if (sum["docs"] == 0) {
      EXPECT_EQ(r.bytes, 0u);
      for (const auto& [key, value] : sum.items()) EXPECT_EQ(value, 0) << key;
    } else {
      EXPECT_EQ(sum["containers"].get<std::int64_t>() >= sum["docs"].get<std::int64_t>(), true);
      EXPECT_GT(sum["env"], 0);
      EXPECT_GT(sum["annotation_bytes"], 0);
    }
  }
}

}  // namespace
}  // namespace xlb
