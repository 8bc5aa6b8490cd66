#include "stats/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace xlb::stats {
namespace {

// Takes const char* so the hot validation loops never build a std::string.
void require(bool ok, const char* fn, const char* what) {
    if (!ok) throw std::invalid_argument(std::string("xlb::stats::") + fn + ": " + what);
}

// NaN/inf would violate sort's strict weak ordering, so reject them up front.
void check_sample(const std::vector<double>& xs, const char* fn) {
    require(!xs.empty(), fn, "empty input");
    for (double x : xs) require(std::isfinite(x), fn, "non-finite value in input");
}

void check_confidence(double c, const char* fn) {
    require(c > 0.0 && c < 1.0, fn, "confidence must be in (0, 1)");
}

// Median of already-sorted data; (a+b)/2 for even n, as numpy.median.
double median_sorted(const std::vector<double>& s) {
    const std::size_t n = s.size();
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
}

// O(n) median that reorders `v` in place (bootstrap hot loop).
double median_inplace(std::vector<double>& v) {
    const std::size_t n = v.size();
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(v.begin(), mid, v.end());
    if (n % 2) return *mid;
    return (*std::max_element(v.begin(), mid) + *mid) / 2.0;
}

MedianCI median_ci_sorted(const std::vector<double>& s, double confidence);
double mad_about(const std::vector<double>& xs, double med);

double normal_sf(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

// Counts of the Mann-Whitney U statistic over all C(m+n, m) arrangements:
// coefficients of the Gaussian binomial [m+n choose m]_q =
// prod_{k=1..m} (1 - q^(n+k)) / (1 - q^k), computed as truncated power series.
// All values stay below 2*C(40,20) < 2^38 for m, n <= 20, so int64 is exact.
std::vector<std::int64_t> u_counts(std::size_t m, std::size_t n) {
    const std::size_t top = m * n;
    std::vector<std::int64_t> c(top + 1, 0);
    c[0] = 1;
    for (std::size_t k = 1; k <= m; ++k) {
        for (std::size_t i = top; i >= n + k; --i) c[i] -= c[i - (n + k)];
        for (std::size_t i = k; i <= top; ++i) c[i] += c[i - k];
    }
    return c;
}

}  // namespace

double mean(const std::vector<double>& xs) {
    check_sample(xs, "mean");
    double sum = 0.0;
    for (double x : xs) sum += x;
    return sum / static_cast<double>(xs.size());
}

double stddev(const std::vector<double>& xs) {
    const double m = mean(xs);
    if (xs.size() < 2) return 0.0;
    double ss = 0.0;
    for (double x : xs) ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(xs.size() - 1));
}

double cv(const std::vector<double>& xs) {
    const double m = mean(xs);
    require(m != 0.0, "cv", "mean is zero");
    return stddev(xs) / m;
}

double median(std::vector<double> xs) {
    check_sample(xs, "median");
    std::sort(xs.begin(), xs.end());
    return median_sorted(xs);
}

double mad(const std::vector<double>& xs) { return mad_about(xs, median(xs)); }

namespace {
double mad_about(const std::vector<double>& xs, double med) {
    std::vector<double> dev;
    dev.reserve(xs.size());
    for (double x : xs) dev.push_back(std::fabs(x - med));
    return median_inplace(dev);
}
}  // namespace

double percentile_sorted(const std::vector<double>& s, double p) {
    check_sample(s, "percentile");
    require(p >= 0.0 && p <= 100.0, "percentile", "p must be in [0, 100]");
    const double h = static_cast<double>(s.size() - 1) * (p / 100.0);
    const double lo_f = std::floor(h);
    const auto lo = static_cast<std::size_t>(lo_f);
    if (lo + 1 >= s.size()) return s.back();
    const double t = h - lo_f, a = s[lo], b = s[lo + 1], d = b - a;
    // numpy's _lerp: interpolate from the nearer end for accuracy.
    return t >= 0.5 ? b - d * (1.0 - t) : a + d * t;
}

double percentile(std::vector<double> xs, double p) {
    check_sample(xs, "percentile");
    std::sort(xs.begin(), xs.end());
    return percentile_sorted(xs, p);
}

double geometric_mean(const std::vector<double>& xs) {
    check_sample(xs, "geometric_mean");
    double sum = 0.0;
    for (double x : xs) {
        require(x > 0.0, "geometric_mean", "values must be > 0");
        sum += std::log(x);
    }
    return std::exp(sum / static_cast<double>(xs.size()));
}

