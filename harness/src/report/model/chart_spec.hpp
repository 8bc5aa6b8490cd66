#pragma once
// Building blocks of chart specs, and the number formats the report tables share.
//
// A chart spec (drawn by the HTML page script, report/render/html_assets.cpp):
//   {"id", "type": "bar"|"line", "x": axis, "y": axis, "labels": [...] (category axis), "legend": bool,
//    "datasets": [{"label", "data", "color" | "colors" (per bar), "unit" (tooltips), "tips" (per point),
//    "role": "ci" (a thin [low, high] floating bar drawn over the others), "overlay": bool (not grouped),
//    "dash": bool (dashed line)}]}
//   axis = {"title", "kind": "category"|"number", "log": bool}. A bar chart whose y axis is the
//   category axis is horizontal. Line data: [{"x", "y"}] on a number x axis, or one y per label.
// Numeric axes on a log scale must not get values <= 0: builders write null instead.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace xlb::report {

using nlohmann::json;

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

// Table numbers: whole numbers from 100 up, else 3 decimals; "-" for NaN/inf.
std::string plain(double v);
// "1,000" style thousands separators, for N in labels.
std::string grouped(long long v);

}  // namespace xlb::report
