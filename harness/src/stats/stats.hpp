// Statistics for xlbench: summaries of timing samples, a rank test and a
// bootstrap ratio used to decide whether one variant is "faster".
//
// Every function is pure and deterministic; the only randomness (bootstrap)
// comes from an explicit seed fed to a self-contained PRNG, so a result is
// bit-identical on every platform and standard library.
//
// Input contract: every value must be finite (NaN would break sorting), and
// inputs must be non-empty where a result would be undefined. Violations
// throw std::invalid_argument with a message naming the function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace xlb::stats {

// --- Descriptive statistics -------------------------------------------------

double mean(const std::vector<double>& xs);
// Sample standard deviation (divisor n-1). Returns 0 for n == 1 rather than
// NaN, so a one-sample run still serialises to valid JSON.
double stddev(const std::vector<double>& xs);
// Coefficient of variation, stddev / mean. Throws if mean == 0.
double cv(const std::vector<double>& xs);
double median(std::vector<double> xs);
// Median absolute deviation from the median, unscaled
// (= scipy.stats.median_abs_deviation(xs, scale=1.0)).
double mad(const std::vector<double>& xs);
// p in [0, 100]; linear interpolation between closest ranks, i.e. numpy's
// default method="linear": index h = (n-1)*p/100.
double percentile(std::vector<double> xs, double p);
// Same, for input already sorted ascending (no copy, no check of the order).
double percentile_sorted(const std::vector<double>& sorted, double p);
// exp(mean(log x)); every value must be > 0.
double geometric_mean(const std::vector<double>& xs);

struct Interval {
    double low;
    double high;
};

// Distribution-free confidence interval for the median from order statistics:
// [x_(l), x_(n+1-l)] (1-based, sorted) where l is the largest index with
// P(B <= l-1) <= (1-confidence)/2, B ~ Binomial(n, 1/2). Its true coverage is
// 1 - 2 P(B <= l-1) >= confidence (same indices as
// scipy.stats.quantile_test(x, p=0.5).confidence_interval()).
// If n is too small for any such l (n < 6 at 95%, n < 8 at 99%), the interval
// is [min, max] with coverage 1 - 2^(1-n) < confidence, and
// coverage_reached is false (scipy returns NaN bounds there).
struct MedianCI {
    Interval interval;
    double coverage;        // actual coverage probability of `interval`
    bool coverage_reached;  // coverage >= requested confidence
};
MedianCI median_ci(const std::vector<double>& xs, double confidence = 0.95);

struct Summary {
    std::size_t n;
    double min, max;
    double mean, stddev, cv;  // cv is NaN if mean == 0 (cannot happen for times)
    double median, mad;
    double p1, p5, p25, p50, p75, p95, p99;  // numpy "linear" percentiles
    MedianCI median_ci;                      // at 95%
};
Summary summarize(const std::vector<double>& xs);

// --- Mann-Whitney U (two-sided) ---------------------------------------------

// u: U statistic of `a` = #{(i,j): a_i > b_j} + 0.5 #{a_i == b_j}
//    (scipy's returned statistic, U1).
// z: (U1 - n1 n2/2) / sigma with the tie-corrected sigma and a continuity
//    correction of 0.5 toward zero; positive when `a` tends to be larger.
//    0 when sigma == 0 (all values equal). Reported in both modes.
// p_value: if there are no ties and n1 <= 20 and n2 <= 20 (exact = true), the
//    exact permutation distribution of U: p = min(1, 2 P(U >= max(U1, U2)))
//    = scipy.stats.mannwhitneyu(a, b, method="exact"). Otherwise (exact =
//    false) the normal approximation p = 2 (1 - Phi(|z|)) capped at 1
//    = scipy.stats.mannwhitneyu(a, b, method="asymptotic",
//    use_continuity=True). Note scipy's method="auto" differs: it goes exact
//    only when some n <= 8.
struct UTest {
    double u;
    double z;
    double p_value;
    bool exact;
};
inline constexpr std::size_t kMannWhitneyExactMaxN = 20;
UTest mann_whitney_u(const std::vector<double>& a, const std::vector<double>& b);

