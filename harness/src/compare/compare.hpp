#pragma once
// `xlbench compare`: the CI regression gate. Compares two results documents
// (a baseline and a current run) measurement by measurement, from the raw
// samples, and says per metric whether the current run improved, regressed
// or did not change (docs/compare.md).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "model/results.hpp"
#include "stats/stats.hpp"

namespace xlb {

// Below this many values per side no verdict is given: a bootstrap (or U test) of so few says little.
inline constexpr std::size_t kCompareMinSamples = 5;
inline constexpr double kCompareMaxCv = 0.10;          // CV above this is reported as noisy

struct CompareOptions {
  double alpha = 0.05;      // the ratio CI is at 1 - alpha; also the U test's level for peak_rss_kb
  double threshold = 0.05;  // |current/baseline - 1| a change must reach to count (every metric)
  std::map<std::string, double> thresholds;  // per-metric overrides of `threshold`
  std::string primary = "ops_per_s";         // the throughput metric judged (and summarised)
  unsigned resamples = 10000;                // (cluster) bootstrap resamples of the ratio CI
  std::uint64_t seed = 1;

  double threshold_for(const std::string& metric) const;
};

// Names of the metrics compare reports: the sample metrics, peak_rss_kb and instructions_per_op.
std::vector<std::string> compare_metric_names();

// Applies a config document {"alpha": 0.05, "thresholds": {"ops_per_s": 0.05, ...}} to `opts`.
// Throws InputError naming `source` and the offending field.
void apply_compare_config(const nlohmann::json& config, const std::string& source, CompareOptions& opts);
// Reads a config file (JSON) and applies it; InputError when unreadable or malformed.
void load_compare_config(const std::filesystem::path& path, CompareOptions& opts);

// One metric of one measurement present and ok on both sides.
struct MetricComparison {
  std::string metric, unit;
  bool higher_is_better = true;
  bool gating = false;  // counts towards the exit status (primary metric and peak_rss_kb)
  std::size_t n_base = 0, n_cur = 0;
  std::size_t runs_base = 0, runs_cur = 0;  // process runs the values come from (sample_groups)
  double base_median = 0, cur_median = 0;
  double ratio = 1;                // current / baseline medians
  stats::Interval ratio_ci{1, 1};  // CI of the ratio at (1 - alpha); see ci_method
  // "cluster": bootstrap resampling process runs, then samples within them, its spread scaled by a
  // Student t quantile with ci_df degrees of freedom (stats::ratio_of_medians_clustered; sample
  // metrics, decides); "bootstrap": ordinary percentile bootstrap (peak_rss_kb, one value per run);
  // "none": counted, no interval.
  std::string ci_method = "cluster";
  std::size_t ci_df = 0;  // runs_base + runs_cur - 2; 0 when a side has one run (normal quantile)
  double change = 0;   // ratio - 1, signed: +0.10 = the value rose by 10%
  // Two-sided Mann-Whitney U on the raw values. Decides only for peak_rss_kb; for sample metrics it
  // is informational, since it treats samples of one process run as independent (they are not).
  double p_value = 1;
  bool exact = true;             // exact U distribution (else normal approximation)
  double base_cv = 0, cur_cv = 0;
  double threshold = 0;
  bool enough_samples = true;  // both sides have >= kCompareMinSamples values; no verdict otherwise
  std::string verdict = "~";           // "improved", "regressed" or "~"
};

struct MeasurementComparison {
  std::string workload, mode, input, language, variant;
  std::vector<MetricComparison> metrics;
  std::string verdict = "~";  // worst verdict of the gating metrics
  std::string key() const;    // "workload/mode/input language/variant"
  const MetricComparison* find(const std::string& metric) const;
};

// A measurement that could not be compared.
struct Uncompared {
  std::string workload, mode, input, language, variant;
  std::string status;  // "missing" (one side only) or "not comparable" (not ok / no values)
  std::string reason;
  std::string key() const;
};

// Geometric mean over a workload's compared measurements of current/baseline primary medians.
struct WorkloadSummary {
  std::string workload;  // "(all)" for every workload together
  std::size_t measurements = 0;
  double geomean_ratio = 1;
};

struct Comparison {
  std::string base_run, cur_run;
  CompareOptions options;
  std::vector<MeasurementComparison> rows;
  std::vector<Uncompared> uncompared;
  std::vector<WorkloadSummary> summary;
  std::vector<std::string> warnings;
  int regressions = 0;   // gating metrics with verdict "regressed"
  int improvements = 0;  // gating metrics with verdict "improved"
};

// Pure: no I/O. Throws InputError for a document with duplicate measurements
// and std::invalid_argument for options out of range.
Comparison compare_runs(const ResultsDoc& base, const ResultsDoc& cur, const CompareOptions& opts);

// 0 when nothing regressed, 1 otherwise (2 is left to input errors).
int compare_exit_status(const Comparison& c);

nlohmann::json compare_to_json(const Comparison& c);
void write_compare_console(const Comparison& c, std::ostream& out);
void write_compare_markdown(const Comparison& c, std::ostream& out);
void write_compare_json(const Comparison& c, std::ostream& out);
// format: console, markdown or json; InputError otherwise.
void write_compare(const Comparison& c, const std::string& format, std::ostream& out);

}  // namespace xlb
