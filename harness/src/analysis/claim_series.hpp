#pragma once
// The metrics a claim test can name (workloads/claims.json), what their test's
// `mode` and `input` stand for, and, for the server, build and footprint
// metrics, the measured ratio with its CI. docs/claims.md explains each one.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/claim.hpp"
#include "model/results.hpp"
#include "model/metrics.hpp"
#include "stats/stats.hpp"

namespace xlb {

struct ClaimMetricSpec {
  std::string name;
  ClaimScope scope;
  bool higher_is_better;
};

// Every metric, the original per-sample ones (ops_per_s, wall_time, peak_rss,
// bytes_per_task, evaluated in claims.cpp) first.
const std::vector<ClaimMetricSpec>& claim_metric_specs();
const ClaimMetricSpec* find_claim_metric(const std::string& name);
// True for the metrics series_ratio() evaluates (server, build, footprint).
bool is_series_metric(const std::string& metric);

// Figures of one round (or build) per side: a bootstrap CI needs at least
// this many on each side; with fewer the ratio is a point without a CI.
inline constexpr std::size_t kMinValuesForClaimCi = 5;

// The measured ratio a / b in the metric's better direction (> 1: a better).
// `why` non-empty: the claim cannot be evaluated on this run (then ratio is unset).
struct SeriesRatio {
  std::optional<double> ratio;
  std::optional<stats::Interval> ci;  // unset: one figure per side, compare the point
  std::string detail;                 // how it was formed, and its caveats
  std::string why;
};
SeriesRatio series_ratio(const ResultsDoc& doc, const ClaimTest& t);

// Why the row of side `s` for test `t` is absent from the run, as precisely as the document allows,
// with the command that measures it when the run's plan or selection left it out.
std::string missing_row_reason(const ResultsDoc& doc, const ClaimTest& t, const ClaimSide& s);

}  // namespace xlb
