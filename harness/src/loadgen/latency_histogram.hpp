#pragma once
// HDR-style latency histogram: log-linear buckets with a bounded relative error
// (about 1%), from 1 us to 100 s, cheap to record and to merge across threads.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace xlb {

class LatencyHistogram {
 public:
  LatencyHistogram();
  void record(std::int64_t ns);
  void merge(const LatencyHistogram& other);
  std::uint64_t count() const { return count_; }
  std::int64_t min_ns() const;
  std::int64_t max_ns() const { return max_; }
  double mean_ns() const;
  // Value at quantile q in [0, 1]: an upper bound within the bucket's relative error.
  std::int64_t percentile_ns(double q) const;
  // {"count","min_ns","mean_ns","max_ns","p50_ns","p90_ns","p99_ns","p999_ns","buckets":[[upper_ns,count]...]}
  nlohmann::json to_json() const;
  static LatencyHistogram from_json(const nlohmann::json& j);

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::int64_t min_ = 0, max_ = 0;
  long double sum_ = 0;
};

}  // namespace xlb
