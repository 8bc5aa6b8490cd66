// report.html in a real browser: renders the report of a fixture results file
// (tests/data/html/results.json: json, fanout, holding, http, build, claims)
// with `xlbench report`, loads it from file:// in headless Chromium with every
// host name unresolvable, and reads the DOM Chromium dumps after the scripts
// ran: every chart canvas must carry data-drawn > 0 (set by the page after
// Chart.js drew it), <body data-rendered> must count them all, and the page's
// error list (window.onerror, unhandled rejections, console.error/warn) must
// be empty. Saves results/browser-test/report.png (1366x4000) and the page.
//
// Skipped, saying why, only when Chromium (or Chart.js) is missing and
// XLBENCH_REQUIRE_BROWSER is unset; scripts/test.sh sets it, so CI fails instead.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

#include "report/report.hpp"
#include "report/report_common.hpp"
#include "model/results.hpp"
#include "headless_browser.hpp"
#include "test_project.hpp"

namespace {

namespace fs = std::filesystem;
using xlb::testing::make_temp_dir;
using xlb::testing::run_xlbench;
using namespace xlb::browser;

const fs::path kFixture = fs::path(XLB_SOURCE_DIR) / "tests" / "data" / "html" / "results.json";
const fs::path kArtifacts = fs::path(XLB_SOURCE_DIR) / "results" / "browser-test";

// Canvases per workload section of the written page: the text between one
// `<section class="workload" id="workload-X"` and the next.
std::map<std::string, int> canvases_per_section(const std::string& html) {
  std::map<std::string, int> out;
  const std::string marker = "<section class=\"workload\" id=\"workload-";
  for (auto pos = html.find(marker); pos != std::string::npos;) {
    const auto id_start = pos + marker.size();
    const std::string id = html.substr(id_start, html.find('"', id_start) - id_start);
    const auto next = html.find(marker, id_start);
    const std::string body = html.substr(id_start, next == std::string::npos ? std::string::npos : next - id_start);
    int n = 0;
    for (auto c = body.find("<canvas"); c != std::string::npos; c = body.find("<canvas", c + 1)) ++n;
    out[id] = n;
    pos = next;
  }
  return out;
}

class HtmlBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    chromium_ = find_chromium();
    if (!chromium_) {
      if (browser_required()) FAIL() << "XLBENCH_REQUIRE_BROWSER is set but no chromium was found on PATH "
                                        "(scripts/setup.sh installs Debian's chromium; or set XLB_CHROMIUM)";
      GTEST_SKIP() << "headless browser test skipped: chromium is not installed (apt-get install chromium, or "
                      "scripts/setup.sh); set XLBENCH_REQUIRE_BROWSER=1 to make this a failure";
    }
    if (!fs::exists(xlb::default_chart_js_path())) {
      if (browser_required()) FAIL() << "Chart.js missing at " << xlb::default_chart_js_path() << " (scripts/setup.sh)";
      GTEST_SKIP() << "headless browser test skipped: Chart.js missing at " << xlb::default_chart_js_path()
                   << " (scripts/setup.sh runs npm ci)";
    }
    work_ = make_temp_dir("browser");
  }
  void TearDown() override {
    if (!work_.empty()) fs::remove_all(work_);
  }

  std::optional<fs::path> chromium_;
  fs::path work_;
};

