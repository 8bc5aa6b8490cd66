// Change-point detection for benchmark histories: the method of Hunter / Apache Otava
// (Fleming et al., "Hunter: Using Change Point Detection to Hunt for Performance
// Regressions", ICPE 2023). E-divisive means (Matteson & James, JASA
// 2014) proposes where a series splits; instead of E-divisive's random permutation test,
// a two-sample Student t-test decides whether the split is significant, so the result is
// deterministic. Every function is pure.
#pragma once

#include <cstddef>
#include <vector>

namespace xlb::stats {

struct ChangePointOptions {
    double max_p_value = 0.001;   // Otava's default: a split must reach p <= this
    std::size_t window = 50;      // Otava's window_len: e-divisive runs on windows this long
    std::size_t min_segment = 3;  // points on each side of a candidate (the t-test needs a variance)
    double min_magnitude = 0.0;   // |mean_after / mean_before - 1| a kept change point must reach
};

// Two-sample Student t-test (pooled variance, two-sided), as scipy.stats.ttest_ind(a, b).
// Both sides of zero variance: p = 1 when the means are equal, 0 otherwise.
struct TTest {
    double t;
    double p_value;
    double df;
};
TTest student_t_test(const std::vector<double>& a, const std::vector<double>& b);

struct ChangePoint {
    std::size_t index = 0;  // first point of the new regime
    std::size_t n_before = 0, n_after = 0;  // points in the segments tested (up to the neighbours)
    double mean_before = 0, mean_after = 0;
    double magnitude = 0;  // mean_after / mean_before - 1 (signed)
    double t = 0, p_value = 1;
};

// The e-divisive statistic Q(tau) of splitting xs[begin, end) at tau (alpha = 1), for every
// tau in [begin + min_segment, end - min_segment]; q[k] is for tau = begin + min_segment + k.
std::vector<double> edivisive_q(const std::vector<double>& xs, std::size_t begin, std::size_t end,
                                std::size_t min_segment);

// The change points of xs, ascending by index, each tested against its neighbours (Otava's
// split + merge). Values must be finite; throws std::invalid_argument otherwise or for
// options out of range (max_p_value in (0, 1), window >= 2 * min_segment, min_segment >= 2).
std::vector<ChangePoint> change_points(const std::vector<double>& xs, const ChangePointOptions& opts = {});

}  // namespace xlb::stats
