// Unit tests for workload manifests: the real json manifest, and every kind of
// mistake a manifest author can make, each reported with the file and the field.
#include "model/manifest.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/errors.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::InputError;
using xlb::load_manifest;
using xlb::unit::TempDir;
using xlb::unit::write_text;

const std::filesystem::path kRealManifest = std::filesystem::path(XLB_SOURCE_DIR) / "workloads/json/workload.json";

TEST(RealManifest, JsonWorkloadLoads) {
  auto spec = load_manifest(kRealManifest);
  EXPECT_EQ(spec.manifest_path, kRealManifest);
  EXPECT_EQ(spec.name, "json");
  EXPECT_EQ(spec.kind, "batch");
  EXPECT_FALSE(spec.description.empty());
  EXPECT_EQ(spec.modes, (std::vector<std::string>{"typed", "dom"}));

  ASSERT_EQ(spec.inputs.size(), 4u);
  const auto& small = spec.inputs[0];
  EXPECT_EQ(small.name, "small");
  EXPECT_EQ(small.schema, "order");
  ASSERT_TRUE(small.generate.has_value());
  EXPECT_EQ((*small.generate)["generator"], "json_orders");
  EXPECT_EQ((*small.generate)["shape"], "order");
  EXPECT_FALSE(small.file.has_value());
  EXPECT_FALSE(small.sha256.has_value());

  const auto& twitter = spec.inputs[1];
  EXPECT_EQ(twitter.name, "twitter");
  EXPECT_EQ(twitter.schema, "twitter");
  EXPECT_EQ(twitter.file, "json/twitter.json");
  EXPECT_EQ(twitter.sha256, "a08b769f32b95f426cbc3abafcec65c1a19d3eb544d4ddf320eae142c99efc5d");
  EXPECT_FALSE(twitter.generate.has_value());

  const auto& citm = spec.inputs[2];
  EXPECT_EQ(citm.name, "citm_catalog");
  EXPECT_EQ(citm.schema, "citm");
  EXPECT_EQ(citm.file, "json/citm_catalog.json");
  EXPECT_EQ(citm.sha256, "a73e7a883f6ea8de113dff59702975e60119b4b58d451d518a929f31c92e2059");

  const auto& large = spec.inputs[3];
  EXPECT_EQ(large.name, "large");
  EXPECT_EQ(large.schema, "orders");
  ASSERT_TRUE(large.generate.has_value());
  EXPECT_EQ((*large.generate)["shape"], "page");
  EXPECT_EQ((*large.generate)["orders"], 15000);
  EXPECT_EQ((*large.generate)["quick_orders"], 1500);

  EXPECT_EQ(spec.checksum["dom"]["rule"], "json_stats");
  EXPECT_EQ(spec.checksum["typed"]["rule"], "json_paths");
  for (const char* schema : {"order", "orders", "twitter", "citm"})
    EXPECT_TRUE(spec.checksum["typed"]["schemas"].contains(schema)) << schema;
  // Every input's schema has typed aggregates.
  for (const auto& in : spec.inputs) EXPECT_TRUE(spec.checksum["typed"]["schemas"].contains(in.schema)) << in.name;

  ASSERT_EQ(spec.variants.size(), 7u);
  std::vector<std::string> ids;
  for (const auto& v : spec.variants) {
    ids.push_back(v.id());
    EXPECT_EQ(v.label, "idiomatic") << v.id();
    EXPECT_TRUE(v.command.empty()) << v.id();
    EXPECT_FALSE(v.library.empty()) << v.id();
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"go/encoding_json", "go/jsoniter", "go/go_json", "go/sonic",
                                           "rust/serde_json", "rust/simd_json", "rust/sonic_rs"}));
  EXPECT_EQ(spec.variants[0].target, "json_encoding_json");
  EXPECT_EQ(spec.variants[0].library, "encoding/json");
  EXPECT_EQ(spec.variants[5].target, "json_simd_json");
  EXPECT_EQ(spec.variants[5].library, "simd-json");

  EXPECT_EQ(spec.baseline, (std::map<std::string, std::string>{{"go", "encoding_json"}, {"rust", "serde_json"}}));
}

