#include "core/format.hpp"

#include <cmath>
#include <cstdio>

namespace xlb {

std::string human(double v) {
  const char* suffix = "";
  double a = std::abs(v);
  if (a >= 1e9) v /= 1e9, suffix = "G";
  else if (a >= 1e6) v /= 1e6, suffix = "M";
  else if (a >= 1e4) v /= 1e3, suffix = "k";
  char buf[32];
  if (std::abs(v) >= 100) std::snprintf(buf, sizeof buf, "%.0f%s", v, suffix);
  else if (std::abs(v) >= 10) std::snprintf(buf, sizeof buf, "%.1f%s", v, suffix);
  else std::snprintf(buf, sizeof buf, "%.2f%s", v, suffix);
  return buf;
}

std::string with_interval(double value, const stats::Interval& ci) {
  return human(value) + " [" + human(ci.low) + ", " + human(ci.high) + "]";
}

std::string fixed(double value, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string ratio_text(double ratio, const stats::Interval& ci) {
  return fixed(ratio, 2) + "x [" + fixed(ci.low, 2) + ", " + fixed(ci.high, 2) + "]";
}

std::string p_value_text(double p) {
  if (std::isnan(p)) return "counted";  // deterministic metric, no test
  if (p < 0.0001) return "p<0.0001";
  return "p=" + fixed(p, 4);
}

std::string latency_text(double ns) {
  if (ns < 1e6) return fixed(ns / 1e3, ns < 1e5 ? 1 : 0) + " us";
  if (ns < 1e9) return fixed(ns / 1e6, ns < 1e8 ? 2 : 0) + " ms";
  return fixed(ns / 1e9, 2) + " s";
}

std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace xlb
