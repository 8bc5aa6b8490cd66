// Unit tests for the harness's reference checksums of the json workload
// (workloads/json/README.md, "Checksums").
#include "checks/json_checksum.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <limits>

#include "checks/checksum_reference.hpp"
#include "core/errors.hpp"
#include "inputs/inputs.hpp"
#include "model/manifest.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::InputError;
using xlb::json_path_aggregates;
using xlb::json_stats;

// ---- json_stats ------------------------------------------------------------------

TEST(JsonStats, HandCountedDocument) {
  // Escapes in the text: \u00e9 is 2 UTF-8 bytes, the surrogate pair \ud83d\ude80 (U+1F680) is 4.
  const auto doc = json::parse(R"({
    "name": "caf\u00e9",
    "tags": ["a", "\ud83d\ude80"],
    "n": null,
    "ok": true,
    "nums": [1, 2.5, -3],
    "nested": {"k\u00e9y": false, "e": {}}
  })");
  const json expected = {
      {"objects", 3},       // root, nested, e
      {"arrays", 2},        // tags, nums
      {"strings", 3},       // café, a, rocket (keys are not strings)
      {"numbers", 3},       // 1, 2.5, -3
      {"bools", 2},         // true, false
      {"nulls", 1},         // n
      {"members", 8},       // 6 in the root + 2 in nested
      {"elements", 5},      // 2 + 3
      {"string_bytes", 10}, // café 5 + a 1 + rocket 4
      {"key_bytes", 26},    // name4 tags4 n1 ok2 nums4 nested6 kéy4 e1
  };
  EXPECT_EQ(json_stats(doc), expected);
}

TEST(JsonStats, EscapesCountUnescapedBytes) {
  // "a\nb" is 3 bytes, "\"q\"" 3, "\\" 1, "\/" 1; the key "k\tz" is 3.
  const auto doc = json::parse(R"({"k\tz": ["a\nb", "\"q\"", "\\", "\/"]})");
  auto s = json_stats(doc);
  EXPECT_EQ(s["string_bytes"], 8);
  EXPECT_EQ(s["key_bytes"], 3);
  EXPECT_EQ(s["strings"], 4);
}

TEST(JsonStats, RawUtf8EqualsEscapedUtf8) {
  auto escaped = json_stats(json::parse(R"(["\u6771\u4eac", "\u00fc"])"));
  auto raw = json_stats(json::parse("[\"東京\", \"ü\"]"));
  EXPECT_EQ(escaped, raw);
  EXPECT_EQ(raw["string_bytes"], 8);  // 3 + 3 + 2
}

TEST(JsonStats, ScalarRootIsCounted) {
  auto s = json_stats(json::parse(R"("xyz")"));
  EXPECT_EQ(s["strings"], 1);
  EXPECT_EQ(s["string_bytes"], 3);
  EXPECT_EQ(s["objects"], 0);
  EXPECT_EQ(json_stats(json::parse("null"))["nulls"], 1);
  EXPECT_EQ(json_stats(json::parse("12"))["numbers"], 1);
  auto empty_array = json_stats(json::parse("[]"));
  EXPECT_EQ(empty_array["arrays"], 1);
  EXPECT_EQ(empty_array["elements"], 0);
}

TEST(JsonStats, EveryKeyIsPresent) {
  auto s = json_stats(json::parse("{}"));
  for (const char* key : {"objects", "arrays", "strings", "numbers", "bools", "nulls", "members", "elements",
                          "string_bytes", "key_bytes"})
    EXPECT_TRUE(s.contains(key) && s[key].is_number_integer()) << key;
  EXPECT_EQ(s.size(), 10u);
  EXPECT_EQ(s["objects"], 1);
}

// ---- json_path_aggregates ---------------------------------------------------------

const json kDoc = json::parse(R"({
  "a": [{"b": 1}, {"b": 2}, {"c": 3}, {"b": null}, {"b": "xy"}, {"b": 2.5}],
  "m": {"p": {"x": 10, "l": [1, 2, 3]}, "q": {"x": -4, "l": []}, "r": {"l": [null, 5]}, "s": 7, "t": {"x": null}},
  "t": {"x": [1, 2], "y": [], "z": [3, null], "w": 5},
  "u": [18446744073709551615, 2],
  "big": [9223372036854775807, 1],
  "s": "h\u00e9llo",
  "nothing": null
})");

