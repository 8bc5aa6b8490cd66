// Unit tests for the Rust-vs-Go comparisons and the text reporters, on
// synthetic results documents whose answers are known by construction.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "analysis/analysis.hpp"
#include "core/errors.hpp"
#include "report/report.hpp"
#include "report/report_common.hpp"
#include "test_util.hpp"

namespace {

using xlb::compare_languages;
using xlb::LanguageComparison;
using xlb::Measurement;
using xlb::ResultsDoc;

constexpr double kThreshold = 0.05;

// 12 samples of 10 ops each; ns per sample = base_ns * (1 + 0.003 k), the same
// multiplicative noise for every variant, so ratios of medians are exact.
std::vector<xlb::Sample> samples(double ops_per_s) {
  std::vector<xlb::Sample> out;
  const double base_ns = 10 * 1e9 / ops_per_s;
  for (int k = 0; k < 12; ++k) {
    const int scrambled = (k * 5) % 12;  // not in sorted order
    out.push_back({10, std::llround(base_ns * (1 + 0.003 * scrambled))});
  }
  return out;
}

Measurement measurement(const std::string& mode, const std::string& input, const std::string& language,
                        const std::string& variant, double ops_per_s, const std::string& status = "ok",
                        const std::string& reason = "") {
  Measurement m;
  m.workload = "json";
  m.kind = "batch";
  m.mode = mode;
  m.input = input;
  m.language = language;
  m.variant = variant;
  m.label = "idiomatic";
  m.library = variant + "-lib";
  m.status = status;
  m.reason = reason;
  m.input_bytes = 700;
  if (ops_per_s > 0) m.samples = samples(ops_per_s);
  xlb::ProcessRun run;
  run.peak_rss_kb = 2048;
  run.user_s = 0.5;
  m.runs = {run};
  return m;
}

ResultsDoc synthetic_doc() {
  ResultsDoc doc;
  doc.run_id = "synthetic";
  doc.status = "complete";
  doc.plan = {{"name", "quick"}, {"baselines", {{"json", {{"go", "std"}, {"rust", "serde"}}}}}};
  doc.environment = {{"cpu_model", "Test CPU | 2 cores"}, {"logical_cpus", 2}};
  doc.measurements = {
      // dom/small: Rust baseline 2x Go baseline; the fastest pair is sonic_rs vs std (3x).
      measurement("dom", "small", "go", "std", 1000),
      measurement("dom", "small", "rust", "serde", 2000),
      measurement("dom", "small", "rust", "sonic_rs", 3000),
      // Invalid and failed ones with absurd speeds: they must never win "fastest".
      measurement("dom", "small", "rust", "simd", 1e9, "invalid", "checksum differs: objects 3 | 4"),
      measurement("dom", "small", "go", "sonic", 1e9, "failed", "exit 2\nafter 1 of 12 samples"),
      // typed/small: identical distributions.
      measurement("typed", "small", "go", "std", 1500),
      measurement("typed", "small", "rust", "serde", 1500),
      // typed/large: Go faster.
      measurement("typed", "large", "go", "std", 1500),
      measurement("typed", "large", "rust", "serde", 1000),
      // dom/large: the only Rust measurement is invalid, so there is nothing to compare.
      measurement("dom", "large", "go", "std", 1000),
      measurement("dom", "large", "rust", "serde", 5000, "invalid", "checksum differs"),
  };
  return doc;
}

std::vector<const LanguageComparison*> of_cell(const std::vector<LanguageComparison>& all, const std::string& mode,
                                               const std::string& input) {
  std::vector<const LanguageComparison*> out;
  for (const auto& c : all)
    if (c.mode == mode && c.input == input) out.push_back(&c);
  return out;
}

TEST(CompareLanguages, RustTwiceAsFast) {
  const auto doc = synthetic_doc();
  const auto all = compare_languages(doc, kThreshold);
  const auto here = of_cell(all, "dom", "small");
  ASSERT_EQ(here.size(), 2u);

  const auto& baseline = *here[0];
  EXPECT_EQ(baseline.basis, "baseline");
  EXPECT_EQ(baseline.workload, "json");
  ASSERT_TRUE(baseline.rust && baseline.go);
  EXPECT_EQ(baseline.rust->variant, "serde");
  EXPECT_EQ(baseline.go->variant, "std");
  EXPECT_NEAR(baseline.cmp.ratio.ratio, 2.0, 1e-6);
  EXPECT_LT(baseline.cmp.ratio.ci.low, 2.0);
  EXPECT_GT(baseline.cmp.ratio.ci.high, 2.0);
  EXPECT_GT(baseline.cmp.ratio.ci.low, 1.9);
  EXPECT_LT(baseline.cmp.ratio.ci.high, 2.1);
  EXPECT_TRUE(baseline.cmp.significant);
  EXPECT_LT(baseline.cmp.test.p_value, 0.001);
  EXPECT_EQ(baseline.verdict, "Rust 2.00x faster");

  const auto& fastest = *here[1];
  EXPECT_EQ(fastest.basis, "fastest");
  EXPECT_EQ(fastest.rust->variant, "sonic_rs");
  EXPECT_EQ(fastest.go->variant, "std");
  EXPECT_NEAR(fastest.cmp.ratio.ratio, 3.0, 1e-6);
  EXPECT_EQ(fastest.verdict, "Rust 3.00x faster");
}

TEST(CompareLanguages, IdenticalDistributionsAreNoClearDifference) {
  const auto doc = synthetic_doc();  // comparisons point into it: keep it alive
  const auto all = compare_languages(doc, kThreshold);
  const auto here = of_cell(all, "typed", "small");
  ASSERT_EQ(here.size(), 1u);  // the baseline pair is also the fastest: said once
  EXPECT_EQ(here[0]->basis, "baseline");
  EXPECT_NEAR(here[0]->cmp.ratio.ratio, 1.0, 1e-9);
  EXPECT_FALSE(here[0]->cmp.significant);
  EXPECT_EQ(here[0]->verdict, "no clear difference");
}

TEST(CompareLanguages, GoFaster) {
  const auto doc = synthetic_doc();  // comparisons point into it: keep it alive
  const auto all = compare_languages(doc, kThreshold);
  const auto here = of_cell(all, "typed", "large");
  ASSERT_EQ(here.size(), 1u);
  EXPECT_NEAR(here[0]->cmp.ratio.ratio, 2.0 / 3.0, 1e-6);
  EXPECT_EQ(here[0]->verdict, "Go 1.50x faster");
}

TEST(CompareLanguages, InvalidAndFailedNeverCompared) {
  const auto doc = synthetic_doc();  // comparisons point into it: keep it alive
  const auto all = compare_languages(doc, kThreshold);
  EXPECT_TRUE(of_cell(all, "dom", "large").empty());
  for (const auto& c : all) {
    EXPECT_EQ(c.rust->status, "ok") << c.rust->variant_id();
    EXPECT_EQ(c.go->status, "ok") << c.go->variant_id();
  }
  EXPECT_EQ(all.size(), 4u);
}

TEST(CompareLanguages, OkMeasurementWithoutSamplesIsNotCompared) {
  ResultsDoc doc;
  doc.measurements = {measurement("dom", "small", "go", "std", 1000), measurement("dom", "small", "rust", "serde", 0)};
  EXPECT_TRUE(compare_languages(doc, kThreshold).empty());
}

TEST(CompareLanguages, WithoutBaselinesOnlyFastest) {
  auto doc = synthetic_doc();
  doc.plan = nlohmann::json::object();
  const auto all = compare_languages(doc, kThreshold);  // of_cell points into it
  const auto here = of_cell(all, "dom", "small");
  ASSERT_EQ(here.size(), 1u);
  EXPECT_EQ(here[0]->basis, "fastest");
  EXPECT_EQ(here[0]->rust->variant, "sonic_rs");
}

TEST(VerdictText, ThresholdAndSignificance) {
  xlb::stats::Comparison c{};
  c.significant = true;
  c.ratio.ratio = 1.03;
  EXPECT_EQ(xlb::verdict_text(c, 0.05), "no clear difference");  // below the threshold
  EXPECT_EQ(xlb::verdict_text(c, 0.02), "Rust 1.03x faster");
  c.ratio.ratio = 0.5;
  EXPECT_EQ(xlb::verdict_text(c, 0.05), "Go 2.00x faster");
  c.significant = false;
  EXPECT_EQ(xlb::verdict_text(c, 0.05), "no clear difference");
}

TEST(CellsOf, GroupsInDocumentOrder) {
  const auto doc = synthetic_doc();
  const auto cells = xlb::cells_of(doc);
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0].front()->cell(), "json/dom/small");
  EXPECT_EQ(cells[0].size(), 5u);
  EXPECT_EQ(cells[1].front()->cell(), "json/typed/small");
  EXPECT_EQ(cells[2].front()->cell(), "json/typed/large");
  EXPECT_EQ(cells[3].front()->cell(), "json/dom/large");
}

