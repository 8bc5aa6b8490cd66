// Single-host vs multi-host runs: the topology field (absent in older results),
// the refusal to compare across it, the history's machine key, and the thread
// and CPU choices --server-host and --server-threads make.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "history/ingest.hpp"
#include "kinds/server/server_runner.hpp"
#include "model/plan.hpp"
#include "model/topology.hpp"
#include "os/process.hpp"
#include "test_util.hpp"

namespace xlb {
namespace {

using nlohmann::json;

json environment(const std::string& topology) {
  json env = {{"cpu_model", "cpu"}, {"kernel", "Linux 6"}, {"logical_cpus", 2}, {"toolchains", json::object()}};
  if (!topology.empty()) {
    env["topology"] = {{"kind", topology}, {"roles", {{"server", "10.0.0.2"}}}};
    json host = {{"host", "10.0.0.2"}, {"cpu_model", "other"}, {"roles", json::array({"server"})}};
    env["hosts"] = json::array({host});
  }
  return env;
}

TEST(Topology, ResultsWithoutTheFieldAreSingleHost) {
  EXPECT_EQ(topology_kind(environment("")), kSingleHost);
  EXPECT_EQ(topology_kind(json::object()), kSingleHost);
  EXPECT_EQ(topology_kind(environment(kMultiHost)), kMultiHost);
}

TEST(Topology, MixingIsRefusedNamingBothFilesAndTheOverride) {
  EXPECT_NO_THROW(check_same_topology(environment(""), "a.json", environment(kSingleHost), "b.json", "--x"));
  try {
    check_same_topology(environment(""), "a.json", environment(kMultiHost), "b.json", "--allow-mixed-topology");
    FAIL() << "a single-host and a multi-host run were compared";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "a.json is a single-host run and b.json a multi-host run");
    EXPECT_CONTAINS(e.what(), "--allow-mixed-topology");
  }
}

TEST(Topology, HistoryKeepsMultiHostSeriesApartAndSingleHostKeysAsBefore) {
  const auto old = machine_of(environment(""), "old.json");
  EXPECT_EQ(machine_of(environment(kSingleHost), "new.json").fingerprint, old.fingerprint);
  EXPECT_NE(machine_of(environment(kMultiHost), "multi.json").fingerprint, old.fingerprint);
}

TEST(ServerThreads, FlagWinsLocalPinsThatManyCpusRemoteKeepsEveryCpuForTheHarness) {
  Plan local;
  local.server_threads = 2;
  EXPECT_EQ(server_threads(local), 2);
  Plan pinned;
  pinned.variant_cpus = {1};
  EXPECT_EQ(server_threads(pinned), 1);
  Plan remote;
  remote.server_host = "h";
  remote.variant_cpus = {1, 2, 3};  // not this machine's business
  remote.threads = 1;
  EXPECT_EQ(server_threads(remote), 1);
  remote.harness_cpus = {0, 1};
  EXPECT_EQ(loadgen_threads(remote), 2);

  const auto cpus = current_affinity();
  if (cpus.size() < 2) GTEST_SKIP() << "one CPU: nothing is pinned";
  Plan p;
  p.server_threads = 1;
  assign_cpus(p);
  EXPECT_EQ(p.variant_cpus, std::vector<int>{cpus.back()});
  Plan too_many;
  too_many.server_threads = 64;  // the harness keeps one CPU
  assign_cpus(too_many);
  EXPECT_EQ(too_many.variant_cpus.size(), cpus.size() - 1);
  EXPECT_EQ(too_many.harness_cpus, std::vector<int>{cpus.front()});
  Plan on_host;
  on_host.server_host = "h";
  assign_cpus(on_host);
  EXPECT_TRUE(on_host.variant_cpus.empty());
  EXPECT_EQ(on_host.harness_cpus, cpus);
}

}  // namespace
}  // namespace xlb
