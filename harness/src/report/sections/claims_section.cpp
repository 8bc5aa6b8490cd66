// Claims: the verdict of every testable claim of the run's claims file, with
// claimed vs measured ratio; a chart of the claimed band against the measured
// 95% CI (log axis); the untestable claims with their reasons, folded away.
#include <algorithm>
#include <cmath>
#include <map>

#include "core/format.hpp"
#include "report/model/chart_spec.hpp"
#include "report/sections/claim_text.hpp"
#include "report/sections/kind_sections.hpp"

namespace xlb::report {
namespace {

std::string color_of(VerdictKind k) {
  switch (k) {
    case VerdictKind::supported: return "#15803d";
    case VerdictKind::contradicted: return "#b91c1c";
    case VerdictKind::inconclusive: return "#b45309";
    default: return "#6b7280";
  }
}

std::vector<Chart> band_chart(const std::vector<Verdict>& verdicts) {
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
  if (labels.empty()) return {};
  return {{{{"type", "bar"},
            {"legend", true},
            {"labels", labels},
            {"x", number_axis("ratio a / b in the claim's direction, > 1: a is better (log scale)", true)},
            {"y", category_axis("claim")},
            {"datasets",
             {{{"label", "measured 95% CI (colour = verdict)"}, {"role", "ci"}, {"width", 0.45}, {"colors", colors},
               {"tips", measured_tips}, {"data", measured}},
              {{"label", "claimed band, with tolerance"}, {"overlay", true}, {"color", "#d1d5db"}, {"tips", band_tips},
               {"data", bands}}}}},
           90 + 34 * static_cast<int>(labels.size()), "Claims: claimed band against the measured ratio",
           "grey = the claimed ratio widened by the tolerance; dark bar = the measured 95% CI, green inside the band "
           "(supported), red outside (contradicted), amber across an edge (inconclusive)"}};
}

}  // namespace

Section claims_section(const ReportContext& ctx) {
  Section s{"workload-claims", "Claims", "claims", {}, {}};
  const auto& claims = ctx.claims;
  if (!claims.error.empty()) {
    s.paragraph("Claims not evaluated: " + claims.error, Tone::warning);
    return s;
  }
  std::vector<Verdict> tested, untestable;
  std::map<std::string, int> counts;
  for (const auto& v : claims.verdicts) {
    (v.kind == VerdictKind::untestable ? untestable : tested).push_back(v);
    ++counts[to_string(v.kind)];
  }
  const auto& all = claims.verdicts;
  s.paragraph("Claims from the articles (" + claims.file.string() + "), judged against this run on " +
                  (all.empty() || all.front().cpu_model.empty() ? std::string("an unknown CPU") : all.front().cpu_model) +
                  ". A claimed ratio R stands for the band [R / " + fixed(1 + kClaimTolerance, 2) + ", R x " +
                  fixed(1 + kClaimTolerance, 2) +
                  "] (hardware differs; a bound of exactly 1 is not widened). supported: the measured 95% CI lies inside the band; contradicted: entirely "
                  "outside it; inconclusive: across an edge; not measured: this run lacks the rows; untestable: no "
                  "benchmark can settle it. See docs/claims.md.",
              Tone::muted);
  std::string count_text;
  for (const auto& [kind, n] : counts) count_text += (count_text.empty() ? "" : ", ") + kind + ": " + std::to_string(n);
  s.paragraph(count_text.empty() ? "No claims in the file." : count_text);
  s.charts(band_chart(tested));
  Table t("", {"verdict", "claim (article)", "what the article says", "test", "claimed", "band with tolerance",
               "measured [95% CI]", "detail"});
  for (const auto& v : tested) {
    std::string detail = v.detail;
    if (!v.note.empty()) detail += (detail.empty() ? "" : "; ") + v.note;
    t.add({to_string(v.kind), v.id + " (" + v.article + ")", v.claim, v.test ? claim_test_text(*v.test) : "-",
           v.test ? claimed_text(*v.test) : "-", v.test ? band_text(tolerance_band(*v.test)) : "-", measured_text(v),
           detail},
          verdict_tag(v.kind));
  }
  t.detail = true;  // the console shows the findings' summary of the verdicts
  s.table(std::move(t));
  if (!untestable.empty()) {
    Table u("claims no benchmark here can test", {"verdict", "claim (article)", "what the article says", "why untestable"});
    u.folded = std::to_string(untestable.size()) + " claims no benchmark here can test, with the reason";
    for (const auto& v : untestable)
      u.add({to_string(v.kind), v.id + " (" + v.article + ")", v.claim, v.detail}, verdict_tag(v.kind));
    s.table(std::move(u));
  }
  return s;
}

}  // namespace xlb::report
