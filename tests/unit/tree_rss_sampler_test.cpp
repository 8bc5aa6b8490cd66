// Unit tests for the summed-RSS sampler of a build's process tree.
#include "os/tree_rss_sampler.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>

#include "os/process.hpp"

namespace {

TEST(TreeRssSampler, SeesAChildAndReportsItsResidentMemory) {
  std::atomic<int> beats{0};
  xlb::TreeRssSampler sampler(std::chrono::milliseconds(10), std::chrono::seconds(1),
                              [&](std::chrono::seconds) { ++beats; });
  xlb::ChildLimits limits;
  auto r = xlb::run_child({"sleep", "1.3"}, limits, [](const std::string&) { return std::nullopt; });
  ASSERT_TRUE(r.ok()) << r.describe();
  const long peak = sampler.stop();
  EXPECT_GT(peak, 100);         // sleep is small but not that small: some hundreds of kB
  EXPECT_LT(peak, 200 * 1024);  // and not a whole machine
  EXPECT_GE(beats.load(), 1);
  EXPECT_EQ(sampler.stop(), peak);  // stopping twice is harmless
}

TEST(TreeRssSampler, NoDescendantsNoMemory) {
  // Other tests' children have been reaped; a process that never existed has none.
  EXPECT_EQ(xlb::descendants_rss_kb(0x3fffffff), 0);
}

}  // namespace
