#pragma once
// The metric registry (name, unit, direction, derivation) and the derived
// figures of a measurement, so reports, claims and compare read one table.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/measurement.hpp"
#include "stats/stats.hpp"

namespace xlb {

// What a claim test's `mode` and `input` name, for the metrics a claims file may use.
enum class ClaimScope {
  cell,        // one measurement: mode and input as in results.json
  endpoint,    // server workloads: mode = endpoint, no input (each server's best closed-loop phase)
  phase,       // server workloads: mode = endpoint, input = load phase (c64, open90, ...)
  open_phase,  // as phase, open-loop phases only (latency)
  lifecycle,   // server workloads: no mode, no input (the server's lifecycle row)
  footprint,   // no mode, no input: doc.footprint (recorded by the build workload)
};

// One metric: the registry below is the one list reports, claims and compare read.
struct MetricDef {
  std::string name;  // key in results "metrics", in claims files and in compare's thresholds
  std::string unit;
  bool higher_is_better;
  std::string derivation;  // how it is derived, for docs/metrics.md and `xlbench list --metrics`
  // Per-measurement values (one per sample, or one per process run): set for the metrics
  // `compare` judges between two runs; per_sample ones are also summarised in results.json.
  std::function<std::vector<double>(const Measurement&)> series;
  bool per_sample = false;
  std::optional<ClaimScope> claim_scope;  // set: claims files may name it
};

// Every metric, in a fixed order: the per-sample ones, the per-run ones, then the claim-only ones.
const std::vector<MetricDef>& metric_registry();
// The metric of that name, or nullptr.
const MetricDef* find_metric(const std::string& name);
// The metric of that name; throws std::invalid_argument for a name not in the registry.
const MetricDef& metric(const std::string& name);
// ops_per_s, mb_per_s, ns_per_op: one value per sample, summarised in results.json.
std::vector<const MetricDef*> sample_metrics();
// The metrics with a per-measurement series: what `compare` judges.
std::vector<const MetricDef*> compared_metrics();
// The metrics a claims file may name.
std::vector<const MetricDef*> claim_metric_defs();

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
