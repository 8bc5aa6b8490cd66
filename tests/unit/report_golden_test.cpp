// Golden files for the report model and the renderers that draw it (console,
// Markdown, HTML without the embedded chart library, the model as JSON), from
// the all-kinds fixture and a fixed claims subset: a change in any section or
// renderer shows up as a diff. Regenerate after an intended change:
//   XLB_UPDATE_GOLDEN=1 build/tests/xlbench_unit_tests --gtest_filter='ReportGolden*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "analysis/claims.hpp"
#include "model/results.hpp"
#include "report/model/report_model.hpp"
#include "report/render/renderers.hpp"
#include "report/sections/build_report.hpp"
#include "test_util.hpp"

namespace xlb {
namespace {

const std::filesystem::path kData = XLB_TEST_DATA_DIR;
const std::filesystem::path kGolden = kData / "golden";

report::Report fixture_report() {
  const auto doc = load_results(kData / "html" / "results.json");
  return report::build_report(doc, 0.03, evaluate_claims_file(kGolden / "claims.json", doc));
}

// The claims file is named by its absolute path, which differs per checkout.
std::string without_checkout_path(std::string text) {
  const std::string dir = kGolden.string();
  for (auto at = text.find(dir); at != std::string::npos; at = text.find(dir, at)) text.replace(at, dir.size(), "<golden>");
  return text;
}

void check_golden(const std::string& name, const std::string& rendered) {
  const auto path = kGolden / name;
  const auto actual = without_checkout_path(rendered);
  if (const char* update = std::getenv("XLB_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    unit::write_text(path, actual);
    GTEST_SKIP() << "rewrote " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with XLB_UPDATE_GOLDEN=1";
  EXPECT_EQ(unit::read_text(path), actual)
      << "output differs from " << path << "; if the change is intended, re-run with XLB_UPDATE_GOLDEN=1";
}

TEST(ReportGolden, Console) {
  std::ostringstream out;
  report::render_console(fixture_report(), out);
  check_golden("report.console.txt", out.str());
}

TEST(ReportGolden, Markdown) {
  std::ostringstream out;
  report::render_markdown(fixture_report(), out);
  check_golden("report.md", out.str());
}

TEST(ReportGolden, Html) {
  std::ostringstream out;
  report::render_html(fixture_report(), "", "chart.umd.js", out);
  check_golden("report.html", out.str());
}

TEST(ReportGolden, Model) { check_golden("report.model.json", report::to_json(fixture_report()).dump(1) + "\n"); }

}  // namespace
}  // namespace xlb
