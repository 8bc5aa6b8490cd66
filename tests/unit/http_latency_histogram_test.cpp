#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/errors.hpp"
#include "loadgen/latency_histogram.hpp"

namespace xlb {
namespace {

constexpr double kRelativeError = 1.0 / 128;  // the bucket width the histogram promises

// The exact q-quantile as the histogram defines it: the value of rank ceil(q * n).
std::int64_t exact_percentile(std::vector<std::int64_t> v, double q) {
  std::sort(v.begin(), v.end());
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  rank = std::clamp<std::size_t>(rank, 1, v.size());
  return v[rank - 1];
}

void expect_within_error(const LatencyHistogram& h, const std::vector<std::int64_t>& values) {
  for (double q : {0.0, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0}) {
    const auto exact = exact_percentile(values, q);
    const auto got = h.percentile_ns(q);
    EXPECT_GE(got, exact) << "q=" << q << ": an upper bound of the bucket";
    EXPECT_LE(static_cast<double>(got), static_cast<double>(exact) * (1 + kRelativeError) + 1) << "q=" << q;
  }
}

TEST(LatencyHistogram, EmptyHistogramReportsZeros) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.min_ns(), 0);
  EXPECT_EQ(h.max_ns(), 0);
  EXPECT_EQ(h.percentile_ns(0.99), 0);
  EXPECT_EQ(h.mean_ns(), 0.0);
}

TEST(LatencyHistogram, UniformMicrosecondsToHundredMilliseconds) {
  LatencyHistogram h;
  std::vector<std::int64_t> values;
  for (std::int64_t us = 1; us <= 100000; ++us) values.push_back(us * 1000);
  for (auto v : values) h.record(v);
  EXPECT_EQ(h.count(), values.size());
  EXPECT_EQ(h.min_ns(), 1000);
  EXPECT_EQ(h.max_ns(), 100'000'000);
  EXPECT_NEAR(h.mean_ns(), 50'000'500.0, 1.0);
  expect_within_error(h, values);
  // Known values: p50 of 1..100000 us is 50000 us.
  EXPECT_NEAR(static_cast<double>(h.percentile_ns(0.5)), 50e6, 50e6 * kRelativeError);
}

TEST(LatencyHistogram, LogNormalLatenciesOverTheWholeRange) {
  std::mt19937_64 rng(42);
  std::lognormal_distribution<double> dist(std::log(200'000.0), 2.5);  // median 200 us, long tail
  std::vector<std::int64_t> values;
  LatencyHistogram h;
  for (int i = 0; i < 200000; ++i) {
    auto v = std::clamp<std::int64_t>(static_cast<std::int64_t>(dist(rng)), 1000, 100'000'000'000);
    values.push_back(v);
    h.record(v);
  }
  expect_within_error(h, values);
}

TEST(LatencyHistogram, SmallValuesAreExact) {
  LatencyHistogram h;
  for (int v : {3, 7, 7, 100, 255}) h.record(v);
  EXPECT_EQ(h.percentile_ns(0.2), 3);
  EXPECT_EQ(h.percentile_ns(0.6), 7);
  EXPECT_EQ(h.percentile_ns(0.8), 100);
  EXPECT_EQ(h.percentile_ns(1.0), 255);
}

TEST(LatencyHistogram, OutOfRangeValuesAreClamped) {
  LatencyHistogram h;
  h.record(-5);
  h.record(500'000'000'000);  // 500 s: beyond the tracked range, max stays exact
  EXPECT_EQ(h.min_ns(), 0);
  EXPECT_EQ(h.max_ns(), 500'000'000'000);
  EXPECT_EQ(h.percentile_ns(1.0), 500'000'000'000);
  EXPECT_GE(h.percentile_ns(0.99), 99'000'000'000);
}

TEST(LatencyHistogram, MergeEqualsRecordingEverythingInOne) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> dist(1000, 5'000'000'000);
  LatencyHistogram a, b, all;
  for (int i = 0; i < 50000; ++i) {
    auto v = dist(rng);
    (i % 3 == 0 ? a : b).record(v);
    all.record(v);
  }
  LatencyHistogram merged;
  merged.merge(a);
  merged.merge(b);
  merged.merge(LatencyHistogram{});  // an idle thread's histogram changes nothing
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_EQ(merged.min_ns(), all.min_ns());
  EXPECT_EQ(merged.max_ns(), all.max_ns());
  EXPECT_NEAR(merged.mean_ns(), all.mean_ns(), 1e-6 * all.mean_ns());
  auto mj = merged.to_json(), aj = all.to_json();
  mj.erase("mean_ns");
  aj.erase("mean_ns");
  EXPECT_EQ(mj, aj);
}

TEST(LatencyHistogram, JsonRoundTrip) {
  LatencyHistogram h;
  for (std::int64_t v = 1000; v < 1'000'000'000; v = v * 13 / 10) h.record(v);
  const auto j = h.to_json();
  EXPECT_EQ(j.at("count").get<std::uint64_t>(), h.count());
  EXPECT_EQ(j.at("p99_ns").get<std::int64_t>(), h.percentile_ns(0.99));
  EXPECT_EQ(j.at("p999_ns").get<std::int64_t>(), h.percentile_ns(0.999));
  EXPECT_FALSE(j.at("buckets").empty());
  const auto back = LatencyHistogram::from_json(j);
  EXPECT_EQ(back.to_json(), j);
}

TEST(LatencyHistogram, FromJsonRejectsBadDocuments) {
  LatencyHistogram h;
  h.record(5000);
  auto j = h.to_json();
  auto wrong_count = j;
  wrong_count["count"] = 2;
  EXPECT_THROW(LatencyHistogram::from_json(wrong_count), InputError);
  auto no_buckets = j;
  no_buckets.erase("buckets");
  EXPECT_THROW(LatencyHistogram::from_json(no_buckets), InputError);
  auto bad_bucket = j;
  bad_bucket["buckets"] = nlohmann::json::array({nlohmann::json::array({1})});
  EXPECT_THROW(LatencyHistogram::from_json(bad_bucket), InputError);
  EXPECT_THROW(LatencyHistogram::from_json(nlohmann::json::array()), InputError);
}

}  // namespace
}  // namespace xlb