MedianCI median_ci(const std::vector<double>& xs, double confidence) {
    check_sample(xs, "median_ci");
    std::vector<double> s = xs;
    std::sort(s.begin(), s.end());
    return median_ci_sorted(s, confidence);
}

namespace {
MedianCI median_ci_sorted(const std::vector<double>& s, double confidence) {
    check_confidence(confidence, "median_ci");
    const std::size_t n = s.size();
    const double tail = (1.0 - confidence) / 2.0;
    // Tolerance only so that an exactly dyadic tail (e.g. 0.125) is not lost
    // to rounding in the log-space pmf.
    const double tol = 1e-12;
    // Walk the Binomial(n, 1/2) CDF in log space (2^-n underflows for big n).
    double log_pmf = -static_cast<double>(n) * std::log(2.0), cdf = std::exp(log_pmf);
    std::size_t l = 1;       // 1-based lower order statistic; l = 1 is [min, max]
    double tail_at_l = cdf;  // P(B <= l-1)
    for (std::size_t k = 1; k + 1 <= (n + 1) / 2; ++k) {
        log_pmf += std::log(static_cast<double>(n - k + 1) / static_cast<double>(k));
        const double next = cdf + std::exp(log_pmf);
        if (next > tail + tol) break;
        l = k + 1;
        tail_at_l = cdf = next;
    }
    MedianCI r;
    r.interval = {s[l - 1], s[n - l]};
    r.coverage = 1.0 - 2.0 * tail_at_l;
    r.coverage_reached = tail_at_l <= tail + tol;
    return r;
}
}  // namespace

Summary summarize(const std::vector<double>& xs) {
    check_sample(xs, "summarize");
    std::vector<double> s = xs;
    std::sort(s.begin(), s.end());
    Summary r{};
    r.n = s.size();
    r.min = s.front();
    r.max = s.back();
    r.mean = mean(xs);
    r.stddev = stddev(xs);
    r.cv = r.mean != 0.0 ? r.stddev / r.mean : std::numeric_limits<double>::quiet_NaN();
    r.median = median_sorted(s);
    r.mad = mad_about(s, r.median);
    r.p1 = percentile_sorted(s, 1);
    r.p5 = percentile_sorted(s, 5);
    r.p25 = percentile_sorted(s, 25);
    r.p50 = percentile_sorted(s, 50);
    r.p75 = percentile_sorted(s, 75);
    r.p95 = percentile_sorted(s, 95);
    r.p99 = percentile_sorted(s, 99);
    r.median_ci = median_ci_sorted(s, 0.95);
    return r;
}

UTest mann_whitney_u(const std::vector<double>& a, const std::vector<double>& b) {
    check_sample(a, "mann_whitney_u");
    check_sample(b, "mann_whitney_u");
    const std::size_t n1 = a.size(), n2 = b.size(), n = n1 + n2;
    std::vector<std::pair<double, bool>> all;  // (value, belongs to a)
    all.reserve(n);
    for (double x : a) all.emplace_back(x, true);
    for (double x : b) all.emplace_back(x, false);
    std::sort(all.begin(), all.end(),
              [](const auto& l, const auto& r) { return l.first < r.first; });

    // Average ranks for ties; collect sum(t^3 - t) for the variance correction.
    double r1 = 0.0, tie_term = 0.0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && all[j].first == all[i].first) ++j;
        const double avg_rank = static_cast<double>(i + 1 + j) / 2.0;
        for (std::size_t k = i; k < j; ++k)
            if (all[k].second) r1 += avg_rank;
        const double t = static_cast<double>(j - i);
        tie_term += t * t * t - t;
        i = j;
    }
    const double dn1 = static_cast<double>(n1), dn2 = static_cast<double>(n2);
    const double dn = static_cast<double>(n);
    UTest r{};
    r.u = r1 - dn1 * (dn1 + 1.0) / 2.0;
    const double mu = dn1 * dn2 / 2.0;
    const double var = dn1 * dn2 / 12.0 * ((dn + 1.0) - tie_term / (dn * (dn - 1.0)));
    const double sigma = std::sqrt(std::max(0.0, var));
    const double dev = r.u - mu;
    // sigma == 0 only when every value is equal: no evidence either way.
    r.z = sigma > 0.0 ? std::copysign(std::max(0.0, std::fabs(dev) - 0.5), dev) / sigma : 0.0;

    r.exact = tie_term == 0.0 && n1 <= kMannWhitneyExactMaxN && n2 <= kMannWhitneyExactMaxN;
    if (r.exact) {
        const auto counts = u_counts(std::min(n1, n2), std::max(n1, n2));
        // No ties, so U1 is an integer; P(U >= max(U1, U2)) by symmetry.
        const auto u_big = static_cast<std::size_t>(std::max(r.u, dn1 * dn2 - r.u));
        std::int64_t total = 0, upper = 0;
        for (std::size_t u = 0; u < counts.size(); ++u) {
            total += counts[u];
            if (u >= u_big) upper += counts[u];
        }
        r.p_value = std::min(1.0, 2.0 * static_cast<double>(upper) / static_cast<double>(total));
    } else {
        r.p_value = std::min(1.0, 2.0 * normal_sf(std::fabs(r.z)));
    }
    return r;
}

