// `xlbench history show` in headless Chromium: a history with a regression and a flat series,
// rendered to HTML and loaded from file://; every trend chart must draw (data-drawn > 0),
// <body data-rendered> must count them all, and the page's error list must stay empty. Saves
// results/browser-test/history.png and history.html. Skipped like html_browser_test.cpp when
// Chromium or Chart.js is missing and XLBENCH_REQUIRE_BROWSER is unset.
#include <gtest/gtest.h>

#include "headless_browser.hpp"
#include "history/ingest.hpp"
#include "history/open_history.hpp"
#include "history/show.hpp"
#include "report/report_common.hpp"
#include "test_project.hpp"
#include "../unit/history_runs.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;
using namespace xlb::browser;

TEST(HistoryBrowser, TrendChartsDrawWithChangePointsAndNoErrors) {
  const auto chromium = find_chromium();
  const bool have_chart_js = fs::exists(default_chart_js_path());
  if (!chromium || !have_chart_js) {
    if (browser_required()) FAIL() << "XLBENCH_REQUIRE_BROWSER is set but Chromium or Chart.js is missing";
    GTEST_SKIP() << "headless browser test skipped: " << (chromium ? "Chart.js" : "chromium") << " missing";
  }
  const auto work = testing::make_temp_dir("history-browser");
  const auto db = (work / "history.sqlite").string();
  {
    auto history = open_history(db, true);
    for (int i = 0; i < 26; ++i) {
      const double level = i < 18 ? 1000 : 850;
      const double wobble = (i % 3 - 1) * 8.0;
      ingest_run(*history,
                 testing_history::history_run("run" + std::to_string(i), testing_history::stamp(i),
                                              "commit" + std::to_string(i), {level + wobble, level + wobble / 2, level - wobble}),
                 "main", "x.json");
    }
  }
  const auto page = work / "history.html";
  auto r = testing::run_xlbench({"history", "show", "--db", db, "-o", page.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err_tail;
  const std::string html = read(page);
  ASSERT_EQ(html.find("id=\"no-charts\""), std::string::npos);
  EXPECT_NE(html.find("\"marks\":[18]"), std::string::npos) << "the change point is not marked";

  auto dom = run_chromium(*chromium, work, {"--dump-dom"}, page);
  ASSERT_TRUE(dom.result.ok()) << dom.result.describe() << "\n" << dom.result.stderr_tail;
  const auto drawn = inspect_dom(dom.out);
  ASSERT_TRUE(drawn.has_error_list);
  EXPECT_TRUE(drawn.errors.empty()) << ::testing::PrintToString(drawn.errors);
  EXPECT_EQ(drawn.canvases, 3);  // ops_per_s, ns_per_op, peak_rss_kb
  EXPECT_TRUE(drawn.undrawn.empty()) << ::testing::PrintToString(drawn.undrawn);
  EXPECT_EQ(drawn.rendered.value_or(-1), 3);

  const fs::path artifacts = fs::path(XLB_SOURCE_DIR) / "results" / "browser-test";
  fs::create_directories(artifacts);
  const auto shot = artifacts / "history.png";
  fs::remove(shot);
  auto png = run_chromium(*chromium, work, {"--window-size=1200,1400", "--screenshot=" + shot.string()}, page);
  ASSERT_TRUE(png.result.ok()) << png.result.describe();
  EXPECT_GT(fs::file_size(shot), 1000u);
  fs::copy_file(page, artifacts / "history.html", fs::copy_options::overwrite_existing);
  fs::remove_all(work);
}

// The check can fail: a chart library that throws leaves the canvases undrawn and the error listed.
TEST(HistoryBrowser, ABrokenChartLibraryIsCaught) {
  const auto chromium = find_chromium();
  if (!chromium) GTEST_SKIP() << "chromium missing";
  const auto work = testing::make_temp_dir("history-browser-broken");
  const auto broken = work / "broken.js";
  std::ofstream(broken) << "throw new Error('deliberately broken chart library');\n";
  CheckOptions opts;
  Series s{"k", "m", "main", "json/dom/small rust/serde_json", "ops_per_s", "op/s", true, {}};
  for (int i = 0; i < 8; ++i) s.points.push_back({"r" + std::to_string(i), "c", testing_history::stamp(i), 1000.0 + i, 3});
  const auto result = check_history({s}, opts);
  {
    std::ofstream out(work / "page.html");
    write_history_html(result, broken, out);
  }
  auto dom = run_chromium(*chromium, work, {"--dump-dom"}, work / "page.html");
  ASSERT_TRUE(dom.result.ok()) << dom.result.describe();
  const auto drawn = inspect_dom(dom.out);
  EXPECT_EQ(drawn.canvases, 1);
  EXPECT_EQ(drawn.undrawn.size(), 1u);
  EXPECT_EQ(drawn.rendered.value_or(-1), 0);
  const auto errors = ::testing::PrintToString(drawn.errors);
  EXPECT_NE(errors.find("deliberately broken chart library"), std::string::npos) << errors;
  fs::remove_all(work);
}

}  // namespace
}  // namespace xlb
