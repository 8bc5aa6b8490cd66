// Unit tests for the server workload's load plan: phase names, open-loop
// rates from the sweep's maximum, and what the quick and full plans cost.
#include "model/server_plan.hpp"

#include <gtest/gtest.h>

#include "model/plan.hpp"

namespace {

using xlb::ClosedOutcome;
using xlb::LoadPhase;
using xlb::ServerPlan;

TEST(ServerPlan, ClosedPhasesFollowTheConnectionCounts) {
  ServerPlan plan;
  plan.connections = {16, 64, 256};
  const auto phases = xlb::closed_phases(plan);
  ASSERT_EQ(phases.size(), 3u);
  EXPECT_EQ(phases[0].name, "c16");
  EXPECT_EQ(phases[2].name, "c256");
  EXPECT_EQ(phases[2].connections, 256);
  for (const auto& p : phases) EXPECT_FALSE(p.open_loop);
}

TEST(ServerPlan, OpenPhasesAreFractionsOfTheMaximumOnItsConnections) {
  ServerPlan plan;
  plan.open_percents = {50, 90};
  const auto phases = xlb::open_phases(plan, 40000.0, 64);
  ASSERT_EQ(phases.size(), 2u);
  EXPECT_EQ(phases[0].name, "open50");
  EXPECT_TRUE(phases[0].open_loop);
  EXPECT_DOUBLE_EQ(phases[0].rate, 20000.0);
  EXPECT_DOUBLE_EQ(phases[1].rate, 36000.0);
  EXPECT_EQ(phases[1].connections, 64);
  EXPECT_EQ(phases[1].percent, 90);
}

TEST(ServerPlan, NoOpenLoopWithoutAMaximum) { EXPECT_TRUE(xlb::open_phases(ServerPlan{}, 0.0, 16).empty()); }

TEST(ServerPlan, BestClosedPicksTheHighestRate) {
  std::vector<ClosedOutcome> outcomes = {{{"c16", false, 16, 0, 0}, 30000},
                                         {{"c64", false, 64, 0, 0}, 45000},
                                         {{"c256", false, 256, 0, 0}, 41000}};
  auto best = xlb::best_closed(outcomes);
  ASSERT_TRUE(best);
  EXPECT_EQ(best->phase.name, "c64");
  EXPECT_DOUBLE_EQ(best->rate, 45000);
  EXPECT_FALSE(xlb::best_closed({{{"c16", false, 16, 0, 0}, 0}}));
  EXPECT_FALSE(xlb::best_closed({}));
}

// Seven servers x three endpoints: the quick plan must stay near a minute, the full one near six.
TEST(ServerPlan, QuickAndFullCost) {
  const auto quick = xlb::quick_plan().server;
  const auto full = xlb::full_plan().server;
  EXPECT_DOUBLE_EQ(xlb::load_seconds(quick, 7, 3), 7 * 3 * 2 * 0.6);       // 25.2 s
  EXPECT_DOUBLE_EQ(xlb::load_seconds(full, 7, 3), 7 * 3 * 5 * 1.1 * 2);    // 231 s
  EXPECT_LT(quick.connections.size(), full.connections.size());
  EXPECT_EQ(quick.rounds, 1);
  EXPECT_EQ(full.rounds, 2);
}

TEST(ServerPlan, RecordedInThePlanWithTheLoadGeneratorCpus) {
  auto plan = xlb::quick_plan();
  plan.variant_cpus = {1};
  plan.harness_cpus = {0};
  auto j = xlb::plan_json(plan);
  EXPECT_EQ(j["server"]["connections"], nlohmann::json({64}));
  EXPECT_EQ(j["server"]["window_ms"], 500);
  EXPECT_EQ(j["loadgen_cpus"], nlohmann::json({0}));  // the harness's CPUs unless set
  plan.loadgen_cpus = {2, 3};
  EXPECT_EQ(xlb::effective_loadgen_cpus(plan), (std::vector<int>{2, 3}));
}

}  // namespace
