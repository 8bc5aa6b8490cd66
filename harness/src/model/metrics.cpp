#include "model/metrics.hpp"

#include <algorithm>
#include <stdexcept>

namespace xlb {
namespace {

std::vector<double> per_sample(const Measurement& m, const std::function<double(const Sample&)>& f) {
  std::vector<double> out;
  out.reserve(m.samples.size());
  for (const auto& s : m.samples) out.push_back(f(s));
  return out;
}

}  // namespace

const std::vector<MetricDef>& sample_metrics() {
  static const std::vector<MetricDef> defs = {
      {"ops_per_s", "ops/s", true,
       [](const Measurement& m) {
         return per_sample(m, [](const Sample& s) { return static_cast<double>(s.ops) * 1e9 / s.ns; });
       }},
      {"mb_per_s", "MB/s", true,
       [](const Measurement& m) {
         const double bytes = static_cast<double>(m.input_bytes);
         return per_sample(m, [bytes](const Sample& s) { return s.ops * bytes / 1e6 * 1e9 / s.ns; });
       }},
      {"ns_per_op", "ns/op", false,
       [](const Measurement& m) {
         return per_sample(m, [](const Sample& s) { return static_cast<double>(s.ns) / s.ops; });
       }},
  };
  return defs;
}

const MetricDef& metric(const std::string& name) {
  for (const auto& d : sample_metrics())
    if (d.name == name) return d;
  throw std::invalid_argument("unknown metric '" + name + "'");
}

nlohmann::json summary_json(const stats::Summary& s) {
  return {{"n", s.n},
          {"median", s.median},
          {"ci_low", s.median_ci.interval.low},
          {"ci_high", s.median_ci.interval.high},
          {"ci_coverage", s.median_ci.coverage},
          {"mean", s.mean},
          {"stddev", s.stddev},
          {"cv", s.cv},
          {"mad", s.mad},
          {"min", s.min},
          {"max", s.max},
          {"p5", s.p5},
          {"p50", s.p50},
          {"p95", s.p95},
          {"p99", s.p99}};
}

std::vector<double> peak_rss_per_run(const Measurement& m) {
  std::vector<double> out;
  for (const auto& r : m.runs)
    if (r.outcome == "ok" && r.peak_rss_kb > 0) out.push_back(static_cast<double>(r.peak_rss_kb));
  return out;
}

long peak_rss_kb(const Measurement& m) {
  const auto series = peak_rss_per_run(m);
  if (!series.empty()) return static_cast<long>(*std::max_element(series.begin(), series.end()));
  long peak = 0;
  for (const auto& r : m.runs) peak = std::max(peak, r.peak_rss_kb);
  return peak;
}

double median_peak_rss_kb(const Measurement& m) {
  const auto series = peak_rss_per_run(m);
  return series.empty() ? 0.0 : stats::median(series);
}

double cpu_seconds_per_run(const Measurement& m) {
  if (m.runs.empty()) return 0;
  double total = 0;
  for (const auto& r : m.runs) total += r.user_s + r.sys_s;
  return total / static_cast<double>(m.runs.size());
}

std::optional<double> minor_faults_per_op(const Measurement& m) {
  if (m.kind != "batch") return std::nullopt;
  // Sums in double: a loaded document may carry counts near the integer limits.
  double faults = 0, ops = 0;
  for (const auto& r : m.runs) faults += static_cast<double>(r.minor_faults);
  for (const auto& s : m.samples) ops += static_cast<double>(s.ops);
  for (const auto& w : m.warmup)
    if (w.is_object() && w.contains("ops") && w["ops"].is_number()) ops += w["ops"].get<double>();
  if (!(faults > 0) || !(ops > 0)) return std::nullopt;
  return faults / ops;
}

nlohmann::json metrics_json(const Measurement& m) {
  nlohmann::json out = nlohmann::json::object();
  if (!m.samples.empty()) {
    for (const auto& def : sample_metrics()) {
      if (def.name == "mb_per_s" && m.input_bytes <= 0) continue;
      out[def.name] = summary_json(stats::summarize(def.series(m)));
    }
  }
  if (!m.runs.empty()) {
    out["peak_rss_kb"] = peak_rss_kb(m);
    out["cpu_s_per_run"] = cpu_seconds_per_run(m);
    if (auto faults = minor_faults_per_op(m)) out["minor_faults_per_op"] = *faults;
  }
  return out;
}

}  // namespace xlb
