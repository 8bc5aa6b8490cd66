// Unit tests for the export reporters: golden files for the Google Benchmark
// JSON and benchstat text exports, and the HTML page's content and escaping.
// Regenerate the goldens after an intended change:
//   XLB_UPDATE_GOLDEN=1 build/tests/xlbench_unit_tests --gtest_filter='ReportExports*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <sstream>

#include "core/errors.hpp"
#include "report/report.hpp"
#include "report/report_common.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::Measurement;
using xlb::ResultsDoc;

const std::filesystem::path kGolden = std::filesystem::path(XLB_TEST_DATA_DIR) / "golden";

Measurement make_measurement(const std::string& lang, const std::string& variant, std::int64_t ns_base) {
  Measurement m;
  m.workload = "json";
  m.kind = "batch";
  m.mode = "typed";
  m.input = "twitter";
  m.language = lang;
  m.variant = variant;
  m.label = "idiomatic";
  m.library = variant;
  m.input_bytes = 631515;
  for (int i = 0; i < 8; ++i) m.samples.push_back({100 + i % 2, ns_base + 1000 * i * (i % 3 == 0 ? 1 : -1)});
  return m;
}

// A small fixed document: two valid variants, one invalid with a hostile reason.
ResultsDoc fixed_doc() {
  ResultsDoc doc;
  doc.run_id = "20260101-120000-quick";
  doc.status = "complete";
  doc.started_at = "2026-01-01T12:00:00Z";
  doc.finished_at = "2026-01-01T12:03:25Z";
  doc.plan = {{"name", "quick"},
              {"rounds", 1},
              {"samples_per_run", 8},
              {"min_sample_ms", 10},
              {"warmup_ms", 50},
              {"baselines", {{"json", {{"go", "encoding_json"}, {"rust", "serde_json"}}}}}};
  doc.environment = {{"cpu_model", "Test CPU <b>@ 3.0GHz</b>"},
                     {"logical_cpus", 2},
                     {"kernel", "Linux 6.1.0-test"},
                     {"arch", "x86_64"},
                     {"governor", "performance"},
                     {"aslr", "2"},
                     {"loadavg", "0.50 0.25 0.10 1/100 4242"},
                     {"toolchains", {{"go", "go version go1.22 linux/amd64"}, {"rustc", "rustc 1.80.0"}}},
                     {"git_commit", "0123456789abcdef"}};
  doc.measurements.push_back(make_measurement("go", "encoding_json", 4000000));
  doc.measurements.push_back(make_measurement("rust", "serde_json", 2000000));
  auto bad = make_measurement("rust", "simd_json", 1000000);
  bad.status = "invalid";
  bad.reason = "checksum differs: <script>alert(\"x\")</script> & more";
  bad.samples.clear();
  doc.measurements.push_back(bad);
  return doc;
}

std::string render(const std::string& format, const ResultsDoc& doc) {
  std::ostringstream out;
  xlb::make_reporter(format, 0.03)->write(doc, out);
  return out.str();
}

