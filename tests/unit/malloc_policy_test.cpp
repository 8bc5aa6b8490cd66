// The Rust batch variants' allocator policy: which processes get which
// environment, how a bad value is refused, and the page-fault figure that
// shows the policy's effect in reports.
#include "model/malloc_policy.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "core/errors.hpp"
#include "model/metrics.hpp"
#include "test_util.hpp"

namespace {

using xlb::malloc_env;

TEST(MallocPolicy, SteadyStateIsForRustBatchVariantsOnly) {
  const std::map<std::string, std::string> steady{{"GLIBC_TUNABLES", xlb::kSteadyMallocTunables}};
  EXPECT_EQ(malloc_env("steady", "rust", "batch"), steady);
  EXPECT_TRUE(malloc_env("steady", "go", "batch").empty());     // Go's runtime has its own allocator
  EXPECT_TRUE(malloc_env("steady", "rust", "spawn").empty());   // memory workloads measure malloc as is
  EXPECT_TRUE(malloc_env("steady", "rust", "server").empty());
  EXPECT_TRUE(malloc_env("default", "rust", "batch").empty());
}

TEST(MallocPolicy, TunablesFixBothThresholds) {
  // Both are needed: a fixed trim threshold alone also freezes the mmap threshold at 128 KiB.
  const std::string tunables = xlb::kSteadyMallocTunables;
  EXPECT_CONTAINS(tunables, "glibc.malloc.mmap_threshold=33554432");
  EXPECT_CONTAINS(tunables, "glibc.malloc.trim_threshold=67108864");
}

TEST(MallocPolicy, UnknownValueIsNamed) {
  EXPECT_NO_THROW(xlb::check_malloc_policy("steady"));
  EXPECT_NO_THROW(xlb::check_malloc_policy("default"));
  try {
    xlb::check_malloc_policy("jemalloc");
    FAIL() << "no error";
  } catch (const xlb::InputError& e) {
    EXPECT_CONTAINS(std::string(e.what()), "--rust-malloc: unknown value 'jemalloc'");
  }
}

TEST(MallocPolicy, ReportTextFollowsThePlan) {
  EXPECT_CONTAINS(xlb::rust_malloc_text({{"rust_malloc", "steady"}}), "GLIBC_TUNABLES=glibc.malloc.mmap_threshold");
  EXPECT_CONTAINS(xlb::rust_malloc_text({{"rust_malloc", "default"}}), "glibc malloc defaults");
  EXPECT_CONTAINS(xlb::rust_malloc_text(nlohmann::json::object()), "glibc malloc defaults");  // older runs
  EXPECT_CONTAINS(xlb::rust_malloc_text({{"rust_malloc", 3}}), "glibc malloc defaults");
}

xlb::Measurement batch_with_faults(std::vector<long> faults) {
  xlb::Measurement m;
  m.kind = "batch";
  m.warmup = nlohmann::json::array({{{"ops", 100}, {"ns", 1}, {"batch", 10}}});
  m.samples = {{200, 1}, {200, 1}};
  for (long f : faults) {
    xlb::ProcessRun r;
    r.minor_faults = f;
    m.runs.push_back(r);
  }
  return m;
}

TEST(MinorFaultsPerOp, CountsEveryOperationOfTheProcesses) {
  // 500 operations (100 warm-up + 2 x 200 sampled), 1,000 + 1,500 faults.
  auto per_op = xlb::minor_faults_per_op(batch_with_faults({1000, 1500}));
  ASSERT_TRUE(per_op.has_value());
  EXPECT_DOUBLE_EQ(*per_op, 5.0);
}

TEST(MinorFaultsPerOp, HugeCountsDoNotOverflow) {
  auto m = batch_with_faults({std::numeric_limits<long>::max(), std::numeric_limits<long>::max()});
  m.samples = {{std::numeric_limits<std::int64_t>::max(), 1}, {std::numeric_limits<std::int64_t>::max(), 1}};
  auto per_op = xlb::minor_faults_per_op(m);
  ASSERT_TRUE(per_op.has_value());
  EXPECT_NEAR(*per_op, 1.0, 1e-9);
}

TEST(MinorFaultsPerOp, AbsentWithoutACountOrOutsideBatchWorkloads) {
  EXPECT_FALSE(xlb::minor_faults_per_op(batch_with_faults({0, 0})).has_value());  // older documents
  auto spawn = batch_with_faults({1000});
  spawn.kind = "spawn";
  EXPECT_FALSE(xlb::minor_faults_per_op(spawn).has_value());
  auto empty = batch_with_faults({1000});
  empty.samples.clear();
  empty.warmup = nlohmann::json::array();
  EXPECT_FALSE(xlb::minor_faults_per_op(empty).has_value());
}

}  // namespace