std::int64_t agg(const std::string& op, const std::string& path, const json& doc = kDoc) {
  auto out = json_path_aggregates(doc, json::array({{{"key", "k"}, {"op", op}, {"path", path}}}));
  EXPECT_EQ(out.size(), 1u);
  EXPECT_TRUE(out["k"].is_number_integer());
  return out["k"].get<std::int64_t>();
}

TEST(JsonPaths, CountArrayElements) {
  EXPECT_EQ(agg("count", "a[*]"), 6);
  EXPECT_EQ(agg("count", "t.x[*]"), 2);
}

TEST(JsonPaths, FieldOfEachElement) {
  EXPECT_EQ(agg("count", "a[*].b"), 4);  // 1, 2, "xy", 2.5; the missing and the null one are not counted
  EXPECT_EQ(agg("sum", "a[*].b"), 3);    // integers only
  EXPECT_EQ(agg("bytes", "a[*].b"), 2);  // strings only
}

TEST(JsonPaths, EveryValueOfAnObject) {
  EXPECT_EQ(agg("count", "m.*"), 5);
  EXPECT_EQ(agg("count", "m.*.x"), 2);  // p, q; r lacks x, s is no object, t.x is null
  EXPECT_EQ(agg("sum", "m.*.x"), 6);    // 10 + -4
  EXPECT_EQ(agg("count", "m.*.l[*]"), 4);
  EXPECT_EQ(agg("sum", "m.*.l[*]"), 11);
}

TEST(JsonPaths, EveryElementOfEveryValue) {
  EXPECT_EQ(agg("count", "t.*[*]"), 3);  // 1, 2, 3; w is no array; null not counted
  EXPECT_EQ(agg("sum", "t.*[*]"), 6);
  EXPECT_EQ(agg("count", "m.*[*]"), 0);  // m's values are objects or a number, never arrays
}

TEST(JsonPaths, MissingKeysAndNulls) {
  EXPECT_EQ(agg("count", "absent"), 0);
  EXPECT_EQ(agg("count", "absent[*].x"), 0);
  EXPECT_EQ(agg("count", "a[*].zzz"), 0);
  EXPECT_EQ(agg("sum", "absent"), 0);
  EXPECT_EQ(agg("count", "nothing"), 0);
  EXPECT_EQ(agg("count", "s.deeper"), 0);  // through a string
  EXPECT_EQ(agg("count", "a.b"), 0);       // an array without [*]
  EXPECT_EQ(agg("count", "s[*]"), 0);      // [*] over a non-array
}

TEST(JsonPaths, ScalarsAndWholeValues) {
  EXPECT_EQ(agg("count", "s"), 1);
  EXPECT_EQ(agg("bytes", "s"), 6);  // h é(2) l l o
  EXPECT_EQ(agg("count", "a"), 1);  // the array itself is one non-null value
  EXPECT_EQ(agg("sum", "s"), 0);
  EXPECT_EQ(agg("bytes", "m.*.x"), 0);
}

TEST(JsonPaths, UnsignedValues) {
  const json doc = json::parse(R"({"ids": [12345678901234567890, 10]})");
  ASSERT_TRUE(doc["ids"][0].is_number_unsigned());
  // 12345678901234567890 + 10 = 12345678901234567900, above INT64_MAX: reported as its 64-bit two's complement.
  EXPECT_EQ(agg("sum", "ids[*]", doc), static_cast<std::int64_t>(12345678901234567900ULL));
  EXPECT_EQ(agg("count", "ids[*]", doc), 2);
}

TEST(JsonPaths, SumsWrapAround) {
  EXPECT_EQ(agg("sum", "u[*]"), 1);  // (2^64 - 1) + 2 wraps to 1
  EXPECT_EQ(agg("sum", "big[*]"), std::numeric_limits<std::int64_t>::min());  // INT64_MAX + 1
  const json doc = json::parse(R"({"n": [-9223372036854775808, -1]})");
  EXPECT_EQ(agg("sum", "n[*]", doc), std::numeric_limits<std::int64_t>::max());
}

TEST(JsonPaths, SeveralAggregatesAtOnce) {
  auto out = json_path_aggregates(kDoc, json::parse(R"([
    {"key": "as", "op": "count", "path": "a[*]"},
    {"key": "sum_b", "op": "sum", "path": "a[*].b"},
    {"key": "s_bytes", "op": "bytes", "path": "s"}
  ])"));
  EXPECT_EQ(out, (json{{"as", 6}, {"sum_b", 3}, {"s_bytes", 6}}));
  EXPECT_EQ(json_path_aggregates(kDoc, json::array()), json::object());
}

