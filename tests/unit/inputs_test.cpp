// Unit tests for input generation and resolution: the generated order documents
// (shapes from workloads/json/README.md), the cache, and sha256-verified files.
#include "inputs/inputs.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cctype>
#include <set>
#include <string>

#include "core/errors.hpp"
#include "inputs/json_inputs.hpp"
#include "model/manifest.hpp"
#include "core/sha256.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::generate_json_orders;
using xlb::InputContext;
using xlb::InputError;
using xlb::InputSpec;
using xlb::resolve_input;
using xlb::unit::TempDir;
using xlb::unit::write_text;

std::set<std::string> keys_of(const json& obj) {
  std::set<std::string> keys;
  for (const auto& [k, v] : obj.items()) keys.insert(k);
  return keys;
}

// ---- generate_json_orders -----------------------------------------------------------

TEST(GenerateOrders, SameSeedSameBytes) {
  EXPECT_EQ(generate_json_orders("order", 42, 1), generate_json_orders("order", 42, 1));
  EXPECT_EQ(generate_json_orders("page", 7, 50), generate_json_orders("page", 7, 50));
}

TEST(GenerateOrders, DifferentSeedDifferentBytes) {
  EXPECT_NE(generate_json_orders("order", 42, 1), generate_json_orders("order", 43, 1));
  EXPECT_NE(generate_json_orders("page", 7, 50), generate_json_orders("page", 8, 50));
}

TEST(GenerateOrders, ValidJson) {
  EXPECT_TRUE(json::accept(generate_json_orders("order", 42, 1)));
  EXPECT_TRUE(json::accept(generate_json_orders("page", 7, 200)));
}

TEST(GenerateOrders, SmallOrderIsAboutSevenHundredBytes) {
  // README: "one order object (~0.7 KB)".
  const auto text = generate_json_orders("order", 42, 1);
  EXPECT_GT(text.size(), 300u);
  EXPECT_LT(text.size(), 2000u);
}

// Asserts one order has exactly the README's fields, with their types.
void expect_order_shape(const json& order, const std::string& where) {
  SCOPED_TRACE(where);
  ASSERT_TRUE(order.is_object());
  EXPECT_EQ(keys_of(order), (std::set<std::string>{"id", "status", "created_at", "customer", "items", "total_cents",
                                                   "currency", "notes", "metadata"}));
  EXPECT_TRUE(order["id"].is_number_integer());
  EXPECT_TRUE(order["status"].is_string());
  EXPECT_TRUE(order["created_at"].is_string());
  EXPECT_TRUE(order["total_cents"].is_number_integer());
  EXPECT_TRUE(order["currency"].is_string());
  EXPECT_TRUE(order["notes"].is_string() || order["notes"].is_null());

  const auto& customer = order["customer"];
  ASSERT_TRUE(customer.is_object());
  EXPECT_EQ(keys_of(customer), (std::set<std::string>{"id", "name", "email", "vip", "address"}));
  EXPECT_TRUE(customer["id"].is_number_integer());
  EXPECT_TRUE(customer["name"].is_string());
  EXPECT_TRUE(customer["email"].is_string());
  EXPECT_TRUE(customer["vip"].is_boolean());

  const auto& address = customer["address"];
  ASSERT_TRUE(address.is_object());
  EXPECT_EQ(keys_of(address), (std::set<std::string>{"street", "city", "zip", "country"}));
  for (const auto& [k, v] : address.items()) EXPECT_TRUE(v.is_string()) << k;

  const auto& items = order["items"];
  ASSERT_TRUE(items.is_array());
  EXPECT_FALSE(items.empty());
  std::int64_t total = 0;
  for (const auto& item : items) {
    EXPECT_EQ(keys_of(item), (std::set<std::string>{"sku", "name", "qty", "price_cents", "tags", "discount"}));
    EXPECT_TRUE(item["sku"].is_string());
    EXPECT_TRUE(item["name"].is_string());
    EXPECT_TRUE(item["qty"].is_number_integer());
    EXPECT_TRUE(item["price_cents"].is_number_integer());
    ASSERT_TRUE(item["tags"].is_array());
    for (const auto& t : item["tags"]) EXPECT_TRUE(t.is_string());
    EXPECT_TRUE(item["discount"].is_number_float() || item["discount"].is_null()) << item["discount"].dump();
    total += item["qty"].get<std::int64_t>() * item["price_cents"].get<std::int64_t>();
  }
  EXPECT_EQ(order["total_cents"].get<std::int64_t>(), total);

  const auto& metadata = order["metadata"];
  ASSERT_TRUE(metadata.is_object());
  EXPECT_EQ(keys_of(metadata), (std::set<std::string>{"source", "score", "flags"}));
  EXPECT_TRUE(metadata["source"].is_string());
  EXPECT_TRUE(metadata["score"].is_number_float()) << metadata["score"].dump();
  ASSERT_TRUE(metadata["flags"].is_array());
  for (const auto& f : metadata["flags"]) EXPECT_TRUE(f.is_string());
}

