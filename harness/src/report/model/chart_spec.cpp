#include "report/model/chart_spec.hpp"

#include <cmath>

#include "core/format.hpp"

namespace xlb::report {
namespace {

// Shades per language, darkest first; a variant keeps its shade in every chart of a section.
const std::vector<std::string>& shades(const std::string& language) {
  static const std::vector<std::string> go = {"#00838f", "#1e3a8a", "#0ea5e9", "#14532d", "#4f46e5"};
  static const std::vector<std::string> rust = {"#c2410c", "#9f1239", "#d97706", "#7c2d12", "#db2777"};
  static const std::vector<std::string> other = {"#6b7280", "#374151", "#9ca3af"};
  return language == "go" ? go : language == "rust" ? rust : other;
}

}  // namespace

json number_axis(const std::string& title, bool log) { return {{"title", title}, {"kind", "number"}, {"log", log}}; }

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

}  // namespace xlb::report
