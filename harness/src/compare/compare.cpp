#include "compare/compare.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/format.hpp"
#include "model/malloc_policy.hpp"
#include "model/metrics.hpp"

namespace xlb {
namespace {

using nlohmann::json;

constexpr const char* kRssMetric = "peak_rss_kb";
// Counted, not timed (run --instructions): one value per side, judged by the threshold alone.
constexpr const char* kInstructionsMetric = "instructions_per_op";

std::string key_of(const std::string& workload, const std::string& mode, const std::string& input,
                   const std::string& language, const std::string& variant) {
  return workload + "/" + mode + "/" + input + " " + language + "/" + variant;
}

std::string key_of(const Measurement& m) { return key_of(m.workload, m.mode, m.input, m.language, m.variant); }

std::string percent(double fraction, int decimals = 1) {
  return fixed(fraction * 100, decimals) + "%";
}

std::string signed_percent(double fraction) { return (fraction >= 0 ? "+" : "") + percent(fraction); }

// The values of one metric of one measurement: one per sample, or one per process run for peak RSS.
std::vector<double> values_of(const Measurement& m, const std::string& metric) { return xlb::metric(metric).series(m); }

// Per-sample values split by the process run that measured them (sample_groups gives the sizes).
std::vector<std::vector<double>> by_run(const Measurement& m, const std::vector<double>& values) {
  std::vector<std::vector<double>> out;
  auto at = values.begin();
  for (const auto size : sample_groups(m)) {
    const auto end = at + static_cast<std::ptrdiff_t>(size);
    out.emplace_back(at, end);
    at = end;
  }
  return out;
}

struct MetricInfo {
  std::string name, unit;
  bool higher_is_better;
};

std::vector<MetricInfo> metric_infos() {
  std::vector<MetricInfo> out;
  for (const auto* d : compared_metrics()) out.push_back({d->name, d->unit, d->higher_is_better});
  return out;
}

std::map<std::string, const Measurement*> index_of(const ResultsDoc& doc, const std::string& side) {
  std::map<std::string, const Measurement*> out;
  for (const auto& m : doc.measurements)
    if (!out.emplace(key_of(m), &m).second)
      throw InputError(side + " run '" + doc.run_id + "': measurement " + key_of(m) + " appears twice");
  return out;
}

std::string json_text(const json& j) {
  if (j.is_null()) return "(absent)";
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

void diff_environment(const std::string& label, const json& a, const json& b, std::vector<std::string>& warnings) {
  if (a.is_object() && b.is_object()) {
    std::set<std::string> keys;
    for (const auto& [k, v] : a.items()) keys.insert(k);
    for (const auto& [k, v] : b.items()) keys.insert(k);
    for (const auto& k : keys)
      diff_environment(label + "." + k, a.contains(k) ? a[k] : json(), b.contains(k) ? b[k] : json(), warnings);
    return;
  }
  if (a != b)
    warnings.push_back("environments differ: " + label + " is '" + json_text(a) + "' in the baseline, '" +
                       json_text(b) + "' in the current run");
}

json field_or_null(const json& obj, const char* field) {
  return obj.is_object() && obj.contains(field) ? obj[field] : json();
}

MetricComparison compare_metric(const MetricInfo& info, const Measurement& base_m, const Measurement& cur_m,
                                const std::vector<double>& base, const std::vector<double>& cur,
                                const CompareOptions& opts) {
  MetricComparison mc;
  mc.metric = info.name;
  mc.unit = info.unit;
  mc.higher_is_better = info.higher_is_better;
  mc.gating = info.name == opts.primary || info.name == kRssMetric;
  mc.n_base = base.size();
  mc.n_cur = cur.size();
  mc.threshold = opts.threshold_for(info.name);
  if (info.name == kInstructionsMetric) {
    // Deterministic up to a fraction of a percent: no sampling distribution to test.
    mc.base_median = base.front();
    mc.cur_median = cur.front();
    mc.ratio = mc.cur_median / mc.base_median;
    mc.ratio_ci = {mc.ratio, mc.ratio};
    mc.ci_method = "none";
    mc.change = mc.ratio - 1.0;
    mc.p_value = std::nan("");
    if (std::abs(mc.change) >= mc.threshold - 1e-12) mc.verdict = mc.change > 0 ? "regressed" : "improved";
    return mc;
  }
  mc.base_median = stats::median(base);
  mc.cur_median = stats::median(cur);
  const auto u = stats::mann_whitney_u(cur, base);
  mc.p_value = u.p_value;
  mc.exact = u.exact;
  mc.base_cv = stats::cv(base);
  mc.cur_cv = stats::cv(cur);
  mc.enough_samples = base.size() >= kCompareMinSamples && cur.size() >= kCompareMinSamples;
  bool significant = false;
  if (info.name == kRssMetric) {
    // One value per process run: already independent, so the U test on them is sound and decides.
    const auto ratio = stats::ratio_of_medians(cur, base, 1.0 - opts.alpha, opts.resamples, opts.seed);
    mc.ratio = ratio.ratio;
    mc.ratio_ci = ratio.ci;
    mc.ci_method = "bootstrap";
    mc.runs_base = base.size();
    mc.runs_cur = cur.size();
    significant = mc.p_value < opts.alpha;
  } else {
    // Samples of one process run share its memory layout, CPU frequency and neighbours: the process
    // run is the unit of replication, so the interval resamples runs, then samples within them.
    const auto base_runs = by_run(base_m, base);
    const auto cur_runs = by_run(cur_m, cur);
    const auto ratio =
        stats::ratio_of_medians_clustered(cur_runs, base_runs, 1.0 - opts.alpha, opts.resamples, opts.seed);
    mc.ratio = ratio.ratio;
    mc.ratio_ci = ratio.ci;
    mc.ci_method = "cluster";
    mc.ci_df = ratio.df;
    mc.runs_base = base_runs.size();
    mc.runs_cur = cur_runs.size();
    significant = ratio.ratio < 1 ? ratio.ci.high < 1.0 : ratio.ci.low > 1.0;
  }
  mc.change = mc.ratio - 1.0;
  // The threshold is compared with a little slack so "exactly 5%" counts at a 5% threshold.
  if (mc.enough_samples && significant && std::abs(mc.change) >= mc.threshold - 1e-12) {
    const bool worse = info.higher_is_better ? mc.change < 0 : mc.change > 0;
    mc.verdict = worse ? "regressed" : "improved";
  }
  return mc;
}

void validate(const CompareOptions& opts) {
  if (!(opts.alpha > 0 && opts.alpha < 1))
    throw InputError("alpha must be in (0, 1), got " + std::to_string(opts.alpha));
  if (!(opts.threshold >= 0 && std::isfinite(opts.threshold)))
    throw InputError("threshold must be >= 0, got " + std::to_string(opts.threshold));
  for (const auto& [name, t] : opts.thresholds)
    if (!(t >= 0 && std::isfinite(t)))
      throw InputError("threshold of " + name + " must be >= 0, got " + std::to_string(t));
  if (opts.primary == kRssMetric) throw InputError("the primary metric must be a sample metric");
  try {
    xlb::metric(opts.primary);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("primary metric: ") + e.what());
  }
  if (opts.resamples < 2) throw InputError("resamples must be >= 2");
}

}  // namespace

double CompareOptions::threshold_for(const std::string& metric) const {
  auto it = thresholds.find(metric);
  return it == thresholds.end() ? threshold : it->second;
}

std::vector<std::string> compare_metric_names() {
  std::vector<std::string> out;
  for (const auto& info : metric_infos()) out.push_back(info.name);
  return out;
}

void apply_compare_config(const json& config, const std::string& source, CompareOptions& opts) {
  auto fail = [&](const std::string& field, const std::string& what) {
    throw InputError(source + ": " + field + ": " + what);
  };
  if (!config.is_object()) throw InputError(source + ": the config must be a JSON object");
  for (const auto& [k, v] : config.items())
    if (k != "alpha" && k != "thresholds") fail(k, "unknown field (known: alpha, thresholds)");
  if (config.contains("alpha")) {
    const auto& a = config["alpha"];
    if (!a.is_number() || !(a.get<double>() > 0 && a.get<double>() < 1))
      fail("alpha", "must be a number in (0, 1), got " + a.dump());
    opts.alpha = a.get<double>();
  }
  if (config.contains("thresholds")) {
    const auto& t = config["thresholds"];
    if (!t.is_object()) fail("thresholds", "must be an object {metric: fraction}, got " + std::string(t.type_name()));
    const auto known = compare_metric_names();
    std::string known_text;
    for (const auto& n : known) known_text += (known_text.empty() ? "" : ", ") + n;
    for (const auto& [name, v] : t.items()) {
      if (std::find(known.begin(), known.end(), name) == known.end())
        fail("thresholds." + name, "unknown metric (known: " + known_text + ")");
      if (!v.is_number() || !(v.get<double>() >= 0 && v.get<double>() <= 10))
        fail("thresholds." + name, "must be a fraction between 0 and 10 (0.05 = 5%), got " + v.dump());
      opts.thresholds[name] = v.get<double>();
    }
  }
}

void load_compare_config(const std::filesystem::path& path, CompareOptions& opts) {
  std::ifstream in(path);
  if (!in) throw InputError(path.string() + ": cannot open config file");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number too large
    throw InputError(path.string() + ": not valid JSON: " + e.what());
  }
  apply_compare_config(j, path.string(), opts);
}