TEST(GenerateOrders, OrderShapeHasExactlyTheReadmeFields) {
  for (std::uint64_t seed : {1, 2, 3, 42, 1000}) {
    auto order = json::parse(generate_json_orders("order", seed, 1));
    expect_order_shape(order, "seed " + std::to_string(seed));
  }
}

TEST(GenerateOrders, PageShape) {
  auto page = json::parse(generate_json_orders("page", 7, 300));
  EXPECT_EQ(keys_of(page), (std::set<std::string>{"orders", "next_cursor", "total"}));
  ASSERT_TRUE(page["orders"].is_array());
  ASSERT_EQ(page["orders"].size(), 300u);
  EXPECT_EQ(page["total"], 300);
  EXPECT_TRUE(page["next_cursor"].is_string());
  std::set<std::int64_t> ids;
  bool saw_null_notes = false, saw_notes = false, saw_discount = false, saw_null_discount = false;
  for (size_t i = 0; i < page["orders"].size(); ++i) {
    const auto& order = page["orders"][i];
    expect_order_shape(order, "order " + std::to_string(i));
    ids.insert(order["id"].get<std::int64_t>());
    (order["notes"].is_null() ? saw_null_notes : saw_notes) = true;
    for (const auto& item : order["items"]) (item["discount"].is_null() ? saw_null_discount : saw_discount) = true;
  }
  EXPECT_EQ(ids.size(), 300u);  // ids are unique
  // Over 300 orders the optional fields take both forms, so variants exercise both paths.
  EXPECT_TRUE(saw_null_notes && saw_notes && saw_discount && saw_null_discount);
}

TEST(GenerateOrders, EmptyPage) {
  auto page = json::parse(generate_json_orders("page", 7, 0));
  EXPECT_TRUE(page["orders"].empty());
  EXPECT_TRUE(page["next_cursor"].is_null());
  EXPECT_EQ(page["total"], 0);
}

TEST(GenerateOrders, ContainsCharactersThatNeedUnicodeWork) {
  // Non-ASCII text and escapes somewhere in a page, so parsers do real unescaping.
  const auto text = generate_json_orders("page", 7, 300);
  EXPECT_NE(text.find("\\\""), std::string::npos);  // an escaped quote
  EXPECT_NE(text.find("\\n"), std::string::npos);
  bool non_ascii = false;
  for (unsigned char c : text) non_ascii = non_ascii || c >= 0x80;
  EXPECT_TRUE(non_ascii);
}

// ---- resolve_input --------------------------------------------------------------------

InputSpec generated_spec(json gen, const std::string& name = "large") {
  InputSpec s;
  s.name = name;
  s.schema = "orders";
  s.generate = std::move(gen);
  return s;
}

InputSpec file_spec(const std::string& file, const std::string& sha) {
  InputSpec s;
  s.name = "twitter";
  s.schema = "twitter";
  s.file = file;
  s.sha256 = sha;
  return s;
}

struct FileId {
  ino_t inode;
  timespec mtime;
};

FileId file_id(const std::filesystem::path& p) {
  struct stat st{};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return {st.st_ino, st.st_mtim};
}

class ResolveInput : public ::testing::Test {
 protected:
  TempDir dir{"inputs"};
  InputContext ctx() const { return {dir / "data", dir / "cache", false}; }
};

