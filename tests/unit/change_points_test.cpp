// The Hunter / Otava change-point detector (stats/change_points.hpp) on series whose answer
// is known by construction, and its t-test against figures worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "stats/change_points.hpp"
#include "stats/stats.hpp"

namespace xlb::stats {
namespace {

// `n` values around `level` with a coefficient of variation `cv`, deterministic.
std::vector<double> noisy(std::size_t n, double level, double cv, Rng& rng) {
    std::vector<double> xs;
    for (std::size_t i = 0; i < n; ++i) xs.push_back(level * (1.0 + cv * standard_normal(rng)));
    return xs;
}

std::vector<double> concat(std::vector<double> a, const std::vector<double>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

TEST(StudentTTest, MatchesAHandComputedExample) {
    // means 2 and 5, both variances 1, pooled 1: t = -3 / sqrt(2/3) = -3.6742, df 4,
    // two-sided p = 0.021312 (scipy.stats.ttest_ind([1, 2, 3], [4, 5, 6]) gives the same).
    const auto r = student_t_test({1, 2, 3}, {4, 5, 6});
    EXPECT_NEAR(r.t, -3.0 / std::sqrt(2.0 / 3.0), 1e-12);
    EXPECT_EQ(r.df, 4.0);
    EXPECT_NEAR(r.p_value, 0.0213116, 1e-6);
}

TEST(StudentTTest, ConstantSidesGiveCertainty) {
    EXPECT_EQ(student_t_test({2, 2}, {2, 2, 2}).p_value, 1.0);
    EXPECT_EQ(student_t_test({2, 2}, {3, 3, 3}).p_value, 0.0);
    EXPECT_THROW(student_t_test({1}, {2, 3}), std::invalid_argument);
}

TEST(EDivisiveQ, PeaksAtTheStepOfACleanSeries) {
    // 0 0 0 0 1 1 1 1, min segment 2: tau = 4 has no within-side distance and all 16 pairs
    // across at distance 1: E = 2 * 16 / 16 = 2, Q = 4 * 4 / 8 * 2 = 4.
    const std::vector<double> xs{0, 0, 0, 0, 1, 1, 1, 1};
    const auto q = edivisive_q(xs, 0, xs.size(), 2);
    ASSERT_EQ(q.size(), 5u);  // tau = 2..6
    EXPECT_DOUBLE_EQ(q[2], 4.0);
    for (std::size_t k = 0; k < q.size(); ++k)
        if (k != 2) {
            EXPECT_LT(q[k], q[2]) << k;
        }
    // tau = 2: X = {0, 0}, Y = {0, 0, 1, 1, 1, 1}: between 8 of 12 pairs, within Y 8 of 15 pairs.
    EXPECT_NEAR(q[0], 2.0 * 6.0 / 8.0 * (2.0 * 8.0 / 12.0 - 8.0 / 15.0), 1e-12);
}

TEST(ChangePoints, FindsACleanStepAtItsIndex) {
    Rng rng(7);
    const auto xs = concat(noisy(30, 100.0, 0.03, rng), noisy(20, 80.0, 0.03, rng));
    const auto cps = change_points(xs);
    ASSERT_EQ(cps.size(), 1u);
    EXPECT_EQ(cps[0].index, 30u);
    EXPECT_NEAR(cps[0].magnitude, -0.20, 0.02);
    EXPECT_LT(cps[0].p_value, 1e-6);
    EXPECT_EQ(cps[0].n_before, 30u);
    EXPECT_EQ(cps[0].n_after, 20u);
}

TEST(ChangePoints, FindsNoneInAFlatNoisySeries) {
    for (std::uint64_t seed : {1, 2, 3}) {
        Rng rng(seed);
        EXPECT_TRUE(change_points(noisy(80, 100.0, 0.04, rng)).empty()) << "seed " << seed;
    }
}

TEST(ChangePoints, FindsTwoSteps) {
    Rng rng(11);
    const auto xs = concat(concat(noisy(25, 100.0, 0.02, rng), noisy(25, 115.0, 0.02, rng)), noisy(25, 100.0, 0.02, rng));
    const auto cps = change_points(xs);
    ASSERT_EQ(cps.size(), 2u);
    EXPECT_EQ(cps[0].index, 25u);
    EXPECT_EQ(cps[1].index, 50u);
    EXPECT_GT(cps[0].magnitude, 0.10);
    EXPECT_LT(cps[1].magnitude, -0.10);
}

TEST(ChangePoints, ScaleDoesNotMatter) {
    // The same series in ns and in ops/s magnitudes: Q scales with the values, the answer must not.
    Rng rng(7);
    const auto xs = concat(noisy(30, 100.0, 0.03, rng), noisy(20, 80.0, 0.03, rng));
    for (double scale : {1e-6, 1.0, 1e6}) {
        std::vector<double> scaled;
        for (double x : xs) scaled.push_back(x * scale);
        const auto cps = change_points(scaled);
        ASSERT_EQ(cps.size(), 1u) << scale;
        EXPECT_EQ(cps[0].index, 30u) << scale;
    }
}

TEST(ChangePoints, MinMagnitudeDropsSmallSteps) {
    Rng rng(5);
    const auto xs = concat(noisy(30, 100.0, 0.005, rng), noisy(30, 103.0, 0.005, rng));
    ASSERT_EQ(change_points(xs).size(), 1u);
    ChangePointOptions opts;
    opts.min_magnitude = 0.05;
    EXPECT_TRUE(change_points(xs, opts).empty());
}

TEST(ChangePoints, TooShortSeriesAndBadOptions) {
    EXPECT_TRUE(change_points({}).empty());
    EXPECT_TRUE(change_points({1, 2, 3, 10, 10}).empty());  // fewer than two segments of 3
    ChangePointOptions bad;
    bad.max_p_value = 0;
    EXPECT_THROW(change_points({1, 2}, bad), std::invalid_argument);
    EXPECT_THROW(change_points({1, NAN}), std::invalid_argument);
}

}  // namespace
}  // namespace xlb::stats
