// Findings, first in every format: who is faster at what and by how much (one
// row per workload and basis), the build times, what the articles' claims
// came to, and the warnings that change how to read the numbers.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "analysis/http_summary.hpp"
#include "core/format.hpp"
#include "model/metrics.hpp"
#include "kinds/server/server_rows.hpp"
#include "report/sections/cell_text.hpp"
#include "report/sections/claim_text.hpp"
#include "report/sections/kind_sections.hpp"

namespace xlb::report {
namespace {

// One Rust/Go comparison, whatever produced it; ratio > 1: Rust better.
struct Pair {
  std::string workload, what, basis, verdict;
  double ratio;
  stats::Interval ci;
};

std::vector<Pair> pairs_of(const ReportContext& ctx) {
  std::vector<Pair> pairs;
  std::map<std::string, std::set<std::string>> load_modes;  // workload -> modes measured under load
  for (const auto& c : ctx.comparisons) {
    if (phase_figures(*c.rust)) {
      load_modes[c.workload].insert(c.mode);  // per-phase ratios: summarised by the maximum below
      continue;
    }
    const std::string what = c.mode == kLifecycleMode ? "start-up" : c.mode + " / " + c.input;
    pairs.push_back({c.workload, what, c.basis, c.verdict, c.cmp.ratio.ratio, c.cmp.ratio.ci});
  }
  for (const auto& [workload, modes] : load_modes)
    for (const auto& mode : modes)
      for (const auto& c : max_comparisons(ctx.doc, workload, mode, ctx.threshold))
        pairs.push_back({workload, mode + " max req/s", c.basis, c.verdict, c.cmp.ratio.ratio, c.cmp.ratio.ci});
  return pairs;
}

Table ratios_table(const ReportContext& ctx) {
  Table t("Rust / Go per workload (> 1: Rust better; speed for timed workloads, req/s for servers)",
          {"workload", "basis", "cells", "Rust faster", "Go faster", "no clear difference", "range of ratios",
           "largest difference [95% CI]"});
  std::vector<std::pair<std::string, std::string>> order;  // (workload, basis)
  std::map<std::pair<std::string, std::string>, std::vector<Pair>> groups;
  for (auto& p : pairs_of(ctx)) {
    const auto key = std::make_pair(p.workload, p.basis);
    if (!groups.contains(key)) order.push_back(key);
    groups[key].push_back(std::move(p));
  }
  for (const auto& key : order) {
    const auto& g = groups[key];
    int rust = 0, go = 0, same = 0;
    for (const auto& p : g) (p.verdict.rfind("Rust", 0) == 0 ? rust : p.verdict.rfind("Go", 0) == 0 ? go : same)++;
    const auto [lo, hi] = std::minmax_element(g.begin(), g.end(), [](const Pair& a, const Pair& b) { return a.ratio < b.ratio; });
    const auto& strongest = *std::max_element(g.begin(), g.end(), [](const Pair& a, const Pair& b) {
      return std::abs(std::log(a.ratio)) < std::abs(std::log(b.ratio));
    });
    t.add({key.first, key.second, std::to_string(g.size()), std::to_string(rust), std::to_string(go),
           std::to_string(same), g.size() == 1 ? fixed(lo->ratio, 2) + "x" : fixed(lo->ratio, 2) + "x to " + fixed(hi->ratio, 2) + "x",
           strongest.what + ": " + ratio_text(strongest.ratio, strongest.ci)});
  }
  return t;
}

Table claims_table(const ClaimsOutcome& claims) {
  Table t("Article claims with a verdict", {"verdict", "claim", "claimed", "measured [95% CI]", "test"});
  for (const auto& v : claims.verdicts) {
    if (v.kind != VerdictKind::supported && v.kind != VerdictKind::contradicted && v.kind != VerdictKind::inconclusive)
      continue;
    t.add({to_string(v.kind), v.id, v.test ? claimed_text(*v.test) : "-", measured_text(v),
           v.test ? claim_test_text(*v.test) : "-"},
          verdict_tag(v.kind));
  }
  std::stable_sort(t.rows.begin(), t.rows.end(), [](const Row& a, const Row& b) { return a.cells[0] < b.cells[0]; });
  return t;
}

std::string claims_counts(const ClaimsOutcome& claims) {
  std::map<std::string, int> counts;
  for (const auto& v : claims.verdicts) ++counts[to_string(v.kind)];
  std::string text;
  for (const auto& [kind, n] : counts) text += (text.empty() ? "" : ", ") + kind + " " + std::to_string(n);
  return text;
}

// Servers whose CPU was not saturated at their maximum: the load generator or the machine set it.
void warn_unsaturated(const ReportContext& ctx, Section& s) {
  const int threads = std::max(1, ctx.doc.plan.value("threads", 1));
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& m : ctx.doc.measurements) {
    if (!phase_figures(m) || !seen.insert(m.workload + "/" + m.mode + "/" + m.variant_id()).second) continue;
    const auto* best = best_closed_row(ctx.doc, m.workload, m.language, m.variant, m.mode);
    if (!best) continue;
    const auto f = phase_figures(*best);
    if (f && f->cpu_utilization < 0.9 * threads)
      names.push_back(m.workload + "/" + m.mode + " " + m.variant_id() + " (" + fixed(f->cpu_utilization * 100, 0) + "%)");
  }
  if (!names.empty())
    s.paragraph("Unsaturated servers: at their maximum these servers used less than 90% of their " +
                    std::to_string(threads) + " thread(s) of CPU: " + list_text(names, 6) +
                    ". The load generator, a database or the machine set those maxima, so their req/s ratios "
                    "understate the difference between the servers.",
                Tone::warning);
}

void warn_shared_cores(const ReportContext& ctx, Section& s) {
  const auto& plan = ctx.doc.plan;
  std::set<int> variant, others;
  for (const auto& c : plan.value("variant_cpus", json::array()))
    if (c.is_number_integer()) variant.insert(c.get<int>());
  for (const char* key : {"harness_cpus", "loadgen_cpus"})
    for (const auto& c : plan.value(key, json::array()))
      if (c.is_number_integer()) others.insert(c.get<int>());
  std::vector<int> shared;
  std::set_intersection(variant.begin(), variant.end(), others.begin(), others.end(), std::back_inserter(shared));
  const int cpus = ctx.doc.environment.value("logical_cpus", 0);
  if (!shared.empty())
    s.paragraph("Shared cores: the variants ran on CPUs the harness or load generator also used; timings include "
                "their interference.",
                Tone::warning);
  else if (cpus > 0 && cpus <= 2)
    s.paragraph("Small machine: " + std::to_string(cpus) +
                    " logical CPUs, so one core runs the variant and one the harness and load generator; multi-core "
                    "scaling claims cannot be tested here.",
                Tone::warning);
}

// Measurements whose samples vary by more than 10%: their intervals are wide and their verdicts fragile.
void warn_noise(const ReportContext& ctx, Section& s) {
  std::vector<std::string> noisy;
  size_t sampled = 0;
  for (const auto& m : ctx.doc.measurements) {
    if (m.status != "ok" || m.samples.size() < 3) continue;
    ++sampled;
    const auto sum = stats::summarize(metric("ops_per_s").series(m));
    if (sum.cv > 0.10) noisy.push_back(m.cell() + " " + m.variant_id() + " (CV " + fixed(sum.cv * 100, 0) + "%)");
  }
  if (!noisy.empty())
    s.paragraph("Noise: " + std::to_string(noisy.size()) + " of " + std::to_string(sampled) + " measurements vary by more than 10% between samples: " +
                    list_text(noisy, 4) + ". Their intervals are wide; re-run with the full plan or a quieter machine "
                    "before trusting a close verdict.",
                Tone::warning);
}

}  // namespace