TEST_F(ResolveInput, GeneratedInputIsWrittenOnceAndCached) {
  auto spec = generated_spec({{"generator", "json_orders"}, {"shape", "page"}, {"seed", 7}, {"orders", 20}});
  auto first = resolve_input(spec, ctx());
  ASSERT_TRUE(first.available);
  EXPECT_EQ(first.source, "generated");
  EXPECT_EQ(first.name, "large");
  EXPECT_EQ(first.schema, "orders");
  EXPECT_EQ(first.path.parent_path(), dir / "cache");
  EXPECT_TRUE(std::filesystem::exists(first.path));
  const auto content = xlb::unit::read_text(first.path);
  EXPECT_EQ(content, generate_json_orders("page", 7, 20));
  EXPECT_EQ(first.bytes, content.size());
  EXPECT_EQ(first.sha256, xlb::sha256_hex(content));
  EXPECT_EQ(first.generator["seed"], 7);
  EXPECT_EQ(first.generator["orders"], 20);
  const auto before = file_id(first.path);

  auto second = resolve_input(spec, ctx());
  EXPECT_EQ(second.path, first.path);
  EXPECT_EQ(second.sha256, first.sha256);
  const auto after = file_id(second.path);
  EXPECT_EQ(after.inode, before.inode);  // an atomic rewrite would create a new inode
  EXPECT_EQ(after.mtime.tv_sec, before.mtime.tv_sec);
  EXPECT_EQ(after.mtime.tv_nsec, before.mtime.tv_nsec);
  // No temporary files left in the cache.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "cache")) {
    ++files;
    EXPECT_EQ(e.path().string().find(".tmp"), std::string::npos) << e.path();
  }
  EXPECT_EQ(files, 1);
}

TEST_F(ResolveInput, QuickAndFullSizesDiffer) {
  auto spec = generated_spec(
      {{"generator", "json_orders"}, {"shape", "page"}, {"seed", 7}, {"orders", 40}, {"quick_orders", 4}});
  auto full = resolve_input(spec, ctx());
  auto quick_ctx = ctx();
  quick_ctx.quick = true;
  auto quick = resolve_input(spec, quick_ctx);
  EXPECT_NE(full.path, quick.path);
  EXPECT_GT(full.bytes, quick.bytes);
  EXPECT_EQ(json::parse(xlb::unit::read_text(full.path))["total"], 40);
  EXPECT_EQ(json::parse(xlb::unit::read_text(quick.path))["total"], 4);
  EXPECT_EQ(quick.generator["orders"], 4);
}

TEST_F(ResolveInput, QuickWithoutQuickParameterUsesFullSize) {
  auto spec = generated_spec({{"generator", "json_orders"}, {"shape", "order"}, {"seed", 42}, {"orders", 1}}, "small");
  auto quick_ctx = ctx();
  quick_ctx.quick = true;
  EXPECT_EQ(resolve_input(spec, quick_ctx).path, resolve_input(spec, ctx()).path);
}

TEST_F(ResolveInput, DifferentSeedsGetDifferentCacheFiles) {
  auto a = resolve_input(generated_spec({{"generator", "json_orders"}, {"seed", 1}, {"orders", 3}}), ctx());
  auto b = resolve_input(generated_spec({{"generator", "json_orders"}, {"seed", 2}, {"orders", 3}}), ctx());
  EXPECT_NE(a.path, b.path);
  EXPECT_NE(a.sha256, b.sha256);
}

TEST_F(ResolveInput, UnknownGenerator) {
  try {
    resolve_input(generated_spec({{"generator", "csv_rows"}, {"seed", 1}, {"orders", 3}}), ctx());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "'csv_rows'");
    EXPECT_CONTAINS(e.what(), "large");
  }
}