TEST(RealManifest, DiscoverFindsJsonWorkload) {
  auto specs = xlb::discover_workloads(std::filesystem::path(XLB_SOURCE_DIR) / "workloads");
  ASSERT_FALSE(specs.empty());
  bool found = false;
  for (const auto& s : specs) found = found || s.name == "json";
  EXPECT_TRUE(found);
}

// ---- broken manifests -----------------------------------------------------------

json valid_manifest() {
  return {
      {"schema_version", 1},
      {"name", "demo"},
      {"kind", "batch"},
      {"description", "a manifest for tests"},
      {"modes", {"dom", "typed"}},
      {"inputs",
       {{{"name", "small"}, {"schema", "order"}, {"generate", {{"generator", "json_orders"}, {"seed", 1}, {"orders", 1}}}},
        {{"name", "data"}, {"schema", "twitter"}, {"file", "json/data.json"}, {"sha256", std::string(64, 'a')}}}},
      {"checksum", {{"dom", {{"rule", "json_stats"}}}, {"typed", {{"rule", "json_paths"}, {"schemas", json::object()}}}}},
      {"variants",
       {{{"language", "go"}, {"name", "std"}, {"target", "demo_std"}, {"library", "encoding/json"}},
        {{"language", "rust"}, {"name", "serde"}, {"target", "demo_serde"}, {"library", "serde_json"}, {"label", "tuned"},
         {"command", {"/bin/true", "--flag"}}}}},
      {"baseline", {{"go", "std"}, {"rust", "serde"}}}};
}

class BrokenManifest : public ::testing::Test {
 protected:
  TempDir dir{"manifest"};

  std::filesystem::path write(const std::string& text) {
    auto path = dir / "workload.json";
    write_text(path, text);
    return path;
  }

  // Applies `edit` to a valid manifest and returns the InputError message.
  std::string error_after(const std::function<void(json&)>& edit) {
    json j = valid_manifest();
    edit(j);
    return error_of(write(j.dump(2)));
  }

  std::string error_of(const std::filesystem::path& path) {
    try {
      load_manifest(path);
    } catch (const InputError& e) {
      std::string msg = e.what();
      EXPECT_CONTAINS(msg, path.string());
      return msg;
    }
    ADD_FAILURE() << "manifest accepted";
    return "";
  }
};

TEST_F(BrokenManifest, ValidBaseLoads) {
  auto spec = load_manifest(write(valid_manifest().dump()));
  EXPECT_EQ(spec.name, "demo");
  ASSERT_EQ(spec.variants.size(), 2u);
  EXPECT_EQ(spec.variants[0].label, "idiomatic");  // the default
  EXPECT_EQ(spec.variants[1].label, "tuned");
  EXPECT_EQ(spec.variants[1].command, (std::vector<std::string>{"/bin/true", "--flag"}));
  EXPECT_EQ(spec.inputs[1].file, "json/data.json");
}

TEST_F(BrokenManifest, MissingFile) {
  auto path = dir / "nope.json";
  auto msg = error_of(path);
  EXPECT_CONTAINS(msg, "cannot open");
}

TEST_F(BrokenManifest, InvalidJson) {
  auto msg = error_of(write("{\"schema_version\": 1, \"name\": "));
  EXPECT_CONTAINS(msg, "not valid JSON");
}

TEST_F(BrokenManifest, TopLevelNotObject) { EXPECT_CONTAINS(error_of(write("[1,2]")), "top level"); }

TEST_F(BrokenManifest, WrongSchemaVersion) {
  EXPECT_CONTAINS(error_after([](json& j) { j["schema_version"] = 2; }), "schema_version");
  EXPECT_CONTAINS(error_after([](json& j) { j.erase("schema_version"); }), "schema_version");
}

TEST_F(BrokenManifest, MissingName) {
  auto msg = error_after([](json& j) { j.erase("name"); });
  EXPECT_CONTAINS(msg, "top level");
  EXPECT_CONTAINS(msg, "'name'");
}

TEST_F(BrokenManifest, NameWithSlash) {
  auto msg = error_after([](json& j) { j["name"] = "a/b"; });
  EXPECT_CONTAINS(msg, ".name");
  EXPECT_CONTAINS(msg, "'a/b'");
}

TEST_F(BrokenManifest, NameWithDotDot) {
  auto msg = error_after([](json& j) { j["name"] = ".."; });
  EXPECT_CONTAINS(msg, "'..'");
}

