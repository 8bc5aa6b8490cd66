// Server faults the issue names, next to a good server in one quick plaintext
// run: a server that announces a port it does not listen on, one that resets
// every 10th request with a TCP RST, and one that answers 30 ms late. The run
// completes, the good server is measured whole, each fault shows the way a user
// needs to see it, and no process of the run is left.
#include <gtest/gtest.h>

#include <fstream>

#include "analysis/http_summary.hpp"
#include "model/results.hpp"
#include "server_project.hpp"
#include "kinds/server/server_runner.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

using nlohmann::json;
using testing::find_row;

constexpr std::int64_t kSlowDelayNs = 30'000'000;  // fake_server --behave slow
const std::vector<std::string> kQuickPhases = {"c64", "open90"};

TEST(ServerFaults, WrongPortResetsAndSlowServerEachShowTheirFault) {
  const json variants = json::array({testing::fake_server("go", "good", "ok"),
                                     testing::fake_server("rust", "wrong_port", "wrong_port"),
                                     testing::fake_server("rust", "reset", "reset_connections"),
                                     testing::fake_server("rust", "slow", "slow")});
  const auto root = testing::make_server_project("server-faults", variants);
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--timeout-s", "3", "--run-id", "sf",
                                   "--mode", "plaintext", "--data-dir", root.string()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(root / "results" / "sf" / "results.json");  // throws if it does not parse
  EXPECT_EQ(doc.status, "complete");

  // The good server: started, every phase measured without errors.
  const auto* good_life = find_row(doc, "go/good", kLifecycleMode, kLifecycleInput);
  ASSERT_NE(good_life, nullptr);
  EXPECT_EQ(good_life->status, "ok") << good_life->reason;
  std::map<std::string, PhaseFigures> good;
  for (const auto& phase : kQuickPhases) {
    SCOPED_TRACE("go/good " + phase);
    const auto* m = find_row(doc, "go/good", "plaintext", phase);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->status, "ok") << m->reason;
    EXPECT_GE(m->samples.size(), 3u);
    auto f = phase_figures(*m);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->errors.total(), 0u);
    EXPECT_GT(f->latency.count(), 0u);
    good[phase] = *f;
  }

  // wrong_port: nothing answers on the announced port, so its start fails with a
  // reason naming the refused connection and no load row is written.
  const auto* wrong = find_row(doc, "rust/wrong_port", kLifecycleMode, kLifecycleInput);
  ASSERT_NE(wrong, nullptr);
  EXPECT_EQ(wrong->status, "failed");
  EXPECT_NE(wrong->reason.find("no successful response to GET /plaintext within 3.0 s"), std::string::npos)
      << wrong->reason;
  EXPECT_NE(wrong->reason.find("Connection refused"), std::string::npos) << wrong->reason;
  EXPECT_TRUE(wrong->samples.empty());
  for (const auto& phase : kQuickPhases) EXPECT_EQ(find_row(doc, "rust/wrong_port", "plaintext", phase), nullptr);
  EXPECT_EQ(find_row(doc, "rust/wrong_port", "plaintext", "verify"), nullptr);

  // reset_connections: the requests it answered are measured, the resets are
  // counted as transport errors in every load round (not as wrong responses,
  // which would make the endpoint invalid), and the report shows them.
  const auto* reset_life = find_row(doc, "rust/reset", kLifecycleMode, kLifecycleInput);
  ASSERT_NE(reset_life, nullptr);
  EXPECT_EQ(reset_life->status, "ok") << reset_life->reason;
  for (const auto& phase : kQuickPhases) {
    SCOPED_TRACE("rust/reset " + phase);
    const auto* m = find_row(doc, "rust/reset", "plaintext", phase);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->status, "ok") << m->reason;
    EXPECT_FALSE(m->samples.empty());
    for (const auto& round : m->load["rounds"]) {
      EXPECT_GT(round["errors"]["total"].get<long>(), 0) << round["errors"].dump();
      EXPECT_GT(round["errors"]["read"].get<long>(), 0) << round["errors"].dump();
    }
    auto f = phase_figures(*m);
    ASSERT_TRUE(f);
    EXPECT_GT(f->requests, 0u);
    EXPECT_EQ(f->errors.status + f->errors.body + f->errors.parse, 0u);
  }

  // slow: every response waits 30 ms, so even its fastest request takes that long,
  // above the good server's; no errors (the request timeout is 2 s). The median is
  // compared in the closed loop only: an open loop at 90% of a good server's noisy
  // maximum on a busy machine can queue past 30 ms.
  const auto* slow_life = find_row(doc, "rust/slow", kLifecycleMode, kLifecycleInput);
  ASSERT_NE(slow_life, nullptr);
  EXPECT_EQ(slow_life->status, "ok") << slow_life->reason;
  for (const auto& phase : kQuickPhases) {
    SCOPED_TRACE("rust/slow " + phase);
    const auto* m = find_row(doc, "rust/slow", "plaintext", phase);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->status, "ok") << m->reason;
    auto f = phase_figures(*m);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->errors.total(), 0u);
    ASSERT_GT(f->latency.count(), 0u);
    const auto& good_latency = good.at(phase).latency;
    EXPECT_GE(f->latency.min_ns(), kSlowDelayNs);
    EXPECT_GT(f->latency.min_ns(), good_latency.min_ns());
    if (!f->open_loop) {
      EXPECT_GT(f->latency.percentile_ns(0.5), good_latency.percentile_ns(0.5));
    }
  }

  std::ifstream md(root / "results" / "sf" / "report.md");
  const std::string report((std::istreambuf_iterator<char>(md)), {});
  EXPECT_NE(report.find("(read "), std::string::npos) << "the reset errors must be visible in the report";
  EXPECT_NE(report.find("Invalid and failed"), std::string::npos);

  // Every server's argv names its request file under the run's directory.
  EXPECT_EQ(testing::count_processes_with(root.string()), 0) << "processes of the run left behind";
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace xlb
