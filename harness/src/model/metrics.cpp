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

std::vector<double> instructions_per_op(const Measurement& m) {
  const auto it = m.facts.find("instructions_per_op");
  if (it == m.facts.end() || !it->is_number()) return {};
  return {it->get<double>()};
}

std::vector<const MetricDef*> select(bool (*keep)(const MetricDef&)) {
  std::vector<const MetricDef*> out;
  for (const auto& d : metric_registry())
    if (keep(d)) out.push_back(&d);
  return out;
}

}  // namespace

const std::vector<MetricDef>& metric_registry() {
  using S = ClaimScope;
  static const std::vector<MetricDef> defs = {
      {"ops_per_s", "ops/s", true, "operations / sample time, per sample (spawn: 1 / process wall time)",
       [](const Measurement& m) {
         return per_sample(m, [](const Sample& s) { return static_cast<double>(s.ops) * 1e9 / s.ns; });
       },
       true, S::cell},
      {"mb_per_s", "MB/s", true, "input bytes x operations / sample time, per sample (MB = 10^6 bytes); inputs with a size only",
       [](const Measurement& m) {
         const double bytes = static_cast<double>(m.input_bytes);
         if (bytes <= 0) return std::vector<double>{};
         return per_sample(m, [bytes](const Sample& s) { return s.ops * bytes / 1e6 * 1e9 / s.ns; });
       },
       true, std::nullopt},
      {"ns_per_op", "ns/op", false, "sample time / operations, per sample",
       [](const Measurement& m) {
         return per_sample(m, [](const Sample& s) { return static_cast<double>(s.ns) / s.ops; });
       },
       true, std::nullopt},
      {"peak_rss_kb", "KiB", false,
       "peak resident memory of each process run that finished ok (wait4 ru_maxrss, fork accounted for); a row's "
       "figure is the highest",
       peak_rss_per_run, false, std::nullopt},
      {"instructions_per_op", "instructions", false, "callgrind instruction count per operation (--instructions runs)",
       instructions_per_op, false, std::nullopt},
      {"wall_time", "ns", false, "the variant's own time for one operation (one process run for spawn rows), per sample",
       nullptr, false, S::cell},
      {"peak_rss", "KiB", false, "peak_rss_kb, per process run", nullptr, false, S::cell},
      {"bytes_per_task", "B", false,
       "(median peak RSS at N tasks - median peak RSS at 0 tasks) / N, same variant and mode", nullptr, false, S::cell},
      {"max_rps", "req/s", true, "median of the 100 ms throughput samples of each server's best closed-loop phase",
       nullptr, false, S::endpoint},
      {"latency_p50", "ns", false, "50th percentile of request latency from the intended send time (open loop)",
       nullptr, false, S::open_phase},
      {"latency_p95", "ns", false, "95th percentile, as latency_p50", nullptr, false, S::open_phase},
      {"latency_p99", "ns", false, "99th percentile, as latency_p50", nullptr, false, S::open_phase},
      {"server_rss", "KiB", false, "highest VmRSS of the server sampled during a load phase", nullptr, false, S::phase},
      {"cpu_per_1k_requests", "s", false, "server user + system CPU per 1,000 completed requests in a load phase",
       nullptr, false, S::phase},
      {"cold_start", "ms", false, "spawn to the first successful response, per round", nullptr, false, S::lifecycle},
      {"idle_rss", "KiB", false, "server VmRSS right after its first response, per round", nullptr, false,
       S::lifecycle},
      {"build_time", "s", false, "wall time of one build as a child process", nullptr, false, S::cell},
      {"binary_size", "B", false, "bytes of the built executable(s)", nullptr, false, S::footprint},
      {"stripped_binary_size", "B", false, "bytes of a stripped copy of the executable(s)", nullptr, false,
       S::footprint},
      {"code_lines", "lines", false, "non-blank, non-comment lines of the variant's own source", nullptr, false,
       S::footprint},
  };
  return defs;
}

const MetricDef* find_metric(const std::string& name) {
  for (const auto& d : metric_registry())
    if (d.name == name) return &d;
  return nullptr;
}

const MetricDef& metric(const std::string& name) {
  if (const auto* d = find_metric(name)) return *d;
  throw std::invalid_argument("unknown metric '" + name + "'");
}

std::vector<const MetricDef*> sample_metrics() {
  return select([](const MetricDef& d) { return d.per_sample; });
}

std::vector<const MetricDef*> compared_metrics() {
  return select([](const MetricDef& d) { return static_cast<bool>(d.series); });
}

std::vector<const MetricDef*> claim_metric_defs() {
  return select([](const MetricDef& d) { return d.claim_scope.has_value(); });
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
    for (const auto* def : sample_metrics())
      if (const auto values = def->series(m); !values.empty()) out[def->name] = summary_json(stats::summarize(values));
  }
  if (!m.runs.empty()) {
    out["peak_rss_kb"] = peak_rss_kb(m);
    out["cpu_s_per_run"] = cpu_seconds_per_run(m);
    if (auto faults = minor_faults_per_op(m)) out["minor_faults_per_op"] = *faults;
  }
  return out;
}

}  // namespace xlb
