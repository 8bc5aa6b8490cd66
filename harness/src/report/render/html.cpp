// HTML renderer: report.html, one self-contained page (no network). Sections
// become <section>s, tables <table>s, chart rows <figure>s drawn by Chart.js
// (embedded inline) from the specs in #xlb-data. Without Chart.js the page
// still has every table and says why the charts are missing.
#include <algorithm>
#include <cctype>

#include "report/render/escape.hpp"
#include "report/render/html_assets.hpp"
#include "report/render/renderers.hpp"

namespace xlb::report {
namespace {

// A number, with at most a short unit or suffix ("12.3", "4.8x [4.7, 4.9]", "2799 B", "0.02 [..] ms"):
// right-aligned. Names that start with a digit ("000_09c7.txt") are not.
bool looks_numeric(const std::string& s) {
  if (s.empty()) return false;
  if (s == "-") return true;
  size_t i = (s[0] == '-' || s[0] == '+' || s[0] == '[') ? 1 : 0;
  if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  const auto letters =
      std::count_if(s.begin(), s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
  return letters <= 3 && s.find('_') == std::string::npos;
}

class PageWriter {
 public:
  PageWriter(std::ostream& out, bool charts) : out_(out), charts_(charts) {}

  void section(const Section& s, int depth) {
    const bool top = depth == 0;
    out_ << "<section class=\"" << (top ? "workload" : "cell") << "\" id=\"" << html_escape(s.id) << "\" data-kind=\""
         << html_escape(s.kind) << "\">\n<h" << depth + 2 << ">" << html_escape(s.title) << "</h" << depth + 2
         << ">\n";
    for (const auto& block : s.blocks) {
      if (const auto* p = std::get_if<Paragraph>(&block)) paragraph(*p);
      else if (const auto* t = std::get_if<Table>(&block)) table(*t);
      else chart_row(std::get<ChartRow>(block));
    }
    for (const auto& child : s.children) section(child, depth + 1);
    out_ << "</section>\n";
  }

  const nlohmann::json& specs() const { return specs_; }

 private:
  void paragraph(const Paragraph& p) {
    const char* css = p.tone == Tone::muted ? " class=\"muted\"" : p.tone == Tone::warning ? " class=\"note\"" : "";
    out_ << "<p" << css << ">" << html_escape(p.text) << "</p>\n";
  }

  void table(const Table& t) {
    if (!t.folded.empty()) out_ << "<details><summary>" << html_escape(t.folded) << "</summary>\n";
    if (!t.title.empty()) out_ << "<h4>" << html_escape(t.title) << "</h4>\n";
    out_ << "<div class=\"wrap\"><table>\n<tr>";
    for (const auto& h : t.header) out_ << "<th>" << html_escape(h) << "</th>";
    out_ << "</tr>\n";
    for (const auto& r : t.rows) {
      out_ << "<tr" << (r.tag.empty() ? "" : " class=\"" + html_escape(r.tag) + "\"") << ">";
      for (const auto& cell : r.cells)
        out_ << (looks_numeric(cell) ? "<td class=\"num\">" : "<td>") << html_escape(cell) << "</td>";
      out_ << "</tr>\n";
    }
    out_ << "</table></div>\n";
    for (const auto& note : t.notes) out_ << "<p>" << html_escape(note) << "</p>\n";
    if (!t.folded.empty()) out_ << "</details>\n";
  }

  void chart_row(const ChartRow& row) {
    if (!charts_) return;
    if (row.charts.size() > 1) out_ << "<div class=\"pair\">\n";
    for (const auto& c : row.charts) chart(c);
    if (row.charts.size() > 1) out_ << "</div>\n";
  }

  // A <figure> with a titled <canvas> (the spec gets its id) and a caption pointing at the table below.
  void chart(const Chart& c) {
    const std::string id = "chart-" + std::to_string(specs_.size());
    auto spec = c.spec;
    spec["id"] = id;
    out_ << "<figure class=\"chart-box\">\n<figcaption><strong>" << html_escape(c.title) << "</strong>";
    if (!c.caption.empty()) out_ << " <span class=\"muted\">" << html_escape(c.caption) << "</span>";
    out_ << "</figcaption>\n<div class=\"chart\" style=\"height:" << c.height_px << "px\"><canvas id=\"" << id
         << "\" role=\"img\" aria-label=\"" << html_escape(c.title) << "\"></canvas></div>\n"
         << "<p class=\"src\">Numbers behind this chart: the table below. Raw samples: "
            "<a href=\"results.json\">results.json</a>.</p>\n</figure>\n";
    specs_.push_back(std::move(spec));
  }

  std::ostream& out_;
  bool charts_;
  nlohmann::json specs_ = nlohmann::json::array();
};

}  // namespace

void render_html(const Report& report, const std::string& chart_lib, const std::filesystem::path& chart_js_path,
                 std::ostream& out) {
  const bool charts = !chart_lib.empty();
  const auto h = [](const std::string& s) { return html_escape(s); };
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>xlbench run " << h(report.run_id) << "</title>\n<style>" << html::page_style()
      << "</style>\n</head>\n<body>\n";
  out << "<div id=\"xlb-errors-box\" class=\"errors\" hidden><strong>Errors while drawing this page:</strong>"
         "<ol id=\"xlb-errors\" data-count=\"0\"></ol></div>\n<script>"
      << html::error_collector_script() << "</script>\n";
  out << "<h1>xlbench run " << h(report.run_id) << "</h1>\n<p>" << h(report.headline) << "</p>\n";
  out << "<p>Raw samples and environment: <a href=\"results.json\">results.json</a> (this page is derived from "
         "it; <code>xlbench report results.json -f html</code> re-renders it).</p>\n";
  if (!charts)
    out << "<p class=\"note\" id=\"no-charts\">Charts are not included: the Chart.js library was not found at <code>"
        << h(chart_js_path.string())
        << "</code>. Run <code>scripts/setup.sh</code> (it runs <code>npm install</code>) and re-render with "
           "<code>xlbench report results.json -f html</code>. Every number is in the tables below.</p>\n";
  out << "<nav class=\"toc\">Sections: ";
  for (const auto& s : report.sections) out << "<a href=\"#" << h(s.id) << "\">" << h(s.title) << "</a>";
  out << "</nav>\n";
  if (charts)
    out << "<p class=\"legend\"><span><i class=\"sw\" style=\"background:var(--go)\"></i>Go</span>"
           "<span><i class=\"sw\" style=\"background:var(--rust)\"></i>Rust</span>"
           "<span><i class=\"sw\" style=\"background:var(--ci);width:4px\"></i>95% confidence interval of the "
           "median (order statistics)</span></p>\n";

  PageWriter page(out, charts);
  for (const auto& s : report.sections) page.section(s, 0);

  nlohmann::json data = {{"run_id", report.run_id}, {"charts", page.specs()}};
  out << "<script type=\"application/json\" id=\"xlb-data\">" << script_json(data) << "</script>\n";
  if (charts) {
    out << "<script>/* Chart.js (MIT), embedded from " << h(chart_js_path.filename().string()) << " */\n"
        << script_safe(chart_lib) << "\n</script>\n";
    out << "<script>" << html::page_script() << "</script>\n";
  }
  out << "</body>\n</html>\n";
}

}  // namespace xlb::report
