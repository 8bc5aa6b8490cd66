#include "report/report_html_charts.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/format.hpp"
#include "report/report_common.hpp"

namespace xlb::html {
namespace {

// Shades per language, darkest first; a variant keeps its shade in every chart of a section.
const std::vector<std::string>& shades(const std::string& language) {
  static const std::vector<std::string> go = {"#00838f", "#1e3a8a", "#0ea5e9", "#14532d", "#4f46e5"};
  static const std::vector<std::string> rust = {"#c2410c", "#9f1239", "#d97706", "#7c2d12", "#db2777"};
  static const std::vector<std::string> other = {"#6b7280", "#374151", "#9ca3af"};
  return language == "go" ? go : language == "rust" ? rust : other;
}

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

}  // namespace

void Page::chart(json spec, int height_px, const std::string& title, const std::string& caption) {
  if (!charts_) return;
  const std::string id = "chart-" + std::to_string(specs_.size());
  spec["id"] = id;
  body_ << "<figure class=\"chart-box\">\n<figcaption><strong>" << esc(title) << "</strong>";
  if (!caption.empty()) body_ << " <span class=\"muted\">" << esc(caption) << "</span>";
  body_ << "</figcaption>\n<div class=\"chart\" style=\"height:" << height_px << "px\"><canvas id=\"" << id
        << "\" role=\"img\" aria-label=\"" << esc(title) << "\"></canvas></div>\n"
        << "<p class=\"src\">Numbers behind this chart: the table below. Raw samples: "
           "<a href=\"results.json\">results.json</a>.</p>\n</figure>\n";
  specs_.push_back(std::move(spec));
}

json number_axis(const std::string& title, bool log) {
  return {{"title", title}, {"kind", "number"}, {"log", log}};
}

json category_axis(const std::string& title) { return {{"title", title}, {"kind", "category"}}; }

json log_value(double v) { return std::isfinite(v) && v > 0 ? json(v) : json(nullptr); }

json finite_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string language_color(const std::string& language) { return shades(language).front(); }

std::string variant_color(const std::string& language, int index) {
  const auto& s = shades(language);
  return s[static_cast<size_t>(index) % s.size()];
}

std::string light_color(const std::string& language) {
  return language == "go" ? "#80cbc4" : language == "rust" ? "#fdba74" : "#d1d5db";
}

std::string VariantPalette::color(const std::string& language, const std::string& variant_id) {
  int index = 0;
  for (const auto& [lang, id] : seen_) {
    if (id == variant_id) return variant_color(language, index);
    if (lang == language) ++index;
  }
  seen_.emplace_back(language, variant_id);
  return variant_color(language, index);
}

void write_table(std::ostream& out, const Table& t) {
  if (!t.caption.empty()) out << "<p class=\"table-caption\">" << esc(t.caption) << "</p>\n";
  out << "<div class=\"wrap\"><table" << (t.css_class.empty() ? "" : " class=\"" + esc(t.css_class) + "\"")
      << ">\n<tr>";
  for (const auto& h : t.header) out << "<th>" << esc(h) << "</th>";
  out << "</tr>\n";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string css = r < t.row_classes.size() ? t.row_classes[r] : "";
    out << "<tr" << (css.empty() ? "" : " class=\"" + esc(css) + "\"") << ">";
    for (const auto& cell : t.rows[r])
      out << (looks_numeric(cell) ? "<td class=\"num\">" : "<td>") << esc(cell) << "</td>";
    out << "</tr>\n";
  }
  out << "</table></div>\n";
}

void write_text_table(std::ostream& out, const TextTable& t) {
  out << "<h4>" << esc(t.title) << "</h4>\n";
  Table table(t.header);
  for (const auto& row : t.rows) table.add(row);
  write_table(out, table);
  if (!t.note.empty()) out << "<p class=\"muted\">" << esc(t.note) << "</p>\n";
}

std::string esc(const std::string& s) { return html_escape(s); }

std::string plain(double v) {
  if (!std::isfinite(v)) return "-";
  return std::abs(v) >= 100 ? fixed(v, 0) : fixed(v, 3);
}

std::string grouped(long long v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

}  // namespace xlb::html
