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

long peak_rss_kb(const Measurement& m);
double cpu_seconds_per_run(const Measurement& m);
// Batch workloads: pages faulted in per operation over the variant's whole processes (start-up,
// warm-up and samples). Hundreds per operation mean the allocator hands memory back to the kernel
// between operations. nullopt without operations or without a fault count (older documents).
std::optional<double> minor_faults_per_op(const Measurement& m);

}  // namespace xlb
