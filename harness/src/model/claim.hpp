#pragma once
// One claim of the claims file (workloads/claims.json): what an article said and
// the test that checks it on a results document.
#include <limits>
#include <optional>
#include <string>

namespace xlb {

// The one tolerance for every claim: hardware differs, so a claimed ratio R
// stands for the band [R / (1 + t), R * (1 + t)]. A bound of exactly 1 (a
// claim about who wins at all) is never widened.
inline constexpr double kClaimTolerance = 0.25;

struct ClaimSide {
  std::string language, variant;
  std::string id() const { return language + "/" + variant; }
};

struct ClaimTest {
  // mode and input are empty when the metric takes none (claim_series.hpp: ClaimScope).
  std::string workload, mode, input;
  // Cell metrics: a generated input of the same character, measured when `input` (an optional
  // corpus) is not in the run; the verdict says so.
  std::string fallback_input;
  std::string metric;  // one of claim_metrics()
  ClaimSide a, b;      // ratio a/b in the metric's "better" direction (> 1: a better)
  // The claimed relation as a range of ratios; a point claim has low == high.
  double low = 0;
  double high = std::numeric_limits<double>::infinity();
  bool point() const { return low == high; }
};

struct Claim {
  std::string id, article, claim, note;
  std::optional<ClaimTest> test;
  std::string untestable;  // the reason, when there is no test
};

}  // namespace xlb
