// The build kind's typed footprint rows: the footprint block of a real-shaped
// document reads into Footprint and writes back unchanged, old blocks with
// fields missing still read, and a field of the wrong type is an InputError
// naming it.
#include "kinds/build/footprint.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "model/results.hpp"
#include "test_util.hpp"

namespace xlb {
namespace {

const std::filesystem::path kData = XLB_TEST_DATA_DIR;

TEST(Footprint, TheFixturesFootprintRoundTripsUnchanged) {
  const auto doc = load_results(kData / "html" / "results.json");
  const auto footprint = read_footprint(doc.footprint);
  EXPECT_FALSE(footprint.code_variants.empty());
  EXPECT_FALSE(footprint.shared.empty());
  EXPECT_FALSE(footprint.binaries.empty());
  EXPECT_EQ(to_json(footprint), doc.footprint);
}

TEST(Footprint, ReadsTypedValues) {
  const nlohmann::json j = {
      {"code_size",
       {{"variants",
         {{{"workload", "http"}, {"language", "rust"}, {"variant", "axum"}, {"target", "http_axum"},
           {"dir", "rust_impls/variants/http_axum"}, {"baseline", true}, {"found", true}, {"files", 2},
           {"code_lines", 91}, {"comment_lines", 7}, {"blank_lines", 12}, {"test_lines", 40},
           {"build_script_lines", 0}},
          {{"workload", "http"}, {"language", "go"}, {"variant", "gone"}, {"target", "http_gone"},
           {"dir", "go_impls/cmd/http_gone"}, {"baseline", false}, {"found", false}}}},
        {"shared", nlohmann::json::array()}}},
      {"binaries",
       {{{"workload", "http"}, {"language", "rust"}, {"variant", "axum"}, {"name", "http_axum"},
         {"path", "build/rust-target/release/http_axum"}, {"found", true}, {"bytes", 5000000},
         {"stripped_bytes", nullptr}, {"strip_error", "strip: exit 1"}, {"linkage", "dynamic"}, {"static", false},
         {"interpreter", "/lib64/ld-linux-x86-64.so.2"}, {"needed", {"libc.so.6", "libm.so.6"}}}}}};
  const auto f = read_footprint(j);
  ASSERT_EQ(f.code_variants.size(), 2u);
  EXPECT_EQ(f.code_variants[0].lines.code_lines, 91);
  EXPECT_TRUE(f.code_variants[0].baseline);
  EXPECT_FALSE(f.code_variants[1].found);
  ASSERT_EQ(f.binaries.size(), 1u);
  EXPECT_EQ(f.binaries[0].bytes, 5000000u);
  EXPECT_FALSE(f.binaries[0].stripped_bytes.has_value());
  EXPECT_EQ(f.binaries[0].needed, (std::vector<std::string>{"libc.so.6", "libm.so.6"}));
  EXPECT_EQ(to_json(f), j);
}

TEST(Footprint, AnEmptyOrAbsentBlockIsEmpty) {
  EXPECT_TRUE(read_footprint(nlohmann::json::object()).empty());
  EXPECT_TRUE(read_footprint(nlohmann::json()).empty());
}

TEST(Footprint, AnOldBinaryRowWithoutOptionalFieldsStillReads) {
  // A build row's `binaries` fact as early runs wrote it: no path, interpreter or owner.
  const auto rows = read_binary_rows(nlohmann::json::parse(
                                         R"([{"name":"json_sonic","found":true,"bytes":8912896,)"
                                         R"("stripped_bytes":6239027,"linkage":"static","static":true,"needed":[]}])"),
                                     "facts.binaries");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].name, "json_sonic");
  EXPECT_TRUE(rows[0].is_static);
  EXPECT_EQ(rows[0].stripped_bytes.value_or(0), 6239027u);
  EXPECT_TRUE(rows[0].path.empty());
}

void expect_error_naming(const nlohmann::json& j, const std::string& field) {
  try {
    read_footprint(j);
    ADD_FAILURE() << "no error for " << j.dump();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
  }
}

TEST(Footprint, AMalformedFieldIsAnErrorNamingIt) {
  expect_error_naming(nlohmann::json::array(), "footprint: expected an object");
  expect_error_naming({{"binaries", "none"}}, "footprint.binaries: expected a list");
  expect_error_naming({{"binaries", {{{"name", "x"}, {"bytes", "big"}}}}}, "footprint.binaries[0].bytes: expected a number");
  expect_error_naming({{"code_size", {{"variants", {{{"found", "yes"}}}}}}},
                      "footprint.code_size.variants[0].found: expected true or false");
  expect_error_naming({{"code_size", {{"shared", {42}}}}}, "footprint.code_size.shared[0]: expected an object");
  expect_error_naming({{"binaries", {{{"needed", "libc.so.6"}}}}}, "footprint.binaries[0].needed: expected a list of strings");
}

}  // namespace
}  // namespace xlb
