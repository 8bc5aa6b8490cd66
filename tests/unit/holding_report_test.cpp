// The holding-state section of the report model, as the console and Markdown render it, on a
// synthetic results document whose figures are known by construction.
#include <gtest/gtest.h>

#include <sstream>

#include "report/report.hpp"
#include "report/sections/holding_rows.hpp"
#include "test_util.hpp"

namespace xlb {
namespace {

Measurement holding(const std::string& input, const std::string& language, const std::string& variant,
                    std::int64_t resources, long before_kb, long after_kb) {
  Measurement m;
  m.workload = "holding";
  m.kind = "spawn";
  m.mode = "typed";
  m.input = input;
  m.language = language;
  m.variant = variant;
  m.label = "idiomatic";
  m.samples = {{1, 1000000}};
  ProcessRun run;
  run.peak_rss_kb = after_kb;
  run.outcome = "ok";
  m.runs = {run};
  m.facts = {{"held_resources", resources}, {"rss_before_kb", before_kb}, {"rss_after_kb", after_kb}};
  if (language == "go") m.facts["heap_inuse_bytes"] = 50 * 1024 * 1024;
  return m;
}

ResultsDoc doc_with_holding() {
  ResultsDoc doc;
  doc.run_id = "holding";
  doc.measurements = {holding("n0", "go", "structs", 0, 2048, 3072), holding("n0", "rust", "serde", 0, 1024, 1536),
                      // Go grows by 100 MiB over n0 (20 KiB per resource), Rust by 25 MiB (5 KiB).
                      holding("n5000", "go", "structs", 5000, 2048, 3072 + 100 * 1024),
                      holding("n5000", "rust", "serde", 5000, 1024, 1536 + 25 * 1024)};
  return doc;
}

std::vector<const Measurement*> cell_of(const ResultsDoc& doc, const std::string& input) {
  std::vector<const Measurement*> cell;
  for (const auto& m : doc.measurements)
    if (m.input == input) cell.push_back(&m);
  return cell;
}

TEST(HoldingReport, GrowthIsMeasuredFromTheSameVariantsZeroResourceRun) {
  const auto doc = doc_with_holding();
  const auto rows = holding_rows(doc, cell_of(doc, "n5000"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].m->variant_id(), "go/structs");
  EXPECT_EQ(rows[0].resources, 5000);
  EXPECT_DOUBLE_EQ(rows[0].rss_start_kb, 2048);
  ASSERT_TRUE(rows[0].growth_kb);
  EXPECT_DOUBLE_EQ(*rows[0].growth_kb, 100 * 1024);
  EXPECT_DOUBLE_EQ(*rows[0].bytes_per_resource, 100.0 * 1024 * 1024 / 5000);
  EXPECT_DOUBLE_EQ(*rows[1].bytes_per_resource, 25.0 * 1024 * 1024 / 5000);
  EXPECT_FALSE(rows[1].heap_inuse_bytes);
  // The n0 rows themselves have no growth.
  for (const auto& r : holding_rows(doc, cell_of(doc, "n0"))) EXPECT_FALSE(r.growth_kb);
}

TEST(HoldingReport, ConsoleAndMarkdownShowStartUpHoldingAndPerResource) {
  const auto doc = doc_with_holding();
  std::ostringstream console, markdown;
  make_reporter("console", 0.05)->write(doc, console);
  make_reporter("markdown", 0.05)->write(doc, markdown);
  for (const auto& text : {console.str(), markdown.str()}) {
    EXPECT_CONTAINS(text, "RSS at start-up MB");
    EXPECT_CONTAINS(text, "Go / Rust (go/structs vs rust/serde) holding 5,000: 3.89x the RSS, 4.00x the growth per "
                          "resource");
  }
  EXPECT_CONTAINS(markdown.str(),
                  "| variant | N | RSS at start-up MB | RSS holding N MB | growth over N = 0 MB | KB per resource |");
  EXPECT_CONTAINS(markdown.str(), "| go/structs | 5,000 | 2.0 | 103.0 | 100.0 | 20.5 | 50.0 |");
  EXPECT_CONTAINS(markdown.str(), "| rust/serde | 5,000 | 1.0 | 26.5 | 25.0 | 5.1 | - |");
}

TEST(HoldingReport, CellsWithoutHoldingFactsGetNoHoldingTable) {
  auto doc = doc_with_holding();
  for (auto& m : doc.measurements) m.facts = nlohmann::json::object();
  std::ostringstream out;
  make_reporter("markdown", 0.05)->write(doc, out);
  EXPECT_EQ(out.str().find("RSS at start-up"), std::string::npos);
  EXPECT_CONTAINS(out.str(), "time median [95% CI]");  // the plain spawn table instead
}

}  // namespace
}  // namespace xlb
