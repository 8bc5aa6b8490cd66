#include "analysis/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "model/metrics.hpp"

namespace xlb {
namespace {

const Measurement* fastest(const std::vector<const Measurement*>& ms, const std::string& language) {
  const Measurement* best = nullptr;
  double best_median = -1;
  for (const auto* m : ms) {
    if (m->language != language || m->status != "ok" || m->samples.empty()) continue;
    double med = stats::median(metric("ops_per_s").series(*m));
    if (med > best_median) best = m, best_median = med;
  }
  return best;
}

const Measurement* find(const std::vector<const Measurement*>& ms, const std::string& language,
                        const std::string& variant) {
  for (const auto* m : ms)
    if (m->language == language && m->variant == variant && m->status == "ok" && !m->samples.empty()) return m;
  return nullptr;
}

}  // namespace

std::string verdict_text(const stats::Comparison& cmp, double threshold) {
  const double r = cmp.ratio.ratio;
  if (!cmp.significant || std::abs(r - 1.0) < threshold) return "no clear difference";
  char buf[64];
  if (r >= 1.0) {
    std::snprintf(buf, sizeof buf, "Rust %.2fx faster", r);
  } else {
    std::snprintf(buf, sizeof buf, "Go %.2fx faster", 1.0 / r);
  }
  return buf;
}

std::optional<double> bytes_per_task(const ResultsDoc& doc, const Measurement& m) {
  const auto tasks = m.params.value("tasks", std::int64_t{0});
  if (tasks <= 0 || m.status != "ok") return std::nullopt;
  for (const auto& base : doc.measurements) {
    if (base.workload != m.workload || base.mode != m.mode || base.variant_id() != m.variant_id() ||
        base.status != "ok" || base.params.value("tasks", std::int64_t{-1}) != 0)
      continue;
    return (median_peak_rss_kb(m) - median_peak_rss_kb(base)) * 1024.0 / static_cast<double>(tasks);
  }
  return std::nullopt;
}

std::vector<std::vector<const Measurement*>> cells_of(const ResultsDoc& doc) {
  std::vector<std::vector<const Measurement*>> cells;
  std::map<std::string, size_t> index;
  for (const auto& m : doc.measurements) {
    auto [it, fresh] = index.emplace(m.cell(), cells.size());
    if (fresh) cells.emplace_back();
    cells[it->second].push_back(&m);
  }
  return cells;
}

std::vector<LanguageComparison> compare_languages(const ResultsDoc& doc, double threshold) {
  // Baseline variants come from the plan's record of the manifests.
  const auto baselines = doc.plan.value("baselines", nlohmann::json::object());
  std::vector<LanguageComparison> out;
  for (const auto& cell : cells_of(doc)) {
    const auto& first = *cell.front();
    std::vector<std::pair<std::string, std::pair<const Measurement*, const Measurement*>>> pairs;
    if (baselines.contains(first.workload)) {
      const auto& b = baselines[first.workload];
      pairs.push_back({"baseline", {find(cell, "rust", b.value("rust", "")), find(cell, "go", b.value("go", ""))}});
    }
    pairs.push_back({"fastest", {fastest(cell, "rust"), fastest(cell, "go")}});
    for (const auto& [basis, pair] : pairs) {
      if (!pair.first || !pair.second) continue;
      if (basis == "fastest" && !out.empty() && out.back().basis == "baseline" && out.back().rust == pair.first &&
          out.back().go == pair.second)
        continue;  // the baseline pair is also the fastest pair: say it once
      LanguageComparison c{first.workload, first.mode, first.input, basis, pair.first, pair.second, {}, {}};
      const auto& ops = metric("ops_per_s");
      c.cmp = stats::compare_samples(ops.series(*pair.first), ops.series(*pair.second));
      c.verdict = verdict_text(c.cmp, threshold);
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace xlb