std::string MeasurementComparison::key() const { return key_of(workload, mode, input, language, variant); }

const MetricComparison* MeasurementComparison::find(const std::string& metric) const {
  for (const auto& m : metrics)
    if (m.metric == metric) return &m;
  return nullptr;
}

std::string Uncompared::key() const { return key_of(workload, mode, input, language, variant); }

Comparison compare_runs(const ResultsDoc& base, const ResultsDoc& cur, const CompareOptions& opts) {
  validate(opts);
  Comparison c;
  c.base_run = base.run_id;
  c.cur_run = cur.run_id;
  c.options = opts;

  for (const auto& [doc, side] : {std::pair{&base, "baseline"}, std::pair{&cur, "current"}})
    if (doc->status != "complete")
      c.warnings.push_back(std::string(side) + " run '" + doc->run_id + "' has status '" + doc->status +
                           "' (not complete)");
  diff_environment("cpu_model", field_or_null(base.environment, "cpu_model"),
                   field_or_null(cur.environment, "cpu_model"), c.warnings);
  diff_environment("toolchains", field_or_null(base.environment, "toolchains"),
                   field_or_null(cur.environment, "toolchains"), c.warnings);
  diff_environment("build_flags", field_or_null(base.environment, "build_flags"),
                   field_or_null(cur.environment, "build_flags"), c.warnings);
  diff_environment("plan.name", field_or_null(base.plan, "name"), field_or_null(cur.plan, "name"), c.warnings);
  // Rust batch throughput moves with the allocator state.
  diff_environment("plan.rust_malloc", recorded_rust_malloc(base.plan), recorded_rust_malloc(cur.plan), c.warnings);

  const auto base_index = index_of(base, "baseline");
  const auto cur_index = index_of(cur, "current");
  const auto infos = metric_infos();
  std::vector<std::string> rss_unjudged;
  std::vector<std::string> one_run, unattributed;  // rows judged without run-to-run noise

  auto uncompared = [&](const Measurement& m, const std::string& status, const std::string& reason) {
    c.uncompared.push_back({m.workload, m.mode, m.input, m.language, m.variant, status, reason});
  };

  for (const auto& b : base.measurements) {
    const auto key = key_of(b);
    auto it = cur_index.find(key);
    if (it == cur_index.end()) {
      uncompared(b, "missing", "not in the current run");
      continue;
    }
    const Measurement& m = *it->second;
    if (b.status != "ok" || m.status != "ok") {
      std::string reason;
      if (b.status != "ok") reason += "baseline " + b.status + (b.reason.empty() ? "" : ": " + b.reason);
      if (m.status != "ok")
        reason += (reason.empty() ? "" : "; ") + std::string("current ") + m.status +
                  (m.reason.empty() ? "" : ": " + m.reason);
      uncompared(b, "not comparable", reason);
      continue;
    }
    if (b.samples.empty() || m.samples.empty()) {
      uncompared(b, "not comparable", std::string("no samples in the ") + (b.samples.empty() ? "baseline" : "current run"));
      continue;
    }
    MeasurementComparison row{b.workload, b.mode, b.input, b.language, b.variant, {}, "~"};
    for (const auto& info : infos) {
      const auto bv = values_of(b, info.name);
      const auto cv = values_of(m, info.name);
      if (bv.empty() || cv.empty()) continue;
      row.metrics.push_back(compare_metric(info, b, m, bv, cv, opts));
      const auto& mc = row.metrics.back();
      if (info.name == opts.primary) {
        if (!mc.enough_samples)
          c.warnings.push_back(key + ": only " + std::to_string(mc.n_base) + " vs " + std::to_string(mc.n_cur) +
                               " samples; with fewer than " + std::to_string(kCompareMinSamples) +
                               " per side a resampled interval says little, so no verdict is given");
        else if (b.runs.empty() || m.runs.empty())
          unattributed.push_back(key);
        else if (mc.runs_base < 2 || mc.runs_cur < 2)
          one_run.push_back(key + " (" + std::to_string(mc.runs_base) + " vs " + std::to_string(mc.runs_cur) +
                            " runs)");
        for (const auto& [cv_value, side] : {std::pair{mc.base_cv, "baseline"}, std::pair{mc.cur_cv, "current"}})
          if (cv_value > kCompareMaxCv)
            c.warnings.push_back(key + ": " + info.name + " CV " + percent(cv_value) + " in the " + side +
                                 " run (> " + percent(kCompareMaxCv, 0) + "): noisy measurement");
      }
      if (info.name == kRssMetric && !mc.enough_samples && std::abs(mc.change) >= mc.threshold)
        rss_unjudged.push_back(key + " (" + signed_percent(mc.change) + ", " + std::to_string(mc.n_base) + " vs " +
                               std::to_string(mc.n_cur) + " runs)");
    }
    for (const auto& mc : row.metrics) {
      if (!mc.gating) continue;
      if (mc.verdict == "regressed") ++c.regressions, row.verdict = "regressed";
      if (mc.verdict == "improved") {
        ++c.improvements;
        if (row.verdict == "~") row.verdict = "improved";
      }
    }
    c.rows.push_back(std::move(row));
  }
  for (const auto& m : cur.measurements)
    if (!base_index.count(key_of(m))) uncompared(m, "missing", "not in the baseline (new measurement)");

  if (!rss_unjudged.empty()) {
    std::string list;
    for (const auto& r : rss_unjudged) list += (list.empty() ? "" : ", ") + r;
    c.warnings.push_back("peak_rss_kb changed beyond its threshold but has one value per process run and fewer than " +
                         std::to_string(kCompareMinSamples) + " runs per side, so it is not judged (use --rounds " +
                         std::to_string(kCompareMinSamples) + " or more): " + list);
  }
  auto joined = [](const std::vector<std::string>& items) {
    std::string list;
    for (const auto& item : items) list += (list.empty() ? "" : ", ") + item;
    return list;
  };
  if (!one_run.empty())
    c.warnings.push_back(
        "run-to-run noise is not measured where a side has a single process run (or samples that cannot be split "
        "by run), so its ratio CI covers only the noise within that run and a shift of the whole process (memory "
        "layout, CPU frequency, neighbours) can pass for a change; measure with `xlbench run --rounds 2` or more: " +
        joined(one_run));
  if (!unattributed.empty())
    c.warnings.push_back(
        "samples not attributed to process runs (server load phases pool their rounds) are resampled as one "
        "run, so run-to-run noise is not measured for: " + joined(unattributed));
  if (c.rows.empty()) c.warnings.push_back("no measurement is present and ok in both runs: nothing was compared");

  // Geometric mean of current/baseline primary medians, per workload in order of appearance, then overall.
  std::vector<std::string> workloads;
  std::map<std::string, std::vector<double>> ratios;
  std::vector<double> all;
  for (const auto& row : c.rows) {
    const auto* mc = row.find(opts.primary);
    if (!mc || !(mc->ratio > 0)) continue;
    if (!ratios.count(row.workload)) workloads.push_back(row.workload);
    ratios[row.workload].push_back(mc->ratio);
    all.push_back(mc->ratio);
  }
  for (const auto& w : workloads) c.summary.push_back({w, ratios[w].size(), stats::geometric_mean(ratios[w])});
  if (workloads.size() > 1) c.summary.push_back({"(all)", all.size(), stats::geometric_mean(all)});
  return c;
}

