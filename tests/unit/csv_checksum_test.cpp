// The harness's csv reference against the hand-computed fixtures that the Go
// and Rust implementations must also reproduce byte for byte.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "checks/csv_checksum.hpp"
#include "inputs/csv_inputs.hpp"
#include "core/errors.hpp"

namespace xlb {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(XLB_SOURCE_DIR) / "workloads" / "csv" / "fixtures";

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CsvChecksum, EveryFixtureReproducesItsExpectedText) {
  int fixtures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kFixtures)) {
    if (entry.path().extension() != ".csv") continue;
    SCOPED_TRACE(entry.path().string());
    auto base = entry.path().parent_path() / entry.path().stem();
    auto params = nlohmann::json::parse(slurp(base.string() + ".params.json"));
    EXPECT_EQ(csv_aggregate_text(slurp(entry.path()), params), slurp(base.string() + ".expected"));
    ++fixtures;
  }
  EXPECT_GE(fixtures, 2);
}

TEST(CsvChecksum, ParsesQuotesBomCrlfAndEmptyLines) {
  auto records = parse_csv("\xEF\xBB\xBF" "a,b\r\n\"x, \"\"y\"\"\",\"two\r\nlines\"\r\n\r\n,\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(records[1], (std::vector<std::string>{"x, \"y\"", "two\nlines"}));
  EXPECT_EQ(records[2], (std::vector<std::string>{"", ""}));
}

TEST(CsvChecksum, ChecksumCountsAndHash) {
  auto sum = csv_checksum("k,v\nb,1\na,2\nc\n", {{"key", "k"}, {"int_columns", {"v"}}});
  EXPECT_EQ(sum["groups"], 2);
  EXPECT_EQ(sum["rows"], 2);
  EXPECT_EQ(sum["bad_rows"], 1);
  const std::string text = "a\t1\t1\t2\t2\t2\nb\t1\t1\t1\t1\t1\nrows\t2\tbad_rows\t1\n";
  EXPECT_EQ(sum["output_bytes"], static_cast<std::int64_t>(text.size()));
  EXPECT_NE(sum["output_fnv1a"], 0);
}

TEST(CsvChecksum, UnknownColumnNamesIt) {
  try {
    csv_checksum("k,v\n", {{"key", "nope"}, {"int_columns", nlohmann::json::array()}});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'nope'"), std::string::npos);
  }
}

TEST(CsvChecksum, GeneratedSalesAreDeterministicAndParse) {
  auto a = generate_csv_sales(3, 200), b = generate_csv_sales(3, 200);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, generate_csv_sales(4, 200));
  auto sum = csv_checksum(a, {{"key", "store"}, {"int_columns", {"quantity", "price_cents", "discount_pct"}}});
  EXPECT_EQ(sum["rows"], 200);
  EXPECT_EQ(sum["bad_rows"], 0);
  EXPECT_GT(sum["groups"].get<int>(), 100);
}

}  // namespace
}  // namespace xlb