void check_golden(const std::string& name, const std::string& actual) {
  const auto path = kGolden / name;
  if (const char* update = std::getenv("XLB_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    xlb::unit::write_text(path, actual);
    GTEST_SKIP() << "rewrote " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with XLB_UPDATE_GOLDEN=1";
  EXPECT_EQ(xlb::unit::read_text(path), actual)
      << "output differs from " << path << "; if the change is intended, re-run with XLB_UPDATE_GOLDEN=1";
}

TEST(ReportExports, FactoryKnowsEveryFormat) {
  for (const auto& f : xlb::report_formats()) EXPECT_NE(xlb::make_reporter(f, 0.03), nullptr) << f;
  EXPECT_THROW(xlb::make_reporter("pdf", 0.03), xlb::InputError);
}

TEST(ReportExports, GbenchGolden) { check_golden("gbench.json", render("gbench", fixed_doc())); }

TEST(ReportExports, BenchstatGolden) { check_golden("benchstat.txt", render("benchstat", fixed_doc())); }

TEST(ReportExports, GbenchHasTheFieldsCompareDotPyReads) {
  // tools/compare.py (gbench/util.py, gbench/report.py) reads context.json_schema_version (must be 1) and, per
  // benchmark, name, run_type, time_unit, real_time, cpu_time, repetition_index, family_index and
  // per_family_instance_index; its U test takes the "iteration" entries of one name as the repetitions.
  auto j = json::parse(render("gbench", fixed_doc()));
  EXPECT_EQ(j["context"]["json_schema_version"], 1);
  EXPECT_EQ(j["context"]["library_build_type"], "release");
  EXPECT_EQ(j["context"]["num_cpus"], 2);
  EXPECT_EQ(j["context"]["date"], "2026-01-01T12:00:00Z");
  ASSERT_EQ(j["benchmarks"].size(), 16u);  // 2 valid variants x 8 samples; the invalid one is left out
  for (const auto& b : j["benchmarks"]) {
    for (const char* key : {"name", "run_type", "time_unit", "real_time", "cpu_time", "iterations", "repetitions",
                            "repetition_index", "family_index", "per_family_instance_index"})
      EXPECT_TRUE(b.contains(key)) << key;
    EXPECT_EQ(b["run_type"], "iteration");
    EXPECT_EQ(b["time_unit"], "ns");
    EXPECT_EQ(b["repetitions"], 8);
    EXPECT_GT(b["real_time"].get<double>(), 0);
  }
  const auto& first = j["benchmarks"][0];
  EXPECT_EQ(first["name"], "json/typed/twitter/go/encoding_json");
  EXPECT_EQ(first["iterations"], 100);
  EXPECT_DOUBLE_EQ(first["real_time"].get<double>(), 40000.0);  // 4 ms / 100 ops
}

TEST(ReportExports, BenchstatLinesAreGoBenchmarkFormat) {
  auto text = render("benchstat", fixed_doc());
  EXPECT_CONTAINS(text, "goos: linux\ngoarch: amd64\npkg: xlbench\ncpu: Test CPU <b>@ 3.0GHz</b>\n");
  const std::regex line(R"(^Benchmark[A-Z][^\s]*\s+\t\d+\t[0-9.e+]+ ns/op\t[0-9.e+]+ MB/s$)");
  std::istringstream in(text);
  std::string l;
  int benchmarks = 0;
  while (std::getline(in, l))
    if (l.rfind("Benchmark", 0) == 0) {
      ++benchmarks;
      EXPECT_TRUE(std::regex_match(l, line)) << l;
    }
  EXPECT_EQ(benchmarks, 16);
  EXPECT_CONTAINS(text, "BenchmarkJson/typed/twitter/rust/serde_json \t100\t20000 ns/op\t31575.8 MB/s\n");
  EXPECT_EQ(text.find("simd_json"), std::string::npos);
}

class ReportHtml : public ::testing::Test {
 protected:
  static std::string render_html(const std::filesystem::path& chart_js) {
    std::ostringstream out;
    xlb::make_html_reporter(0.03, chart_js)->write(fixed_doc(), out);
    return out.str();
  }
  static void expect_common(const std::string& page) {
    EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_CONTAINS(page, "</html>\n");
    EXPECT_CONTAINS(page, "<a href=\"results.json\">results.json</a>");
    // The hostile reason and CPU name appear only escaped.
    EXPECT_CONTAINS(page, "checksum differs: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
    EXPECT_CONTAINS(page, "Test CPU &lt;b&gt;@ 3.0GHz&lt;/b&gt;");
    EXPECT_EQ(page.find("<script>alert"), std::string::npos);
    EXPECT_EQ(page.find("<b>@"), std::string::npos);
    // Summary and numbers.
    EXPECT_CONTAINS(page, "3m 25s");
    EXPECT_CONTAINS(page, "rust/serde_json");
    EXPECT_CONTAINS(page, "Rust / Go (ops/s)");
    // Inline data, without anything that would end its <script> element.
    const std::string open = "<script type=\"application/json\" id=\"xlb-data\">";
    auto start = page.find(open);
    ASSERT_NE(start, std::string::npos);
    auto body = page.substr(start + open.size());
    body = body.substr(0, body.find("</script>"));
    EXPECT_EQ(body.find('<'), std::string::npos);
    auto data = json::parse(body);
    const auto& charts = data["charts"];
    if (charts.empty()) return;  // without Chart.js no chart is specified
    ASSERT_GE(charts.size(), 1u);  // the batch cell's chart first (a claims chart may follow)
    const auto& chart = charts[0];
    EXPECT_EQ(chart["id"], "chart-0");
    ASSERT_EQ(chart["labels"], json({"go/encoding_json", "rust/serde_json"}));  // the invalid variant is never drawn
    const auto& ci = chart["datasets"][0];
    const auto& medians = chart["datasets"][1];
    EXPECT_EQ(ci["role"], "ci");
    const double median = medians["data"][1].get<double>();
    EXPECT_NEAR(median, 50000, 1000);  // ~100 ops per 2 ms
    EXPECT_LE(ci["data"][1][0].get<double>(), median);
    EXPECT_GE(ci["data"][1][1].get<double>(), median);
    EXPECT_EQ(medians["colors"][1], "#c2410c");  // Rust's colour
    EXPECT_CONTAINS(chart["x"]["title"].get<std::string>(), "operations per second");
    // Nothing is loaded from the network.
    EXPECT_EQ(std::regex_search(page, std::regex(R"((src|href)\s*=\s*["']?(https?:)?//)")), false);
    EXPECT_EQ(page.find("<link"), std::string::npos);
  }
};

TEST_F(ReportHtml, EmbedsChartJsInline) {
  const auto chart_js = xlb::default_chart_js_path();
  if (!std::filesystem::exists(chart_js)) GTEST_SKIP() << chart_js << " missing; run scripts/setup.sh";
  auto page = render_html(chart_js);
  expect_common(page);
  EXPECT_CONTAINS(page, "<canvas id=\"chart-0\"");
  EXPECT_CONTAINS(page, "data-rendered");
  EXPECT_CONTAINS(page, "id=\"xlb-errors\"");
  EXPECT_CONTAINS(page, "new Chart(canvas");
  // The library itself, inline (its UMD wrapper defines the global Chart).
  EXPECT_GT(page.size(), std::filesystem::file_size(chart_js));
  EXPECT_EQ(page.find("<script src"), std::string::npos);
  EXPECT_EQ(page.find("id=\"no-charts\""), std::string::npos);
}

TEST_F(ReportHtml, WithoutChartJsWritesTablesAndANote) {
  xlb::unit::TempDir dir("html");
  auto page = render_html(dir / "missing/chart.umd.js");
  expect_common(page);
  EXPECT_CONTAINS(page, "id=\"no-charts\"");
  EXPECT_EQ(page.find("<canvas"), std::string::npos);
  EXPECT_EQ(page.find("new Chart("), std::string::npos);
}

TEST_F(ReportHtml, WriteReportFilesWritesHtmlNextToMarkdown) {
  xlb::unit::TempDir dir("files");
  xlb::write_report_files(fixed_doc(), dir.path(), 0.03);
  EXPECT_TRUE(std::filesystem::exists(dir / "report.md"));
  EXPECT_CONTAINS(xlb::unit::read_text(dir / "report.html"), "xlbench run 20260101-120000-quick");
}

TEST(ReportEscaping, ScriptHelpers) {
  EXPECT_EQ(xlb::html_escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(xlb::script_json(json{{"r", "</script><!--"}}), "{\"r\":\"\\u003c/script\\u003e\\u003c!--\"}");
  EXPECT_EQ(json::parse(xlb::script_json(json{{"r", "</script>"}}))["r"], "</script>");
  EXPECT_EQ(xlb::script_safe("x='</script>'"), "x='<\\/script>'");
}

}  // namespace