Section findings_section(const ReportContext& ctx) {
  Section s{"findings", "Findings", "findings", {}, {}};
  if (auto t = ratios_table(ctx); !t.rows.empty()) s.table(std::move(t));
  else s.paragraph("No Rust/Go pair was measured on both sides: nothing to compare.");
  if (auto t = build_time_findings(ctx); !t.rows.empty()) s.table(std::move(t));
  if (!ctx.claims.error.empty()) {
    s.paragraph("Claims not evaluated: " + ctx.claims.error, Tone::warning);
  } else if (!ctx.claims.verdicts.empty()) {
    s.paragraph("Article claims (" + ctx.claims.file.filename().string() + "): " + claims_counts(ctx.claims) + ".");
    if (auto t = claims_table(ctx.claims); !t.rows.empty()) s.table(std::move(t));
  }
  const auto problems = std::count_if(ctx.doc.measurements.begin(), ctx.doc.measurements.end(),
                                      [](const Measurement& m) { return m.status != "ok"; });
  if (problems > 0)
    s.paragraph(std::to_string(problems) + " measurement(s) invalid or failed; they are listed under Run and never "
                "compared.",
                Tone::warning);
  warn_unsaturated(ctx, s);
  warn_shared_cores(ctx, s);
  warn_noise(ctx, s);
  return s;
}

}  // namespace xlb::report
