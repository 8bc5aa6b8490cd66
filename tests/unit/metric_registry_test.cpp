// The metric registry: one list for reports, claims and compare, documented in docs/metrics.md.
#include <gtest/gtest.h>

#include <set>

#include "analysis/claim_series.hpp"
#include "analysis/claims.hpp"
#include "compare/compare.hpp"
#include "model/metrics.hpp"
#include "test_util.hpp"

namespace xlb {
namespace {

TEST(MetricRegistry, NamesAreUniqueAndEveryMetricSaysHowItIsDerived) {
  std::set<std::string> names;
  for (const auto& d : metric_registry()) {
    EXPECT_TRUE(names.insert(d.name).second) << d.name;
    EXPECT_FALSE(d.unit.empty()) << d.name;
    EXPECT_FALSE(d.derivation.empty()) << d.name;
    if (d.per_sample) {
      EXPECT_TRUE(d.series) << d.name;
    }
  }
  EXPECT_EQ(find_metric("no_such_metric"), nullptr);
  EXPECT_THROW(metric("no_such_metric"), std::invalid_argument);
}

TEST(MetricRegistry, CompareAndClaimsReadTheRegistry) {
  std::vector<std::string> compared;
  for (const auto* d : compared_metrics()) compared.push_back(d->name);
  EXPECT_EQ(compare_metric_names(), compared);
  EXPECT_EQ(compared, (std::vector<std::string>{"ops_per_s", "mb_per_s", "ns_per_op", "peak_rss_kb", "instructions_per_op"}));
  std::vector<std::string> claimable;
  for (const auto* d : claim_metric_defs()) claimable.push_back(d->name);
  EXPECT_EQ(claim_metrics(), claimable);
  for (const auto& name : claimable) {
    ASSERT_NE(find_claim_metric(name), nullptr) << name;
    EXPECT_EQ(find_claim_metric(name)->higher_is_better, metric(name).higher_is_better) << name;
  }
}

// One definition of peak RSS: compare's series is the per-run series the claims and reports use.
TEST(MetricRegistry, PeakRssIsThePerRunSeries) {
  Measurement m;
  m.runs.resize(3);
  m.runs[0].outcome = "ok";
  m.runs[0].peak_rss_kb = 1000;
  m.runs[1].outcome = "ok";
  m.runs[1].peak_rss_kb = 3000;
  m.runs[2].outcome = "failed";
  m.runs[2].peak_rss_kb = 9000;
  EXPECT_EQ(metric("peak_rss_kb").series(m), (std::vector<double>{1000, 3000}));
  EXPECT_EQ(metric("peak_rss_kb").series(m), peak_rss_per_run(m));
  EXPECT_EQ(peak_rss_kb(m), 3000);
  EXPECT_DOUBLE_EQ(median_peak_rss_kb(m), 2000);
}

TEST(MetricRegistry, ThroughputSeriesFromSamples) {
  Measurement m;
  m.input_bytes = 1'000'000;
  m.samples = {{10, 1'000'000'000}, {20, 1'000'000'000}};
  EXPECT_EQ(metric("ops_per_s").series(m), (std::vector<double>{10, 20}));
  EXPECT_EQ(metric("mb_per_s").series(m), (std::vector<double>{10, 20}));
  EXPECT_EQ(metric("ns_per_op").series(m), (std::vector<double>{1e8, 5e7}));
  m.input_bytes = 0;  // no input size: no MB/s
  EXPECT_TRUE(metric("mb_per_s").series(m).empty());
}

TEST(MetricRegistry, DocsListEveryMetric) {
  const auto docs = unit::read_text(std::filesystem::path(XLB_SOURCE_DIR) / "docs" / "metrics.md");
  for (const auto& d : metric_registry()) EXPECT_CONTAINS(docs, "| `" + d.name + "` | " + d.unit + " |");
}

}  // namespace
}  // namespace xlb
