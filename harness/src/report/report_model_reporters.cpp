// The reporters that render the report model: the model is built once per
// write from the document and the run's claims outcome, then rendered.
#include <fstream>
#include <sstream>

#include "report/render/renderers.hpp"
#include "report/report_common.hpp"
#include "report/sections/build_report.hpp"

namespace xlb {
namespace {

enum class Format { console, markdown, html, model };

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ModelReporter : public Reporter {
 public:
  ModelReporter(Format format, double threshold, ClaimsRef claims, std::filesystem::path chart_js = {})
      : format_(format), threshold_(threshold), claims_(std::move(claims)), chart_js_(std::move(chart_js)) {}

  void write(const ResultsDoc& doc, std::ostream& out) const override {
    const auto model = report::build_report(doc, threshold_, claims_or_default(claims_, doc));
    switch (format_) {
      case Format::console: report::render_console(model, out); break;
      case Format::markdown: report::render_markdown(model, out); break;
      case Format::model: out << report::to_json(model).dump(1) << "\n"; break;
      case Format::html:
        report::render_html(model, chart_js_.empty() ? std::string() : read_file(chart_js_), chart_js_, out);
        break;
    }
  }

 private:
  Format format_;
  double threshold_;
  ClaimsRef claims_;
  std::filesystem::path chart_js_;
};

}  // namespace

std::unique_ptr<Reporter> make_console_reporter(double threshold, ClaimsRef claims) {
  return std::make_unique<ModelReporter>(Format::console, threshold, std::move(claims));
}

std::unique_ptr<Reporter> make_markdown_reporter(double threshold, ClaimsRef claims) {
  return std::make_unique<ModelReporter>(Format::markdown, threshold, std::move(claims));
}

std::unique_ptr<Reporter> make_html_reporter(double threshold, const std::filesystem::path& chart_js,
                                             ClaimsRef claims) {
  return std::make_unique<ModelReporter>(Format::html, threshold, std::move(claims), chart_js);
}

std::unique_ptr<Reporter> make_model_reporter(double threshold, ClaimsRef claims) {
  return std::make_unique<ModelReporter>(Format::model, threshold, std::move(claims));
}

std::filesystem::path default_chart_js_path() {
  if (const char* env = std::getenv("XLBENCH_CHART_JS")) return env;
  std::filesystem::path root = XLB_SOURCE_DIR;
  if (const char* env = std::getenv("XLBENCH_ROOT")) root = env;
  return root / "node_modules" / "chart.js" / "dist" / "chart.umd.js";
}

}  // namespace xlb
