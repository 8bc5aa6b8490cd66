#include "stats/change_points.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>

#include "stats/stats.hpp"

namespace xlb::stats {
namespace {

void require(bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("change_points: " + what);
}

// 2-D prefix sums of |x_p - x_q| over xs[begin, end), so any block sum is O(1).
class DistanceSums {
public:
    DistanceSums(const std::vector<double>& xs, std::size_t begin, std::size_t end)
        : begin_(begin), n_(end - begin), s_((n_ + 1) * (n_ + 1), 0.0) {
        for (std::size_t i = 0; i < n_; ++i)
            for (std::size_t j = 0; j < n_; ++j)
                at(i + 1, j + 1) = std::fabs(xs[begin + i] - xs[begin + j]) + at(i, j + 1) + at(i + 1, j) - at(i, j);
    }
    // Sum of |x_p - x_q| for p in [a, b), q in [c, d) (absolute indices).
    double block(std::size_t a, std::size_t b, std::size_t c, std::size_t d) const {
        a -= begin_, b -= begin_, c -= begin_, d -= begin_;
        return at(b, d) - at(a, d) - at(b, c) + at(a, c);
    }

private:
    double& at(std::size_t i, std::size_t j) { return s_[i * (n_ + 1) + j]; }
    double at(std::size_t i, std::size_t j) const { return s_[i * (n_ + 1) + j]; }
    std::size_t begin_, n_;
    std::vector<double> s_;
};

std::vector<double> slice(const std::vector<double>& xs, std::size_t a, std::size_t b) {
    return {xs.begin() + static_cast<std::ptrdiff_t>(a), xs.begin() + static_cast<std::ptrdiff_t>(b)};
}

// The split at `index` tested between its neighbouring change points `left` and `right`.
ChangePoint tested(const std::vector<double>& xs, std::size_t left, std::size_t index, std::size_t right) {
    const auto before = slice(xs, left, index), after = slice(xs, index, right);
    ChangePoint cp;
    cp.index = index;
    cp.n_before = before.size();
    cp.n_after = after.size();
    cp.mean_before = mean(before);
    cp.mean_after = mean(after);
    cp.magnitude = cp.mean_before != 0 ? cp.mean_after / cp.mean_before - 1.0 : 0.0;
    // Change points found in different windows may sit closer than a testable segment: such a
    // one keeps p = 1 and is merged away.
    if (before.size() >= 2 && after.size() >= 2) {
        const auto test = student_t_test(before, after);
        cp.t = test.t;
        cp.p_value = test.p_value;
    }
    return cp;
}

// E-divisive on xs[begin, end): repeatedly split the segment whose best candidate has the
// largest Q, while that candidate passes the t-test against its neighbours (Otava's
// EDivisive with a TTestSignificanceTester). Returns absolute indices.
std::vector<std::size_t> edivisive(const std::vector<double>& xs, std::size_t begin, std::size_t end,
                                   const ChangePointOptions& opts) {
    std::set<std::size_t> found;
    for (;;) {
        bool any = false;  // Q may be negative (unbiased within-sample terms): no sentinel value
        double best_q = 0;
        std::size_t best_tau = 0, best_left = 0, best_right = 0;
        std::size_t left = begin;
        for (auto it = found.begin();; ++it) {
            const std::size_t right = it == found.end() ? end : *it;
            if (right - left >= 2 * opts.min_segment) {
                const auto q = edivisive_q(xs, left, right, opts.min_segment);
                const auto k = static_cast<std::size_t>(std::distance(q.begin(), std::max_element(q.begin(), q.end())));
                if (!any || q[k] > best_q) {
                    any = true;
                    best_q = q[k];
                    best_tau = left + opts.min_segment + k;
                    best_left = left;
                    best_right = right;
                }
            }
            if (it == found.end()) break;
            left = right;
        }
        if (!any || tested(xs, best_left, best_tau, best_right).p_value > opts.max_p_value) break;
        found.insert(best_tau);
    }
    return {found.begin(), found.end()};
}

bool passes(const ChangePoint& cp, const ChangePointOptions& opts) {
    return cp.p_value <= opts.max_p_value && std::fabs(cp.magnitude) >= opts.min_magnitude;
}

}  // namespace

TTest student_t_test(const std::vector<double>& a, const std::vector<double>& b) {
    require(a.size() >= 2 && b.size() >= 2, "a t-test needs two values per side");
    const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
    const double df = na + nb - 2.0;
    const double sa = stddev(a), sb = stddev(b);
    const double pooled = ((na - 1.0) * sa * sa + (nb - 1.0) * sb * sb) / df;
    const double diff = mean(a) - mean(b);
    const double se = std::sqrt(pooled * (1.0 / na + 1.0 / nb));
    if (se == 0.0) return {diff == 0.0 ? 0.0 : std::copysign(INFINITY, diff), diff == 0.0 ? 1.0 : 0.0, df};
    const double t = diff / se;
    return {t, student_t_two_sided_p(t, df), df};
}

std::vector<double> edivisive_q(const std::vector<double>& xs, std::size_t begin, std::size_t end,
                                std::size_t min_segment) {
    require(begin <= end && end <= xs.size(), "segment out of range");
    require(min_segment >= 2, "min_segment must be at least 2");
    std::vector<double> q;
    if (end - begin < 2 * min_segment) return q;
    const DistanceSums d(xs, begin, end);
    for (std::size_t tau = begin + min_segment; tau + min_segment <= end; ++tau) {
        const double n = static_cast<double>(tau - begin), m = static_cast<double>(end - tau);
        const double between = d.block(begin, tau, tau, end);
        const double within_x = d.block(begin, tau, begin, tau) / 2.0;  // pairs i < k counted once
        const double within_y = d.block(tau, end, tau, end) / 2.0;
        const double e = 2.0 * between / (n * m) - within_x / (n * (n - 1) / 2.0) - within_y / (m * (m - 1) / 2.0);
        q.push_back(n * m / (n + m) * e);
    }
    return q;
}

std::vector<ChangePoint> change_points(const std::vector<double>& xs, const ChangePointOptions& opts) {
    require(opts.max_p_value > 0.0 && opts.max_p_value < 1.0, "max_p_value must be in (0, 1)");
    require(opts.min_segment >= 2, "min_segment must be at least 2");
    require(opts.window >= 2 * opts.min_segment, "window must hold two segments");
    require(opts.min_magnitude >= 0.0, "min_magnitude must not be negative");
    for (double x : xs) require(std::isfinite(x), "values must be finite");

    // Otava's split(): e-divisive on windows of `window` points, each starting at the last
    // change point found or half a window on, so a long series is searched locally.
    std::set<std::size_t> indexes;
    const std::size_t step = std::max<std::size_t>(1, opts.window / 2);
    for (std::size_t start = 0; start < xs.size();) {
        const std::size_t end = std::min(start + opts.window, xs.size());
        const auto found = edivisive(xs, start, end, opts);
        indexes.insert(found.begin(), found.end());
        if (end == xs.size()) break;
        start = std::max(found.empty() ? start : found.back(), start + step);
    }

    // Otava's merge(): test every change point against its neighbours and drop the weakest
    // failing one (largest p, then smallest magnitude) until all pass.
    std::vector<std::size_t> kept(indexes.begin(), indexes.end());
    for (;;) {
        std::vector<ChangePoint> cps;
        for (std::size_t i = 0; i < kept.size(); ++i)
            cps.push_back(tested(xs, i == 0 ? 0 : kept[i - 1], kept[i], i + 1 == kept.size() ? xs.size() : kept[i + 1]));
        std::size_t weakest = cps.size();
        for (std::size_t i = 0; i < cps.size(); ++i) {
            if (passes(cps[i], opts)) continue;
            if (weakest == cps.size() || cps[i].p_value > cps[weakest].p_value ||
                (cps[i].p_value == cps[weakest].p_value &&
                 std::fabs(cps[i].magnitude) < std::fabs(cps[weakest].magnitude)))
                weakest = i;
        }
        if (weakest == cps.size()) return cps;
        kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(weakest));
    }
}

}  // namespace xlb::stats
