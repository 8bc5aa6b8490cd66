#pragma once
// Metrics derived from a measurement's raw samples, with their units and
// direction, so reports and comparisons read them from one table.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/measurement.hpp"
#include "stats/stats.hpp"

namespace xlb {

struct MetricDef {
  std::string name;  // key in results "metrics"
  std::string unit;
  bool higher_is_better;
  std::function<std::vector<double>(const Measurement&)> series;  // one value per sample
};

// ops_per_s, mb_per_s, ns_per_op.
const std::vector<MetricDef>& sample_metrics();
const MetricDef& metric(const std::string& name);

nlohmann::json summary_json(const stats::Summary& s);
// {"ops_per_s": summary, ..., "peak_rss_kb": N, "cpu_s_per_run": x}; empty object without samples.
nlohmann::json metrics_json(const Measurement& m);

// Peak RSS, the one definition every consumer uses (reports, claims, compare; docs/results-schema.md,
// "Peak RSS"): a process run's figure is ProcessRun::peak_rss_kb (fork accounted for); a
// measurement's series is one value per process run that finished ok with a figure (> 0).
std::vector<double> peak_rss_per_run(const Measurement& m);
// The highest of that series; a row with no such run (failed): the highest any of its runs reached.
long peak_rss_kb(const Measurement& m);
// The median of that series (spawn rows, where each process run is one sample); 0 without one.
double median_peak_rss_kb(const Measurement& m);
double cpu_seconds_per_run(const Measurement& m);
// Batch workloads: pages faulted in per operation over the variant's whole processes (start-up,
// warm-up and samples). Hundreds per operation mean the allocator hands memory back to the kernel
// between operations. nullopt without operations or without a fault count (older documents).
std::optional<double> minor_faults_per_op(const Measurement& m);

}  // namespace xlb