TEST_F(BrokenManifest, NameNotString) { EXPECT_CONTAINS(error_after([](json& j) { j["name"] = 7; }), "name"); }

TEST_F(BrokenManifest, KindThatIsNotAName) {
  auto msg = error_after([](json& j) { j["kind"] = "Daemon Process"; });
  EXPECT_CONTAINS(msg, "kind");
  EXPECT_CONTAINS(msg, "'Daemon Process'");
}

TEST_F(BrokenManifest, EmptyModes) {
  EXPECT_CONTAINS(error_after([](json& j) { j["modes"] = json::array(); }), "modes");
}

TEST_F(BrokenManifest, BadModeName) {
  EXPECT_CONTAINS(error_after([](json& j) { j["modes"][1] = "Typed Mode"; }), "modes[1]");
  EXPECT_CONTAINS(error_after([](json& j) { j["modes"][0] = 3; }), "modes[0]");
}

TEST_F(BrokenManifest, VariantMissingName) {
  auto msg = error_after([](json& j) { j["variants"][0].erase("name"); });
  EXPECT_CONTAINS(msg, "variants[0]");
  EXPECT_CONTAINS(msg, "'name'");
}

TEST_F(BrokenManifest, VariantNameWithSlash) {
  auto msg = error_after([](json& j) { j["variants"][1]["name"] = "serde/json"; });
  EXPECT_CONTAINS(msg, "variants[1].name");
  EXPECT_CONTAINS(msg, "'serde/json'");
}

TEST_F(BrokenManifest, VariantNameWithDotDot) {
  auto msg = error_after([](json& j) { j["variants"][0]["name"] = "..std"; });
  EXPECT_CONTAINS(msg, "variants[0].name");
}

TEST_F(BrokenManifest, VariantTargetNotIdentifier) {
  EXPECT_CONTAINS(error_after([](json& j) { j["variants"][0]["target"] = "../../bin/sh"; }), "variants[0].target");
}

TEST_F(BrokenManifest, UnknownLanguage) {
  auto msg = error_after([](json& j) { j["variants"][1]["language"] = "zig"; });
  EXPECT_CONTAINS(msg, "variants[1].language");
  EXPECT_CONTAINS(msg, "'zig'");
}

TEST_F(BrokenManifest, DuplicateVariant) {
  auto msg = error_after([](json& j) {
    auto copy = j["variants"][0];
    copy["target"] = "other_target";
    j["variants"].push_back(copy);
  });
  EXPECT_CONTAINS(msg, "variants[2].name");
  EXPECT_CONTAINS(msg, "duplicate");
  EXPECT_CONTAINS(msg, "go/std");
}

TEST_F(BrokenManifest, SameNameInTwoLanguagesIsFine) {
  json j = valid_manifest();
  j["variants"][1]["name"] = "std";
  j["baseline"]["rust"] = "std";
  auto spec = load_manifest(write(j.dump()));
  EXPECT_EQ(spec.variants[1].id(), "rust/std");
}

TEST_F(BrokenManifest, BadCommand) {
  EXPECT_CONTAINS(error_after([](json& j) { j["variants"][1]["command"] = json::array(); }), "variants[1].command");
  EXPECT_CONTAINS(error_after([](json& j) { j["variants"][1]["command"] = {"/bin/true", 3}; }),
                  "variants[1].command");
  EXPECT_CONTAINS(error_after([](json& j) { j["variants"][1]["command"] = "/bin/true"; }), "variants[1].command");
}

TEST_F(BrokenManifest, VariantNotObject) {
  EXPECT_CONTAINS(error_after([](json& j) { j["variants"][0] = "go/std"; }), "variants[0]");
}

TEST_F(BrokenManifest, FileInputWithoutSha256) {
  auto msg = error_after([](json& j) { j["inputs"][1].erase("sha256"); });
  EXPECT_CONTAINS(msg, "inputs[1]");
  EXPECT_CONTAINS(msg, "'sha256'");
}

TEST_F(BrokenManifest, BadSha256) {
  auto short_hash = error_after([](json& j) { j["inputs"][1]["sha256"] = "abc123"; });
  EXPECT_CONTAINS(short_hash, "inputs[1].sha256");
  auto not_hex = error_after([](json& j) { j["inputs"][1]["sha256"] = std::string(63, 'a') + "g"; });
  EXPECT_CONTAINS(not_hex, "inputs[1].sha256");
}

