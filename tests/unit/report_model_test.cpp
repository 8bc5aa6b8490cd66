// The report model: built once from a results document, rendered by every
// format. On the HTML fixture (every kind: batch, fan-out, holding, servers,
// build cost, claims) every table reaches Markdown and HTML, every non-detail
// table the console, and the findings come first.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>

#include "analysis/claims.hpp"
#include "model/results.hpp"
#include "core/format.hpp"
#include "report/render/escape.hpp"
#include "report/render/renderers.hpp"
#include "report/report.hpp"
#include "report/sections/build_report.hpp"
#include "test_util.hpp"

namespace xlb {
namespace {

const std::filesystem::path kFixture = std::filesystem::path(XLB_TEST_DATA_DIR) / "html" / "results.json";

struct Rendered {
  report::Report model;
  std::string console, markdown, html;
};

Rendered render_fixture() {
  const auto doc = load_results(kFixture);
  const auto claims = evaluate_claims_file(default_claims_path(), doc);
  Rendered r{report::build_report(doc, 0.03, claims), {}, {}, {}};
  std::ostringstream console, markdown, html;
  report::render_console(r.model, console);
  report::render_markdown(r.model, markdown);
  report::render_html(r.model, "", "chart.umd.js", html);
  r.console = console.str();
  r.markdown = markdown.str();
  r.html = html.str();
  return r;
}

void for_each_table(const report::Section& s, const std::function<void(const report::Table&)>& f) {
  for (const auto& b : s.blocks)
    if (const auto* t = std::get_if<report::Table>(&b)) f(*t);
  for (const auto& c : s.children) for_each_table(c, f);
}

TEST(ReportModel, EveryColumnReachesEveryFormat) {
  const auto r = render_fixture();
  int tables = 0;
  for (const auto& s : r.model.sections)
    for_each_table(s, [&](const report::Table& t) {
      ++tables;
      std::string md_header = "|", html_header = "<tr>";
      for (const auto& h : t.header) {
        md_header += " " + markdown_cell(h) + " |";
        html_header += "<th>" + html_escape(h) + "</th>";
      }
      EXPECT_CONTAINS(r.markdown, md_header + "\n");
      EXPECT_CONTAINS(r.html, html_header + "</tr>");
      if (t.detail || !t.folded.empty() || s.kind == "how-to-read") return;
      for (const auto& h : t.header) EXPECT_CONTAINS(r.console, h);
      for (const auto& row : t.rows) EXPECT_CONTAINS(r.console, row.cells.front());
    });
  EXPECT_GT(tables, 20);
}

TEST(ReportModel, SectionsInReportOrderWithFindingsFirst) {
  const auto r = render_fixture();
  std::vector<std::string> ids;
  for (const auto& s : r.model.sections) ids.push_back(s.id);
  ASSERT_GE(ids.size(), 5u);
  EXPECT_EQ(ids.front(), "findings");
  EXPECT_EQ(ids[1], "summary");
  EXPECT_EQ(ids.back(), "how-to-read");
  EXPECT_EQ(ids[ids.size() - 2], "workload-claims");
  EXPECT_NE(std::find(ids.begin(), ids.end(), "workload-build-cost"), ids.end());
  EXPECT_LT(r.markdown.find("## Findings"), r.markdown.find("## Run"));
  EXPECT_LT(r.console.find("== Findings =="), r.console.find("== json =="));
  EXPECT_LT(r.html.find("id=\"findings\""), r.html.find("id=\"workload-json\""));
}

TEST(ReportModel, FindingsSummariseEveryComparedWorkloadAndTheClaims) {
  const auto r = render_fixture();
  const auto& findings = r.model.sections.front();
  const report::Table* ratios = nullptr;
  for (const auto& b : findings.blocks)
    if (const auto* t = std::get_if<report::Table>(&b); t && t->title.rfind("Rust / Go per workload", 0) == 0) ratios = t;
  ASSERT_NE(ratios, nullptr);
  std::set<std::string> workloads;
  for (const auto& row : ratios->rows) {
    workloads.insert(row.cells[0]);
    // cells = Rust faster + Go faster + no clear difference
    EXPECT_EQ(std::stoi(row.cells[2]), std::stoi(row.cells[3]) + std::stoi(row.cells[4]) + std::stoi(row.cells[5]))
        << row.cells[0];
  }
  for (const char* w : {"json", "fanout", "http"}) EXPECT_TRUE(workloads.contains(w)) << w;
  EXPECT_CONTAINS(r.markdown, "Article claims (claims.json): ");
  EXPECT_CONTAINS(r.markdown, "**Build time (wall, median of runs; Rust / Go > 1: Rust slower)**");
}

TEST(ReportModel, ChartsOnlyInHtmlAndNoneWithoutTheLibrary) {
  const auto r = render_fixture();
  int charts = 0;
  std::function<void(const report::Section&)> count = [&](const report::Section& s) {
    for (const auto& b : s.blocks)
      if (const auto* c = std::get_if<report::ChartRow>(&b)) charts += static_cast<int>(c->charts.size());
    for (const auto& c : s.children) count(c);
  };
  for (const auto& s : r.model.sections) count(s);
  EXPECT_GT(charts, 15);
  EXPECT_EQ(r.html.find("<canvas"), std::string::npos);  // rendered without Chart.js
  EXPECT_CONTAINS(r.html, "id=\"no-charts\"");
  std::ostringstream with_library;
  report::render_html(r.model, "/* chart library */", "chart.umd.js", with_library);
  int canvases = 0;
  for (auto p = with_library.str().find("<canvas"); p != std::string::npos; p = with_library.str().find("<canvas", p + 1))
    ++canvases;
  EXPECT_EQ(canvases, charts);
}

TEST(ReportModel, WarningsReachEveryFormat) {
  report::Report model{"w", "complete", {}};
  report::Section s{"findings", "Findings", "findings", {}, {}};
  s.paragraph("servers not saturated", report::Tone::warning);
  s.paragraph("an explanation", report::Tone::muted);
  model.sections.push_back(s);
  std::ostringstream console, markdown, html;
  report::render_console(model, console);
  report::render_markdown(model, markdown);
  report::render_html(model, "", "x.js", html);
  EXPECT_CONTAINS(console.str(), "! servers not saturated");
  EXPECT_EQ(console.str().find("an explanation"), std::string::npos);  // explanations are for the files
  EXPECT_CONTAINS(markdown.str(), "> **Read with care:** servers not saturated");
  EXPECT_CONTAINS(markdown.str(), "an explanation");
  EXPECT_CONTAINS(html.str(), "<p class=\"note\">servers not saturated</p>");
}

// A plug-in's own kind, unknown to the section builders, still gets per-cell tables and ratios.
TEST(ReportModel, UnknownKindGetsTheBatchTables) {
  ResultsDoc doc;
  doc.run_id = "plugin";
  for (const auto& [language, variant, ns] : {std::tuple{"go", "a", 2000}, std::tuple{"rust", "b", 1000}}) {
    Measurement m;
    m.workload = "mine";
    m.kind = "my-kind";
    m.mode = "scan";
    m.input = "doc";
    m.language = language;
    m.variant = variant;
    m.status = "ok";
    for (int i = 0; i < 12; ++i) m.samples.push_back({100, static_cast<std::int64_t>(ns * 100 + i)});
    doc.measurements.push_back(m);
  }
  std::ostringstream out;
  make_reporter("markdown", 0.03)->write(doc, out);
  EXPECT_CONTAINS(out.str(), "## mine");
  EXPECT_CONTAINS(out.str(), "### scan / doc");
  EXPECT_CONTAINS(out.str(), "| fastest | b vs a | 2.00x [");
}

TEST(ReportModel, ModelFormatIsTheModelAsJson) {
  const auto doc = load_results(kFixture);
  std::ostringstream out;
  make_reporter("model", 0.03)->write(doc, out);
  const auto j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["run_id"], doc.run_id);
  EXPECT_EQ(j["sections"][0]["id"], "findings");
  EXPECT_TRUE(j["sections"][0]["blocks"][0].contains("table"));
}

}  // namespace
}  // namespace xlb
