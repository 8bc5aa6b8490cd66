#include "loadgen/latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "core/errors.hpp"

namespace xlb {
namespace {

// Log-linear buckets as in HdrHistogram: values below 2*kSub are exact; above,
// every power of two is split into kSub equal buckets, so a bucket is at most
// 1/kSub = 0.78% of its lower bound wide.
constexpr int kSubBits = 7;
constexpr std::int64_t kSub = std::int64_t{1} << kSubBits;
constexpr std::int64_t kMaxTrackedNs = 100'000'000'000;  // 100 s; larger values share the top bucket

constexpr std::size_t bucket_index(std::int64_t v) {
  if (v < 2 * kSub) return static_cast<std::size_t>(v);
  const int top_bit = 63 - std::countl_zero(static_cast<std::uint64_t>(v));
  const int shift = top_bit - kSubBits;
  return static_cast<std::size_t>(shift * kSub + (v >> shift));
}

constexpr std::size_t kBucketCount = bucket_index(kMaxTrackedNs) + 1;

// Largest value that falls into bucket i.
std::int64_t bucket_upper(std::size_t i) {
  const auto idx = static_cast<std::int64_t>(i);
  if (idx < 2 * kSub) return idx;
  const std::int64_t shift = idx / kSub - 1;
  const std::int64_t sub = idx - shift * kSub;
  return ((sub + 1) << shift) - 1;
}

}  // namespace

LatencyHistogram::LatencyHistogram() : counts_(kBucketCount, 0) {}

void LatencyHistogram::record(std::int64_t ns) {
  if (ns < 0) ns = 0;
  ++counts_[bucket_index(std::min(ns, kMaxTrackedNs))];
  if (count_ == 0 || ns < min_) min_ = ns;
  if (ns > max_) max_ = ns;
  ++count_;
  sum_ += static_cast<long double>(ns);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
}

std::int64_t LatencyHistogram::min_ns() const { return count_ == 0 ? 0 : min_; }

double LatencyHistogram::mean_ns() const {
  return count_ == 0 ? 0.0 : static_cast<double>(sum_ / static_cast<long double>(count_));
}

std::int64_t LatencyHistogram::percentile_ns(double q) const {
  if (count_ == 0) return 0;
  if (!(q > 0)) return min_;
  if (q >= 1) return max_;
  // The smallest value with at least ceil(q * count) samples at or below it.
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::clamp(bucket_upper(i), min_, max_);
  }
  return max_;
}

nlohmann::json LatencyHistogram::to_json() const {
  nlohmann::json buckets = nlohmann::json::array();
  for (std::size_t i = 0; i < counts_.size(); ++i)
    if (counts_[i] != 0) buckets.push_back({bucket_upper(i), counts_[i]});
  return {{"count", count_},
          {"min_ns", min_ns()},
          {"mean_ns", mean_ns()},
          {"max_ns", max_},
          {"p50_ns", percentile_ns(0.50)},
          {"p90_ns", percentile_ns(0.90)},
          {"p99_ns", percentile_ns(0.99)},
          {"p999_ns", percentile_ns(0.999)},
          {"buckets", std::move(buckets)}};
}

LatencyHistogram LatencyHistogram::from_json(const nlohmann::json& j) {
  LatencyHistogram h;
  try {
    const auto& buckets = j.at("buckets");
    if (!buckets.is_array()) throw InputError("latency histogram: 'buckets' is not an array");
    std::uint64_t total = 0;
    for (const auto& b : buckets) {
      if (!b.is_array() || b.size() != 2) throw InputError("latency histogram: a bucket is not [upper_ns, count]");
      const auto upper = b[0].get<std::int64_t>();
      const auto n = b[1].get<std::uint64_t>();
      if (upper < 0) throw InputError("latency histogram: negative bucket bound " + std::to_string(upper));
      h.counts_[bucket_index(std::min(upper, kMaxTrackedNs))] += n;
      total += n;
    }
    h.count_ = j.at("count").get<std::uint64_t>();
    if (h.count_ != total)
      throw InputError("latency histogram: 'count' " + std::to_string(h.count_) + " differs from the bucket sum " +
                       std::to_string(total));
    h.min_ = j.at("min_ns").get<std::int64_t>();
    h.max_ = j.at("max_ns").get<std::int64_t>();
    h.sum_ = static_cast<long double>(j.at("mean_ns").get<double>()) * static_cast<long double>(h.count_);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("latency histogram: ") + e.what());
  }
  return h;
}

}  // namespace xlb