int compare_exit_status(const Comparison& c) { return c.regressions > 0 ? 1 : 0; }

// ---------------------------------------------------------------------------------------------
// Writers

namespace {

std::string value_text(const MetricComparison& mc, double v) {
  if (mc.metric == kRssMetric) return fixed(v / 1024.0, 1) + " MiB";
  return human(v);
}

std::string unit_text(const MetricComparison& mc) { return mc.metric == kRssMetric ? "peak RSS" : mc.unit; }

// Informational (non-gating) verdicts are shown in parentheses.
std::string verdict_text(const MetricComparison& mc) {
  if (mc.gating || mc.verdict == "~") return mc.verdict;
  return "(" + mc.verdict + ")";
}

std::string n_text(const MetricComparison& mc) { return std::to_string(mc.n_base) + "/" + std::to_string(mc.n_cur); }

std::string runs_text(const MetricComparison& mc) {
  if (mc.ci_method == "none") return "-";
  return std::to_string(mc.runs_base) + "/" + std::to_string(mc.runs_cur);
}

std::string method_text(const CompareOptions& o) {
  return "ratio CI at " + percent(1 - o.alpha, 1) +
         " resampling process runs, then samples within them, with Student's t for the number of runs";
}

std::string thresholds_text(const CompareOptions& o) {
  std::string s = "threshold " + percent(o.threshold, 1);
  std::string extra;
  for (const auto& [name, t] : o.thresholds) extra += (extra.empty() ? "" : ", ") + name + " " + percent(t, 1);
  if (!extra.empty()) s += " (" + extra + ")";
  return s;
}

std::string result_text(const Comparison& c) {
  return std::to_string(c.regressions) + (c.regressions == 1 ? " regression, " : " regressions, ") +
         std::to_string(c.improvements) + (c.improvements == 1 ? " improvement" : " improvements") + " in " +
         std::to_string(c.rows.size()) + " compared measurements";
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

}  // namespace

void write_compare_console(const Comparison& c, std::ostream& out) {
  const auto& o = c.options;
  out << "xlbench compare: baseline " << c.base_run << " vs current " << c.cur_run << "\n"
      << "alpha " << o.alpha << ", " << thresholds_text(o) << "; judged: " << o.primary
      << " and peak_rss_kb, other metrics informational (in parentheses)\n"
      << method_text(o) << "; p (U test) informational except for peak RSS\n";
  for (const auto& row : c.rows) {
    out << "\n" << row.key() << ": " << row.verdict << "\n";
    out << "  " << pad("metric", 10) << pad("baseline", 12) << pad("current", 12) << pad("change", 9)
        << pad("ratio [CI]", 22) << pad("p", 10) << pad("n", 8) << pad("runs", 6) << "verdict\n";
    for (const auto& mc : row.metrics)
      out << "  " << pad(unit_text(mc), 10) << pad(value_text(mc, mc.base_median), 12)
          << pad(value_text(mc, mc.cur_median), 12) << pad(signed_percent(mc.change), 9)
          << pad(ratio_text(mc.ratio, mc.ratio_ci), 22) << pad(p_value_text(mc.p_value), 10) << pad(n_text(mc), 8)
          << pad(runs_text(mc), 6) << verdict_text(mc) << "\n";
  }
  if (!c.summary.empty()) {
    out << "\nThroughput (" << o.primary << ", current/baseline), geometric mean:\n";
    for (const auto& s : c.summary)
      out << "  " << pad(s.workload, 12) << pad(std::to_string(s.measurements) + " measurements", 18)
          << fixed(s.geomean_ratio, 3) << "x (" << signed_percent(s.geomean_ratio - 1) << ")\n";
  }
  if (!c.uncompared.empty()) {
    out << "\nNot compared:\n";
    for (const auto& u : c.uncompared) out << "  " << u.key() << ": " << u.status << " (" << u.reason << ")\n";
  }
  if (!c.warnings.empty()) {
    out << "\nWarnings:\n";
    for (const auto& w : c.warnings) out << "  - " << w << "\n";
  }
  out << "\nResult: " << result_text(c) << (c.regressions ? " -> REGRESSED" : " -> ok") << "\n";
}

void write_compare_markdown(const Comparison& c, std::ostream& out) {
  const auto& o = c.options;
  out << "## xlbench compare: `" << c.cur_run << "` vs baseline `" << c.base_run << "`\n\n";
  out << (c.regressions ? "**Regressed**: " : "**No regression**: ") << result_text(c) << ". Alpha " << o.alpha
      << ", " << thresholds_text(o) << "; " << method_text(o) << ".\n\n";
  if (!c.rows.empty()) {
    out << "| measurement | " << o.primary << " baseline | current | change | ratio [CI] | p | peak RSS change | verdict |\n"
        << "|---|---:|---:|---:|---|---:|---:|---|\n";
    for (const auto& row : c.rows) {
      const auto* p = row.find(o.primary);
      const auto* r = row.find(kRssMetric);
      out << "| " << markdown_cell(row.key()) << " | " << (p ? value_text(*p, p->base_median) : "-") << " | "
          << (p ? value_text(*p, p->cur_median) : "-") << " | " << (p ? signed_percent(p->change) : "-") << " | "
          << (p ? ratio_text(p->ratio, p->ratio_ci) : "-") << " | " << (p ? p_value_text(p->p_value) : "-") << " | "
          << (r ? signed_percent(r->change) + (r->verdict == "~" ? "" : " " + r->verdict) : "-") << " | "
          << (row.verdict == "regressed" ? "**regressed**" : row.verdict) << " |\n";
    }
    out << "\n<details><summary>Every metric</summary>\n\n"
        << "| measurement | metric | baseline | current | change | ratio [CI] | p | n | runs | verdict |\n"
        << "|---|---|---:|---:|---:|---|---:|---:|---:|---|\n";
    for (const auto& row : c.rows)
      for (const auto& mc : row.metrics)
        out << "| " << markdown_cell(row.key()) << " | " << unit_text(mc) << " | " << value_text(mc, mc.base_median)
            << " | " << value_text(mc, mc.cur_median) << " | " << signed_percent(mc.change) << " | "
            << ratio_text(mc.ratio, mc.ratio_ci) << " | " << p_value_text(mc.p_value) << " | " << n_text(mc)
            << " | " << runs_text(mc) << " | " << verdict_text(mc) << " |\n";
    out << "\n</details>\n";
  }
  if (!c.summary.empty()) {
    out << "\n### Throughput, geometric mean of current/baseline " << o.primary << "\n\n"
        << "| workload | measurements | ratio | change |\n|---|---:|---:|---:|\n";
    for (const auto& s : c.summary)
      out << "| " << markdown_cell(s.workload) << " | " << s.measurements << " | " << fixed(s.geomean_ratio, 3) << "x | "
          << signed_percent(s.geomean_ratio - 1) << " |\n";
  }
  if (!c.uncompared.empty()) {
    out << "\n### Not compared\n\n| measurement | status | reason |\n|---|---|---|\n";
    for (const auto& u : c.uncompared)
      out << "| " << markdown_cell(u.key()) << " | " << u.status << " | " << markdown_cell(u.reason) << " |\n";
  }
  if (!c.warnings.empty()) {
    out << "\n### Warnings\n\n";
    for (const auto& w : c.warnings) out << "- " << markdown_cell(w) << "\n";
  }
}

json compare_to_json(const Comparison& c) {
  const auto& o = c.options;
  json thresholds = json::object();
  for (const auto& name : compare_metric_names()) thresholds[name] = o.threshold_for(name);
  json rows = json::array();
  for (const auto& row : c.rows) {
    json metrics = json::array();
    for (const auto& mc : row.metrics)
      metrics.push_back({{"metric", mc.metric},
                         {"unit", mc.unit},
                         {"higher_is_better", mc.higher_is_better},
                         {"gating", mc.gating},
                         {"n_baseline", mc.n_base},
                         {"n_current", mc.n_cur},
                         {"runs_baseline", mc.runs_base},
                         {"runs_current", mc.runs_cur},
                         {"baseline_median", mc.base_median},
                         {"current_median", mc.cur_median},
                         {"ratio", mc.ratio},
                         {"ratio_ci_low", mc.ratio_ci.low},
                         {"ratio_ci_high", mc.ratio_ci.high},
                         {"ci_method", mc.ci_method},
                         {"ci_df", mc.ci_df},
                         {"change", mc.change},
                         {"p_value", mc.p_value},
                         {"exact_test", mc.exact},
                         {"cv_baseline", mc.base_cv},
                         {"cv_current", mc.cur_cv},
                         {"threshold", mc.threshold},
                         {"enough_samples", mc.enough_samples},
                         {"verdict", mc.verdict}});
    rows.push_back({{"workload", row.workload},
                    {"mode", row.mode},
                    {"input", row.input},
                    {"language", row.language},
                    {"variant", row.variant},
                    {"verdict", row.verdict},
                    {"metrics", metrics}});
  }
  json uncompared = json::array();
  for (const auto& u : c.uncompared)
    uncompared.push_back({{"workload", u.workload},
                          {"mode", u.mode},
                          {"input", u.input},
                          {"language", u.language},
                          {"variant", u.variant},
                          {"status", u.status},
                          {"reason", u.reason}});
  json summary = json::array();
  for (const auto& s : c.summary)
    summary.push_back({{"workload", s.workload}, {"measurements", s.measurements}, {"geomean_ratio", s.geomean_ratio}});
  return {{"schema", "xlbench.compare"},
          {"schema_version", 1},
          {"baseline", c.base_run},
          {"current", c.cur_run},
          {"options",
           {{"alpha", o.alpha},
            {"threshold", o.threshold},
            {"thresholds", thresholds},
            {"primary", o.primary},
            {"min_samples", kCompareMinSamples},
            {"resamples", o.resamples},
            {"seed", o.seed}}},
          {"regressions", c.regressions},
          {"improvements", c.improvements},
          {"exit_status", compare_exit_status(c)},
          {"rows", rows},
          {"uncompared", uncompared},
          {"summary", summary},
          {"warnings", c.warnings}};
}

void write_compare_json(const Comparison& c, std::ostream& out) { out << compare_to_json(c).dump(1) << "\n"; }

void write_compare(const Comparison& c, const std::string& format, std::ostream& out) {
  if (format == "console") return write_compare_console(c, out);
  if (format == "markdown") return write_compare_markdown(c, out);
  if (format == "json") return write_compare_json(c, out);
  throw InputError("unknown compare format '" + format + "' (console, markdown, json)");
}

}  // namespace xlb