Rng::Rng(std::uint64_t seed) {
    for (auto& word : s_) {  // splitmix64, the seeding xoshiro's authors recommend
        std::uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        word = z ^ (z >> 31);
    }
}

std::uint64_t Rng::next() {
    auto rotl = [](std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

std::uint64_t Rng::below(std::uint64_t n) {
    if (n == 0) throw std::invalid_argument("xlb::stats::Rng::below: n must be > 0");
    // Reject the 2^64 mod n lowest values so every residue is equally likely.
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        const std::uint64_t r = next();
        if (r >= threshold) return r % n;
    }
}

RatioEstimate ratio_of_medians(const std::vector<double>& num, const std::vector<double>& den,
                               double confidence, unsigned resamples, std::uint64_t seed) {
    check_sample(num, "ratio_of_medians");
    check_sample(den, "ratio_of_medians");
    check_confidence(confidence, "ratio_of_medians");
    require(resamples >= 1, "ratio_of_medians", "resamples must be >= 1");
    for (double x : den) require(x > 0.0, "ratio_of_medians", "denominator values must be > 0");

    RatioEstimate r{};
    r.ratio = median(num) / median(den);
    Rng rng(seed);
    std::vector<double> bn(num.size()), bd(den.size()), ratios(resamples);
    for (unsigned i = 0; i < resamples; ++i) {
        // Fixed draw order (all of num, then all of den) keeps results reproducible.
        for (auto& x : bn) x = num[rng.below(num.size())];
        for (auto& x : bd) x = den[rng.below(den.size())];
        ratios[i] = median_inplace(bn) / median_inplace(bd);
    }
    std::sort(ratios.begin(), ratios.end());
    r.ci = {percentile_sorted(ratios, 100.0 * (1.0 - confidence) / 2.0),
            percentile_sorted(ratios, 100.0 * (1.0 + confidence) / 2.0)};
    return r;
}

namespace {

std::vector<double> pooled(const std::vector<std::vector<double>>& groups, const char* fn) {
    require(!groups.empty(), fn, "no groups");
    std::vector<double> all;
    for (const auto& g : groups) {
        check_sample(g, fn);  // also refuses an empty group
        all.insert(all.end(), g.begin(), g.end());
    }
    return all;
}

// One two-stage draw: groups with replacement, then values within each drawn group.
double cluster_resample_median(const std::vector<std::vector<double>>& groups, Rng& rng,
                               std::vector<double>& buffer) {
    buffer.clear();
    for (std::size_t k = 0; k < groups.size(); ++k) {
        const auto& g = groups[rng.below(groups.size())];
        for (std::size_t i = 0; i < g.size(); ++i) buffer.push_back(g[rng.below(g.size())]);
    }
    return median_inplace(buffer);
}

}  // namespace

ClusteredRatio ratio_of_medians_clustered(const std::vector<std::vector<double>>& num,
                                          const std::vector<std::vector<double>>& den, double confidence,
                                          unsigned resamples, std::uint64_t seed) {
    const char* fn = "ratio_of_medians_clustered";
    const auto all_num = pooled(num, fn);
    const auto all_den = pooled(den, fn);
    check_confidence(confidence, fn);
    require(resamples >= 2, fn, "resamples must be >= 2");
    for (double x : all_den) require(x > 0.0, fn, "denominator values must be > 0");

    ClusteredRatio r{};
    r.ratio = median(all_num) / median(all_den);
    Rng rng(seed);
    std::vector<double> buffer, ratios(resamples), logs(resamples);
    buffer.reserve(std::max(all_num.size(), all_den.size()) * 2);
    for (unsigned i = 0; i < resamples; ++i) {
        const double n = cluster_resample_median(num, rng, buffer);
        const double d = cluster_resample_median(den, rng, buffer);
        ratios[i] = n / d;
        logs[i] = std::log(ratios[i]);
    }
    std::sort(ratios.begin(), ratios.end());
    r.percentile_ci = {percentile_sorted(ratios, 100.0 * (1.0 - confidence) / 2.0),
                       percentile_sorted(ratios, 100.0 * (1.0 + confidence) / 2.0)};
    r.log_se = stddev(logs);
    r.df = num.size() >= 2 && den.size() >= 2 ? num.size() + den.size() - 2 : 0;
    const double p = (1.0 + confidence) / 2.0;
    const double q = r.df ? student_t_quantile(p, static_cast<double>(r.df)) : normal_quantile(p);
    const double centre = std::log(r.ratio);
    r.ci = {std::exp(centre - q * r.log_se), std::exp(centre + q * r.log_se)};
    return r;
}

namespace {

// Regularized incomplete beta I_x(a, b) by its continued fraction (modified Lentz).
double beta_continued_fraction(double a, double b, double x) {
    const double tiny = 1e-300;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    if (std::fabs(d) < tiny) d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 1000; ++m) {
        const double dm = m;
        double num = dm * (b - dm) * x / ((a + 2 * dm - 1) * (a + 2 * dm));
        for (int step = 0; step < 2; ++step) {
            d = 1.0 + num * d;
            if (std::fabs(d) < tiny) d = tiny;
            c = 1.0 + num / c;
            if (std::fabs(c) < tiny) c = tiny;
            d = 1.0 / d;
            const double delta = c * d;
            h *= delta;
            if (step == 1 && std::fabs(delta - 1.0) < 1e-15) return h;
            num = -(a + dm) * (a + b + dm) * x / ((a + 2 * dm) * (a + 2 * dm + 1));
        }
    }
    return h;
}

double incomplete_beta(double a, double b, double x) {
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    const double front =
        std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
    return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

// Upper tail P(T > t) of Student's t, t >= 0.
double student_t_upper(double t, double df) { return 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t)); }