TEST_F(ResolveInput, BadGeneratorParameters) {
  auto error_of = [&](const json& gen) -> std::string {
    try {
      resolve_input(generated_spec(gen), ctx());
    } catch (const InputError& e) {
      return e.what();
    }
    ADD_FAILURE() << "accepted " << gen.dump();
    return "";
  };
  EXPECT_CONTAINS(error_of({{"generator", "json_orders"}, {"seed", -1}, {"orders", 3}}), "generate.seed");
  EXPECT_CONTAINS(error_of({{"generator", "json_orders"}, {"seed", 1}}), "generate.orders");
  EXPECT_CONTAINS(error_of({{"generator", "json_orders"}, {"seed", 1}, {"orders", "3"}}), "generate.orders");
  EXPECT_CONTAINS(error_of({{"generator", "json_orders"}, {"seed", 1}, {"orders", 3}, {"shape", "tree"}}),
                  "generate.shape");
}

TEST_F(ResolveInput, FileInputWithMatchingSha256) {
  const std::string content = R"({"statuses":[],"search_metadata":{"count":0}})";
  write_text(dir / "data" / "json" / "t.json", content);
  auto r = resolve_input(file_spec("json/t.json", xlb::sha256_hex(content)), ctx());
  EXPECT_TRUE(r.available);
  EXPECT_EQ(r.source, "file");
  EXPECT_EQ(r.path, dir / "data" / "json" / "t.json");
  EXPECT_EQ(r.bytes, content.size());
  EXPECT_EQ(r.sha256, xlb::sha256_hex(content));
}

TEST_F(ResolveInput, FileInputWithWrongSha256) {
  const std::string content = "{\"tampered\": true}";
  write_text(dir / "data" / "json" / "t.json", content);
  const std::string wrong(64, 'a');
  try {
    resolve_input(file_spec("json/t.json", wrong), ctx());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), (dir / "data" / "json" / "t.json").string());
    EXPECT_CONTAINS(e.what(), wrong);
    EXPECT_CONTAINS(e.what(), xlb::sha256_hex(content));
    EXPECT_CONTAINS(e.what(), "'twitter'");
  }
}

TEST_F(ResolveInput, AbsentFileInputIsSkippedWithReason) {
  std::filesystem::create_directories(dir / "data");
  auto r = resolve_input(file_spec("json/missing.json", std::string(64, 'b')), ctx());
  EXPECT_FALSE(r.available);
  EXPECT_EQ(r.name, "twitter");
  EXPECT_EQ(r.source, "file");
  EXPECT_CONTAINS(r.skip_reason, (dir / "data" / "json" / "missing.json").string());
  // A data directory was given, so the reason must not claim there is none.
  EXPECT_EQ(r.skip_reason.find("no data directory"), std::string::npos) << r.skip_reason;
}

TEST_F(ResolveInput, FileInputWithoutDataDirIsSkipped) {
  InputContext no_data{"", dir / "cache", false};
  auto r = resolve_input(file_spec("json/twitter.json", std::string(64, 'b')), no_data);
  EXPECT_FALSE(r.available);
  EXPECT_CONTAINS(r.skip_reason, "json/twitter.json");
  EXPECT_CONTAINS(r.skip_reason, "--data-dir");
}

}  // namespace

namespace {

// `sha256sum` prints lower case, some tools upper case; the manifest accepts both,
// so verification must too.
TEST(ResolveInputManifest, UpperCaseSha256InManifestVerifies) {
  xlb::unit::TempDir dir("inputs-upper");
  const std::string content = "[1,2,3]";
  xlb::unit::write_text(dir / "data" / "json" / "a.json", content);
  std::string upper = xlb::sha256_hex(content);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  nlohmann::json manifest = {
      {"schema_version", 1}, {"name", "demo"}, {"kind", "batch"}, {"modes", {"dom"}},
      {"inputs", {{{"name", "a"}, {"schema", "a"}, {"file", "json/a.json"}, {"sha256", upper}}}},
      {"checksum", {{"dom", {{"rule", "json_stats"}}}}},
      {"variants", {{{"language", "go"}, {"name", "std"}, {"target", "std"}, {"library", "encoding/json"}}}}};
  xlb::unit::write_text(dir / "workload.json", manifest.dump());
  auto spec = xlb::load_manifest(dir / "workload.json");
  auto r = xlb::resolve_input(spec.inputs[0], {dir / "data", dir / "cache", false});
  EXPECT_TRUE(r.available);
  EXPECT_EQ(r.sha256, xlb::sha256_hex(content));
}

}  // namespace
