// report.html, claims: the verdict of every testable claim of
// workloads/claims.json against this run, coloured by verdict, with claimed
// vs measured ratio; a chart of the claimed band against the measured 95% CI
// (log axis); the untestable claims with their reasons, folded away.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "analysis/claims.hpp"
#include "core/format.hpp"
#include "report/report_html_charts.hpp"

namespace xlb::html {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

std::string claimed_text(const ClaimTest& t) {
  if (t.point()) return number(t.low) + "x";
  if (std::isinf(t.high)) return ">= " + number(t.low) + "x";
  if (t.low == 0) return "<= " + number(t.high) + "x";
  return number(t.low) + "x to " + number(t.high) + "x";
}

std::string band_text(const Band& b) {
  return number(b.low) + "x to " + (std::isinf(b.high) ? std::string("inf") : number(b.high) + "x");
}

std::string measured_text(const Verdict& v) {
  if (!v.measured) return "-";
  if (!v.ci) return number(*v.measured) + "x (one figure, no CI)";
  return number(*v.measured) + "x [" + number(v.ci->low) + ", " + number(v.ci->high) + "]";
}

std::string css_of(VerdictKind k) {
  switch (k) {
    case VerdictKind::supported: return "v-supported";
    case VerdictKind::contradicted: return "v-contradicted";
    case VerdictKind::inconclusive: return "v-inconclusive";
    case VerdictKind::not_measured: return "v-not-measured";
    case VerdictKind::untestable: return "v-untestable";
  }
  return "";
}

std::string color_of(VerdictKind k) {
  switch (k) {
    case VerdictKind::supported: return "#15803d";
    case VerdictKind::contradicted: return "#b91c1c";
    case VerdictKind::inconclusive: return "#b45309";
    default: return "#6b7280";
  }
}

void write_chart(Page& page, const std::vector<Verdict>& verdicts) {
  json labels = json::array(), bands = json::array(), measured = json::array(), colors = json::array(),
       band_tips = json::array(), measured_tips = json::array();
  double top = 1;
  for (const auto& v : verdicts)
    if (v.measured && v.test) top = std::max({top, *v.measured, v.ci ? v.ci->high : 0.0, tolerance_band(*v.test).low});
  for (const auto& v : verdicts) {
    if (!v.measured || !v.test) continue;
    const auto band = tolerance_band(*v.test);
    // An open band ("at least R") is drawn to twice the largest figure on the chart.
    const double high = std::isinf(band.high) ? top * 2 : band.high;
    labels.push_back(v.id);
    bands.push_back({log_value(std::max(band.low, 1e-3)), log_value(high)});
    band_tips.push_back("claimed " + claimed_text(*v.test) + ", band with tolerance " + band_text(band));
    // At least +-3% around the figure, so a narrow interval (or a figure without one) stays visible.
    const double lo = std::min(v.ci ? v.ci->low : *v.measured, *v.measured / 1.03);
    const double hi = std::max(v.ci ? v.ci->high : *v.measured, *v.measured * 1.03);
    measured.push_back({log_value(lo), log_value(hi)});
    measured_tips.push_back("measured " + measured_text(v) + ": " + to_string(v.kind));
    colors.push_back(color_of(v.kind));
  }
  if (labels.empty()) return;
  page.chart({{"type", "bar"},
              {"legend", true},
              {"labels", labels},
              {"x", number_axis("ratio a / b in the claim's direction, > 1: a is better (log scale)", true)},
              {"y", category_axis("claim")},
              {"datasets",
               {{{"label", "measured 95% CI (colour = verdict)"}, {"role", "ci"}, {"width", 0.45}, {"colors", colors},
                 {"tips", measured_tips}, {"data", measured}},
                {{"label", "claimed band, with tolerance"}, {"overlay", true}, {"color", "#d1d5db"},
                 {"tips", band_tips}, {"data", bands}}}}},
             90 + 34 * static_cast<int>(labels.size()), "Claims: claimed band against the measured ratio",
             "grey = the claimed ratio widened by the tolerance; dark bar = the measured 95% CI, green inside the "
             "band (supported), red outside (contradicted), amber across an edge (inconclusive)");
}

}  // namespace

void write_claims_html(Page& page) {
  auto& out = page.out();
  out << "<section class=\"workload\" id=\"workload-claims\" data-kind=\"claims\">\n<h2>Claims</h2>\n";
  if (!page.claims().error.empty()) {
    out << "<p class=\"note\">Claims not evaluated: " << esc(page.claims().error) << "</p>\n</section>\n";
    return;
  }
  const auto& all = page.claims().verdicts;
  std::vector<Verdict> tested, untestable;
  std::map<std::string, int> counts;
  for (const auto& v : all) {
    (v.kind == VerdictKind::untestable ? untestable : tested).push_back(v);
    ++counts[to_string(v.kind)];
  }
  out << "<p>Claims from the articles (<code>" << esc(page.claims().file.string()) << "</code>), judged against this run on "
      << esc(all.empty() || all.front().cpu_model.empty() ? std::string("an unknown CPU") : all.front().cpu_model)
      << ". A claimed ratio R stands for the band [R / " << number(1 + kClaimTolerance) << ", R x "
      << number(1 + kClaimTolerance)
      << "] (hardware differs; a bound of exactly 1 is not widened). <span class=\"badge v-supported\">supported"
         "</span> the measured 95% CI lies inside the band, <span class=\"badge v-contradicted\">contradicted</span> "
         "entirely outside it, <span class=\"badge v-inconclusive\">inconclusive</span> across an edge, "
         "<span class=\"badge v-not-measured\">not measured</span> this run lacks the rows, "
         "<span class=\"badge v-untestable\">untestable</span> no benchmark can settle it. See docs/claims.md.</p>\n"
      << "<p>";
  for (const auto& [kind, n] : counts) out << esc(kind) << ": <strong>" << n << "</strong> &nbsp; ";
  out << "</p>\n";

  write_chart(page, tested);
  Table t({"verdict", "claim (article)", "what the article says", "test", "claimed", "band with tolerance",
           "measured [95% CI]", "detail"},
          "", "claims");
  for (const auto& v : tested) {
    std::string detail = v.detail;
    if (!v.note.empty()) detail += (detail.empty() ? "" : "; ") + v.note;
    t.add({to_string(v.kind), v.id + " (" + v.article + ")", v.claim,
           v.test ? claim_test_text(*v.test) : "-",
           v.test ? claimed_text(*v.test) : "-", v.test ? band_text(tolerance_band(*v.test)) : "-", measured_text(v),
           detail},
          css_of(v.kind));
  }
  write_table(out, t);

  if (!untestable.empty()) {
    out << "<details><summary>" << untestable.size()
        << " claims no benchmark here can test, with the reason</summary>\n";
    Table u({"verdict", "claim (article)", "what the article says", "why untestable"}, "", "claims");
    for (const auto& v : untestable)
      u.add({to_string(v.kind), v.id + " (" + v.article + ")", v.claim, v.detail}, css_of(v.kind));
    write_table(out, u);
    out << "</details>\n";
  }
  out << "</section>\n";
}

}  // namespace xlb::html