// ---- reporters ------------------------------------------------------------------------------

std::string render(const std::string& format, const ResultsDoc& doc) {
  std::ostringstream out;
  xlb::make_reporter(format, kThreshold)->write(doc, out);
  return out.str();
}

TEST(MarkdownReport, TablesComparisonsAndProblems) {
  const auto md = render("markdown", synthetic_doc());
  EXPECT_CONTAINS(md, "# xlbench run synthetic");
  EXPECT_CONTAINS(md, "## json");
  EXPECT_CONTAINS(md, "### dom / small (700B input)");
  EXPECT_CONTAINS(md,
                  "| variant | label | ops/s median [95% CI] | samples | MB/s | ns/op p50 | ns/op p95 | CV | "
                  "peak RSS MB | CPU s/run | page faults/op | status |");
  EXPECT_CONTAINS(md, "| Rust / Go (ops/s) | pair | ratio [95% CI] | Mann-Whitney U | verdict |");
  EXPECT_CONTAINS(md, "| baseline | serde vs std | 2.00x [");
  EXPECT_CONTAINS(md, "| p<0.0001 | Rust 2.00x faster |");
  EXPECT_CONTAINS(md, "| fastest | sonic_rs vs std | 3.00x [");
  EXPECT_CONTAINS(md, "| Go 1.50x faster |");
  EXPECT_CONTAINS(md, "| no clear difference |");
  EXPECT_CONTAINS(md, "| rust/serde | idiomatic | ");
  EXPECT_CONTAINS(md, " | ok |\n");
  // The invalid row, its reason with the pipe escaped; the failed row with its newline flattened.
  EXPECT_CONTAINS(md, "**Invalid and failed measurements (3)");
  EXPECT_CONTAINS(md, "| json/dom/small rust/simd | invalid: checksum differs: objects 3 \\| 4 |");
  EXPECT_CONTAINS(md, "| json/dom/small go/sonic | failed: exit 2 after 1 of 12 samples |");
  EXPECT_CONTAINS(md, "| json/dom/large rust/serde | invalid: checksum differs |");
  EXPECT_EQ(md.find("objects 3 | 4"), std::string::npos);
  // The invalid measurement's row shows no timings.
  EXPECT_CONTAINS(md, "| rust/simd | idiomatic | - | 12 | - | - | - | - |");
  EXPECT_CONTAINS(md, "| CPU | Test CPU \\| 2 cores (2 logical) |");
}