TEST_F(BrokenManifest, AbsoluteFilePath) {
  auto msg = error_after([](json& j) { j["inputs"][1]["file"] = "/etc/passwd"; });
  EXPECT_CONTAINS(msg, "inputs[1].file");
  EXPECT_CONTAINS(msg, "'/etc/passwd'");
}

TEST_F(BrokenManifest, DotDotFilePath) {
  auto msg = error_after([](json& j) { j["inputs"][1]["file"] = "json/../../secret.json"; });
  EXPECT_CONTAINS(msg, "inputs[1].file");
  EXPECT_CONTAINS(msg, "json/../../secret.json");
}

TEST_F(BrokenManifest, BothFileAndGenerate) {
  auto msg = error_after([](json& j) { j["inputs"][1]["generate"] = {{"generator", "json_orders"}}; });
  EXPECT_CONTAINS(msg, "inputs[1]");
  EXPECT_CONTAINS(msg, "'file'");
  EXPECT_CONTAINS(msg, "'generate'");
}

TEST_F(BrokenManifest, NeitherFileNorGenerate) {
  auto msg = error_after([](json& j) { j["inputs"][0].erase("generate"); });
  EXPECT_CONTAINS(msg, "inputs[0]");
  EXPECT_CONTAINS(msg, "'file'");
  EXPECT_CONTAINS(msg, "'generate'");
}

TEST_F(BrokenManifest, GenerateWithoutGenerator) {
  auto msg = error_after([](json& j) { j["inputs"][0]["generate"].erase("generator"); });
  EXPECT_CONTAINS(msg, "inputs[0].generate");
  EXPECT_CONTAINS(msg, "'generator'");
}

TEST_F(BrokenManifest, InputNameNotIdentifier) {
  EXPECT_CONTAINS(error_after([](json& j) { j["inputs"][0]["name"] = "Small Input"; }), "inputs[0].name");
}

TEST_F(BrokenManifest, DuplicateInput) {
  auto msg = error_after([](json& j) { j["inputs"][1]["name"] = "small"; });
  EXPECT_CONTAINS(msg, "inputs[1].name");
  EXPECT_CONTAINS(msg, "duplicate");
}

TEST_F(BrokenManifest, BaselineNamingMissingVariant) {
  auto msg = error_after([](json& j) { j["baseline"]["rust"] = "simd"; });
  EXPECT_CONTAINS(msg, "baseline.rust");
}

TEST_F(BrokenManifest, BaselineNamingOtherLanguagesVariant) {
  auto msg = error_after([](json& j) { j["baseline"]["go"] = "serde"; });
  EXPECT_CONTAINS(msg, "baseline.go");
}

TEST_F(BrokenManifest, BaselineNotString) {
  EXPECT_CONTAINS(error_after([](json& j) { j["baseline"]["go"] = 1; }), "baseline.go");
}

TEST_F(BrokenManifest, ModeWithoutChecksumRule) {
  auto msg = error_after([](json& j) { j["checksum"].erase("typed"); });
  EXPECT_CONTAINS(msg, "checksum.typed");
  auto msg2 = error_after([](json& j) { j["checksum"]["dom"].erase("rule"); });
  EXPECT_CONTAINS(msg2, "checksum.dom");
}

TEST_F(BrokenManifest, ChecksumNotObject) {
  EXPECT_CONTAINS(error_after([](json& j) { j["checksum"] = "json_stats"; }), "checksum");
}

TEST_F(BrokenManifest, DiscoverMissingDirectory) {
  try {
    xlb::discover_workloads(dir / "absent");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "absent");
  }
}

TEST_F(BrokenManifest, DiscoverSortsByName) {
  for (const char* name : {"zeta", "alpha"}) {
    json j = valid_manifest();
    j["name"] = name;
    write_text(dir / "workloads" / name / "workload.json", j.dump());
  }
  std::filesystem::create_directories(dir / "workloads" / "empty_dir");  // no manifest: ignored
  auto specs = xlb::discover_workloads(dir / "workloads");
  ASSERT_EQ(specs.size(), 2u);
  EXPECT_EQ(specs[0].name, "alpha");
  EXPECT_EQ(specs[1].name, "zeta");
}

}  // namespace