TEST_F(HtmlBrowser, EveryChartOfTheFixtureDrawsWithoutErrors) {
  ASSERT_TRUE(fs::exists(kFixture)) << kFixture << " missing (tests/data/html/make_fixture.py writes it)";
  fs::copy_file(kFixture, work_ / "results.json");
  auto r = run_xlbench(
      {"report", (work_ / "results.json").string(), "-f", "html", "-o", (work_ / "report.html").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err_tail;
  const std::string html = read(work_ / "report.html");
  ASSERT_EQ(html.find("id=\"no-charts\""), std::string::npos) << "the page was written without Chart.js";

  // The fixture's sections and their charts, as written (before any script ran).
  const auto sections = canvases_per_section(html);
  const std::map<std::string, int> expected = {
      {"json", 2}, {"fanout", 4}, {"holding", 1}, {"http", 12}, {"build-cost", 2}};
  for (const auto& [id, n] : expected) EXPECT_EQ(sections.count(id) ? sections.at(id) : -1, n) << "section " << id;
  ASSERT_TRUE(sections.count("claims")) << "no claims section";
  EXPECT_GE(sections.at("claims"), 1) << "the fixture measures claims of workloads/claims.json: expected their chart";
  EXPECT_NE(html.find("class=\"v-"), std::string::npos) << "claims table rows are not coloured by verdict";
  int written = 0;
  for (auto c = html.find("<canvas"); c != std::string::npos; c = html.find("<canvas", c + 1)) ++written;

  auto dom = run_chromium(*chromium_, work_, {"--dump-dom"}, work_ / "report.html");
  ASSERT_TRUE(dom.result.ok()) << dom.result.describe() << "\n" << dom.result.stderr_tail;
  const auto page = inspect_dom(dom.out);
  ASSERT_TRUE(page.has_error_list) << "dumped DOM has no #xlb-errors list:\n" << dom.out.substr(0, 2000);
  EXPECT_TRUE(page.errors.empty()) << "page errors: " << ::testing::PrintToString(page.errors);
  EXPECT_EQ(page.canvases, written);
  EXPECT_TRUE(page.undrawn.empty()) << "canvases Chart.js did not draw: " << ::testing::PrintToString(page.undrawn);
  ASSERT_TRUE(page.rendered.has_value()) << "<body data-rendered> missing: the page script did not finish";
  EXPECT_EQ(*page.rendered, written);

  // The artifact: a laptop-width screenshot, and the page itself with its results.json.
  fs::create_directories(kArtifacts);
  const fs::path shot = kArtifacts / "report.png";
  fs::remove(shot);
  auto png = run_chromium(*chromium_, work_, {"--window-size=1366,4000", "--screenshot=" + shot.string()},
                          work_ / "report.html");
  ASSERT_TRUE(png.result.ok()) << png.result.describe() << "\n" << png.result.stderr_tail;
  const std::string bytes = read(shot);
  ASSERT_GT(bytes.size(), 24u) << shot << " was not written";
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto be32 = [&](size_t at) {
    std::uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  EXPECT_EQ(be32(16), 1366u);  // IHDR width
  EXPECT_EQ(be32(20), 4000u);  // IHDR height
  fs::copy_file(work_ / "report.html", kArtifacts / "report.html", fs::copy_options::overwrite_existing);
  fs::copy_file(work_ / "results.json", kArtifacts / "results.json", fs::copy_options::overwrite_existing);
}

// The check can fail: a chart library that throws leaves every canvas undrawn,
// no data-rendered count of the charts, and the error in the page's list.
TEST_F(HtmlBrowser, ABrokenChartLibraryIsCaught) {
  const fs::path broken = work_ / "broken-chart.js";
  std::ofstream(broken) << "console.error('deliberate console error from the test');\n"
                           "throw new Error('deliberately broken chart library');\n";
  auto doc = xlb::load_results(kFixture);
  {
    std::ofstream out(work_ / "report.html");
    xlb::make_html_reporter(0.03, broken)->write(doc, out);
  }
  auto dom = run_chromium(*chromium_, work_, {"--dump-dom"}, work_ / "report.html");
  ASSERT_TRUE(dom.result.ok()) << dom.result.describe() << "\n" << dom.result.stderr_tail;
  const auto page = inspect_dom(dom.out);
  ASSERT_GT(page.canvases, 0);
  EXPECT_EQ(page.undrawn.size(), static_cast<size_t>(page.canvases));
  EXPECT_EQ(page.rendered.value_or(-1), 0);
  const std::string errors = ::testing::PrintToString(page.errors);
  EXPECT_NE(errors.find("deliberate console error from the test"), std::string::npos) << errors;
  EXPECT_NE(errors.find("deliberately broken chart library"), std::string::npos) << errors;
  EXPECT_NE(errors.find("Chart.js did not load"), std::string::npos) << errors;
}

}  // namespace