std::string agg_error(const json& aggregates) {
  try {
    json_path_aggregates(kDoc, aggregates);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted " << aggregates.dump();
  return "";
}

TEST(JsonPaths, BadOp) {
  auto msg = agg_error(json::parse(R"([{"key": "avg_b", "op": "avg", "path": "a[*].b"}])"));
  EXPECT_CONTAINS(msg, "'avg'");
  EXPECT_CONTAINS(msg, "avg_b");
}

TEST(JsonPaths, MalformedAggregates) {
  EXPECT_CONTAINS(agg_error(json::parse(R"([{"key": "k", "path": "a"}])")), "'op'");
  EXPECT_CONTAINS(agg_error(json::parse(R"([{"key": "k", "op": "count", "path": 3}])")), "'path'");
  EXPECT_CONTAINS(agg_error(json::parse(R"({"key": "k"})")), "array");
}

TEST(JsonPaths, BadPath) {
  EXPECT_CONTAINS(agg_error(json::parse(R"([{"key": "k", "op": "count", "path": "a..b"}])")), "'a..b'");
  EXPECT_CONTAINS(agg_error(json::parse(R"([{"key": "k", "op": "count", "path": ""}])")), "empty segment");
  EXPECT_CONTAINS(agg_error(json::parse(R"([{"key": "k", "op": "count", "path": "a."}])")), "empty segment");
}

// ---- reference checksums of the real inputs -------------------------------------------

// Values the Go implementation produced independently from the same files.
const json kTwitterTyped = json::parse(
    R"({"followers":52184,"hashtags":8,"mentions":87,"replies":6,"retweeted_statuses":73,"retweets":7122,
        "screen_name_bytes":1154,"search_count":100,"statuses":100,"text_bytes":30610,"urls":13})");
const json kTwitterDom = json::parse(
    R"({"arrays":1050,"bools":2791,"elements":568,"key_bytes":167201,"members":13345,"nulls":1946,
        "numbers":2109,"objects":1264,"string_bytes":200716,"strings":4754})");
const json kCitmTyped = json::parse(
    R"({"area_names":17,"areas":8685,"event_name_bytes":5183,"events":184,"performances":243,
        "price_amount":42356300,"prices":907,"start_sum":337852209600000,"topic_ids":536,"topic_sub_topics":19})");
const json kCitmDom = json::parse(
    R"({"arrays":10451,"bools":0,"elements":11908,"key_bytes":204962,"members":25869,"nulls":1263,
        "numbers":14392,"objects":10937,"string_bytes":16417,"strings":735})");

const std::filesystem::path kDataDir = "/work/shared/data";

class ReferenceData : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kDataDir / "json" / "twitter.json") ||
        !std::filesystem::exists(kDataDir / "json" / "citm_catalog.json"))
      GTEST_SKIP() << "reference data not found under " << kDataDir;
    spec_ = xlb::load_manifest(std::filesystem::path(XLB_SOURCE_DIR) / "workloads/json/workload.json");
  }

  xlb::ResolvedInput input(const std::string& name) {
    for (const auto& in : spec_.inputs)
      if (in.name == name) {
        auto r = xlb::resolve_input(in, {kDataDir, cache_.path(), false});
        EXPECT_TRUE(r.available) << r.skip_reason;
        return r;
      }
    ADD_FAILURE() << "no input " << name;
    return {};
  }

  xlb::WorkloadSpec spec_;
  xlb::unit::TempDir cache_{"refcache"};
};

TEST_F(ReferenceData, TwitterTyped) {
  EXPECT_EQ(xlb::reference_checksum(spec_, "typed", input("twitter")), kTwitterTyped);
}

TEST_F(ReferenceData, TwitterDom) { EXPECT_EQ(xlb::reference_checksum(spec_, "dom", input("twitter")), kTwitterDom); }

TEST_F(ReferenceData, CitmTyped) {
  EXPECT_EQ(xlb::reference_checksum(spec_, "typed", input("citm_catalog")), kCitmTyped);
}

TEST_F(ReferenceData, CitmDom) { EXPECT_EQ(xlb::reference_checksum(spec_, "dom", input("citm_catalog")), kCitmDom); }

}  // namespace