// --- Bootstrap ratio of medians ---------------------------------------------

// xoshiro256** seeded through splitmix64 (reference algorithms by Blackman &
// Vigna). Exposed so the harness can also shuffle run orders reproducibly.
class Rng {
public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t next();
    // Uniform integer in [0, n), n > 0, unbiased (rejection sampling).
    std::uint64_t below(std::uint64_t n);

private:
    std::uint64_t s_[4];
};

// A standard normal draw from two of rng's numbers (Box-Muller), for synthetic series.
double standard_normal(Rng& rng);

// ratio = median(num) / median(den). ci: percentile bootstrap — each of
// `resamples` rounds resamples num and den independently with replacement
// (same sizes), takes the ratio of their medians, and the interval is the
// numpy-linear percentiles at 100*(1-confidence)/2 and 100*(1+confidence)/2
// of those ratios. Requires den values > 0, resamples >= 1,
// 0 < confidence < 1.
struct RatioEstimate {
    double ratio;
    Interval ci;
};
RatioEstimate ratio_of_medians(const std::vector<double>& num,
                               const std::vector<double>& den,
                               double confidence = 0.95,
                               unsigned resamples = 10000,
                               std::uint64_t seed = 1);

// Hierarchical (cluster) bootstrap of the same ratio, for values that come in
// groups sharing a common effect (samples of one process run share its memory
// layout, CPU frequency and neighbours). ratio = median(all of num) /
// median(all of den). Each of `resamples` rounds, for each side in turn (num
// first): draw as many groups as the side has, with replacement; for each
// drawn group, draw as many values as it holds from it, with replacement;
// pool the draws and take their median, and record the ratio.
//
// percentile_ci: the numpy-linear percentiles of those ratios, as in
// ratio_of_medians. With 2 or 3 groups per side it is far too narrow: the
// bootstrap takes the spread of the few groups it sees as known.
// ci (the one to decide with): exp(log(ratio) +- q * log_se), log_se the
// standard deviation of log(resampled ratio), q the Student t quantile at
// (1 + confidence)/2 with df = groups(num) + groups(den) - 2 degrees of
// freedom, as a two-sample t test on group means would use, so few groups
// give a wide interval. A side with a single group carries no information
// about the spread between groups: df is then 0 and q the normal quantile
// (the interval reflects within-group noise only).
// Requires every group non-empty, den values > 0, resamples >= 2,
// 0 < confidence < 1.
struct ClusteredRatio {
    double ratio;
    Interval ci;
    Interval percentile_ci;
    double log_se;
    std::size_t df;  // 0: a side has one group, normal quantile
};
ClusteredRatio ratio_of_medians_clustered(const std::vector<std::vector<double>>& num,
                                          const std::vector<std::vector<double>>& den,
                                          double confidence = 0.95,
                                          unsigned resamples = 10000,
                                          std::uint64_t seed = 1);

// Quantiles (inverse CDFs) at p in (0, 1): standard normal, and Student's t
// with df > 0 degrees of freedom (accurate to ~1e-10).
double normal_quantile(double p);
double student_t_quantile(double p, double df);
// Two-sided p-value of a Student t statistic: P(|T| >= |t|) with df > 0.
double student_t_two_sided_p(double t, double df);

// --- Decision helper ----------------------------------------------------------

// ratio = median(a)/median(b) with a (1-alpha) bootstrap CI, and the U test.
// significant = p_value < alpha AND the ratio CI excludes 1.0 (both checks,
// so neither a tiny-but-consistent shift nor a noisy large ratio alone
// earns the word "faster"). For times, ratio.ratio < 1 means a is faster.
struct Comparison {
    RatioEstimate ratio;
    UTest test;
    bool significant;
};
Comparison compare_samples(const std::vector<double>& a,
                           const std::vector<double>& b,
                           double alpha = 0.05,
                           unsigned resamples = 10000,
                           std::uint64_t seed = 1);

}  // namespace xlb::stats
