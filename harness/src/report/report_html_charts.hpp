#pragma once
// What the sections of report.html share: the page under construction (its
// HTML and the chart specs the page script hands to Chart.js), chart-spec
// builders, HTML tables, colours. One section writer per workload kind lives
// in its own report_html_charts_<kind>.cpp.
//
// A chart spec (drawn by html_page_script()):
//   {"id", "type": "bar"|"line", "x": axis, "y": axis, "labels": [...] (category axis), "legend": bool,
//    "datasets": [{"label", "data", "color" | "colors" (per bar), "unit" (tooltips), "tips" (per point),
//    "role": "ci" (a thin [low, high] floating bar drawn over the others), "overlay": bool (not grouped),
//    "dash": bool (dashed line)}]}
//   axis = {"title", "kind": "category"|"number", "log": bool}. A bar chart whose y axis is the
//   category axis is horizontal. Line data: [{"x", "y"}] on a number x axis, or one y per label.
// Numeric axes on a log scale must not get values <= 0: builders write null instead.
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "report/report_build.hpp"
#include "analysis/claims.hpp"
#include "model/results.hpp"

namespace xlb::html {

using nlohmann::json;

class Page {
 public:
  Page(const ResultsDoc& doc, double threshold, bool charts, ClaimsOutcome claims)
      : doc_(doc), threshold_(threshold), charts_(charts), claims_(std::move(claims)) {}

  const ResultsDoc& doc() const { return doc_; }
  const ClaimsOutcome& claims() const { return claims_; }
  double threshold() const { return threshold_; }
  bool charts_enabled() const { return charts_; }
  std::ostream& out() { return body_; }
  std::string html() const { return body_.str(); }
  const json& specs() const { return specs_; }

  // A <figure> with a titled <canvas> (the spec gets its id) and a caption
  // pointing at the table below and results.json. Without Chart.js: nothing.
  void chart(json spec, int height_px, const std::string& title, const std::string& caption = "");
  // Two charts side by side on a wide screen, stacked on a narrow one.
  void begin_pair() { body_ << "<div class=\"pair\">\n"; }
  void end_pair() { body_ << "</div>\n"; }

 private:
  const ResultsDoc& doc_;
  double threshold_;
  bool charts_;
  ClaimsOutcome claims_;
  std::ostringstream body_;
  json specs_ = json::array();
};

// Chart-spec pieces.
json number_axis(const std::string& title, bool log = false);
json category_axis(const std::string& title);
// A value that a log axis can draw (null for <= 0, NaN, inf).
json log_value(double v);
json finite_or_null(double v);

// Colours: a language's colour, and distinct shades for its variants in line charts.
std::string language_color(const std::string& language);
std::string variant_color(const std::string& language, int index_in_language);
std::string light_color(const std::string& language);  // the "before"/"start-up" bar next to a language's bar

// Assigns each variant id its shade in document order.
class VariantPalette {
 public:
  std::string color(const std::string& language, const std::string& variant_id);

 private:
  std::vector<std::pair<std::string, std::string>> seen_;  // (language, variant id)
};

struct Table {
  explicit Table(std::vector<std::string> columns, std::string caption_text = "", std::string table_class = "")
      : header(std::move(columns)), caption(std::move(caption_text)), css_class(std::move(table_class)) {}
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row_classes;  // a CSS class per row ("" for none)
  std::string caption;                   // optional, above the table
  std::string css_class;                 // optional, of the <table>
  void add(std::vector<std::string> row, std::string css_class = "") {
    rows.push_back(std::move(row));
    row_classes.push_back(std::move(css_class));
  }
};
// Cells that read as numbers are right-aligned; every string is escaped.
void write_table(std::ostream& out, const Table& t);
void write_text_table(std::ostream& out, const TextTable& t);

std::string esc(const std::string& s);
// Table numbers: whole numbers from 100 up, else 3 decimals; "-" for NaN/inf.
std::string plain(double v);
// "1,000" style thousands separators, for N in labels.
std::string grouped(long long v);

// The sections, one per workload kind (and the claims).
void write_batch_cell(Page& page, const std::vector<const Measurement*>& cell,
                      const std::vector<LanguageComparison>& comparisons);
void write_fanout_section(Page& page, const std::string& workload);
// True when the workload's rows carry the holding facts (and the section was written).
bool write_holding_section(Page& page, const std::string& workload);
void write_http_section(Page& page, const std::string& workload);
void write_build_section(Page& page);
void write_claims_html(Page& page);

}  // namespace xlb::html