// Root of a decreasing function on [lo, hi] by bisection: slow but exact to the last bits.
template <typename F>
double bisect_decreasing(F f, double target, double lo, double hi) {
    for (int i = 0; i < 400 && hi - lo > 1e-15 * std::max(1.0, std::fabs(lo)); ++i) {
        const double mid = lo + (hi - lo) / 2.0;
        (f(mid) > target ? lo : hi) = mid;
    }
    return lo + (hi - lo) / 2.0;
}

}  // namespace

double normal_quantile(double p) {
    require(p > 0.0 && p < 1.0, "normal_quantile", "p must be in (0, 1)");
    return bisect_decreasing([](double x) { return normal_sf(x); }, 1.0 - p, -40.0, 40.0);
}

double student_t_quantile(double p, double df) {
    require(p > 0.0 && p < 1.0, "student_t_quantile", "p must be in (0, 1)");
    require(df > 0.0 && std::isfinite(df), "student_t_quantile", "df must be > 0");
    if (p == 0.5) return 0.0;
    const double upper = p > 0.5 ? 1.0 - p : p;  // the tail beyond |t|
    double hi = 1.0;
    while (student_t_upper(hi, df) > upper && hi < 1e300) hi *= 2.0;
    const double t = bisect_decreasing([df](double x) { return student_t_upper(x, df); }, upper, 0.0, hi);
    return p > 0.5 ? t : -t;
}

double standard_normal(Rng& rng) {
    // 53-bit uniforms; u1 in (0, 1] so the log is finite.
    const double u1 = (static_cast<double>(rng.next() >> 11) + 1.0) * 0x1.0p-53;
    const double u2 = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

double student_t_two_sided_p(double t, double df) {
    require(std::isfinite(t), "student_t_two_sided_p", "t must be finite");
    require(df > 0.0 && std::isfinite(df), "student_t_two_sided_p", "df must be > 0");
    return std::min(1.0, 2.0 * student_t_upper(std::fabs(t), df));
}

Comparison compare_samples(const std::vector<double>& a, const std::vector<double>& b,
                           double alpha, unsigned resamples, std::uint64_t seed) {
    require(alpha > 0.0 && alpha < 1.0, "compare_samples", "alpha must be in (0, 1)");
    Comparison c{};
    c.ratio = ratio_of_medians(a, b, 1.0 - alpha, resamples, seed);
    c.test = mann_whitney_u(a, b);
    const bool ci_excludes_one = c.ratio.ci.high < 1.0 || c.ratio.ci.low > 1.0;
    c.significant = c.test.p_value < alpha && ci_excludes_one;
    return c;
}

}  // namespace xlb::stats