TEST(MarkdownReport, EveryTableRowHasTheSameNumberOfCells) {
  const auto md = render("markdown", synthetic_doc());
  std::istringstream lines(md);
  std::string line;
  size_t expected = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '|') {
      expected = 0;  // a new table starts after a gap
      continue;
    }
    size_t pipes = 0;
    for (size_t i = 0; i < line.size(); ++i)
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
    if (expected == 0) expected = pipes;
    EXPECT_EQ(pipes, expected) << line;
  }
}

TEST(MarkdownReport, NoProblemSectionWhenAllOk) {
  ResultsDoc doc;
  doc.run_id = "clean";
  doc.measurements = {measurement("dom", "small", "go", "std", 1000), measurement("dom", "small", "rust", "serde", 1000)};
  const auto md = render("markdown", doc);
  EXPECT_EQ(md.find("Invalid and failed"), std::string::npos);
  EXPECT_CONTAINS(md, "no clear difference");
}

TEST(ConsoleReport, ListsEveryVariant) {
  const auto doc = synthetic_doc();
  const auto text = render("console", doc);
  EXPECT_CONTAINS(text, "xlbench run synthetic (complete, plan quick, on Test CPU | 2 cores)");
  for (const auto& m : doc.measurements) EXPECT_CONTAINS(text, "  " + m.variant_id() + " ");
  EXPECT_CONTAINS(text, "== json ==");
  EXPECT_CONTAINS(text, " dom / small (700B input)");
  EXPECT_CONTAINS(text, "serde vs std     2.00x [");
  EXPECT_CONTAINS(text, "Rust 2.00x faster");
  EXPECT_CONTAINS(text, "sonic_rs vs std  3.00x [");
  EXPECT_CONTAINS(text, "Go 1.50x faster");
  EXPECT_CONTAINS(text, "Invalid and failed measurements (3)");
  EXPECT_CONTAINS(text, "json/dom/small rust/simd   invalid: checksum differs: objects 3 | 4");
  // Findings come first: the per-workload Rust/Go summary before the first workload's table.
  EXPECT_LT(text.find("== Findings =="), text.find("== json =="));
}

TEST(JsonReport, IsTheResultsDocument) {
  const auto text = render("json", synthetic_doc());
  auto back = xlb::results_from_json(nlohmann::json::parse(text), "report");
  EXPECT_EQ(back.run_id, "synthetic");
  EXPECT_EQ(back.measurements.size(), 11u);
}

TEST(Reporters, UnknownFormat) {
  try {
    xlb::make_reporter("xml", kThreshold);
    FAIL() << "no error";
  } catch (const xlb::InputError& e) {
    EXPECT_CONTAINS(e.what(), "'xml'");
  }
  for (const auto& f : xlb::report_formats()) EXPECT_NO_THROW(xlb::make_reporter(f, kThreshold));
}

TEST(ProgressLine, OkAndFailed) {
  auto ok = measurement("dom", "small", "go", "std", 1000);
  EXPECT_CONTAINS(xlb::progress_line(ok), " ops/s, ");
  EXPECT_CONTAINS(xlb::progress_line(ok), "CV ");
  auto failed = measurement("dom", "small", "go", "std", 0, "failed", "exit 3");
  EXPECT_EQ(xlb::progress_line(failed), "failed: exit 3");
}

}  // namespace
