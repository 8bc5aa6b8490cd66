// The whole CLI on a server workload of fake servers: a good server is measured
// end to end, bad ones cost their own rows with a clear reason, the run goes on,
// results.json loads, the report has its HTTP section, and no process is left.
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

using testing::fake_server;

const Measurement* find(const ResultsDoc& doc, const std::string& id, const std::string& mode, const std::string& input) {
  return testing::find_row(doc, id, mode, input);
}

std::filesystem::path make_server_project(const json& variants) {
  return testing::make_server_project("http", variants, {{"go", "good"}, {"rust", "good"}});
}

TEST(HttpCli, GoodServersMeasuredBadOnesCostTheirRows) {
  json variants = json::array({fake_server("go", "good", "ok"), fake_server("rust", "good", "ok"),
                               fake_server("rust", "never_ready", "never_ready"),
                               fake_server("rust", "wrong_body", "wrong_body"),
                               fake_server("rust", "crash", "crash_under_load"),
                               fake_server("go", "hang", "hang_on_sigterm")});
  auto root = make_server_project(variants);
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--timeout-s", "3", "--run-id", "srv",
                                   "--mode", "plaintext", "--mode", "echo", "--data-dir", root.string()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(root / "results" / "srv" / "results.json");
  EXPECT_EQ(doc.status, "complete");
  EXPECT_EQ(doc.plan["server"]["connections"], json({64}));

  // A good server: start-up measured, every phase of both endpoints with samples and server figures.
  for (const std::string id : {"go/good", "rust/good"}) {
    SCOPED_TRACE(id);
    const auto* life = find(doc, id, kLifecycleMode, kLifecycleInput);
    ASSERT_NE(life, nullptr);
    EXPECT_EQ(life->status, "ok") << life->reason;
    ASSERT_EQ(life->samples.size(), 1u);
    EXPECT_GT(life->load["rounds"][0]["cold_start_ms"].get<double>(), 0);
    EXPECT_GT(life->load["rounds"][0]["idle_rss_kb"].get<long>(), 0);
    EXPECT_TRUE(life->load["rounds"][0]["exit"]["clean"].get<bool>());
    for (const std::string mode : {"plaintext", "echo"})
      for (const std::string phase : {"c64", "open90"}) {  // the quick plan's phases
        SCOPED_TRACE(mode + "/" + phase);
        const auto* m = find(doc, id, mode, phase);
        ASSERT_NE(m, nullptr);
        EXPECT_EQ(m->status, "ok") << m->reason;
        EXPECT_GE(m->samples.size(), 3u);
        const auto& round = m->load["rounds"][0];
        EXPECT_GT(round["requests"].get<long>(), 0);
        EXPECT_GT(round["server"]["rss_peak_kb"].get<long>(), 0);
        EXPECT_TRUE(round["server"]["cpu_s_per_1k_requests"].is_number());
        if (doc.plan["variant_cpus"].size() == 1) {
          EXPECT_EQ(round["cpus"]["server"], doc.plan["variant_cpus"]);
          EXPECT_EQ(round["cpus"]["loadgen"], doc.plan["loadgen_cpus"]);
        }
        auto f = phase_figures(*m);
        ASSERT_TRUE(f);
        EXPECT_EQ(f->errors.status + f->errors.body + f->errors.parse, 0u);
        if (phase.starts_with("open")) {
          EXPECT_TRUE(f->open_loop);
          EXPECT_GT(f->target_rate, 0);
          EXPECT_GT(f->latency.count(), 0u);
        }
      }
    EXPECT_EQ(find(doc, id, "json", "c64"), nullptr);  // not selected
  }

  const auto* never = find(doc, "rust/never_ready", kLifecycleMode, kLifecycleInput);
  ASSERT_NE(never, nullptr);
  EXPECT_EQ(never->status, "failed");
  EXPECT_NE(never->reason.find("not ready within 3.0 s"), std::string::npos) << never->reason;
  EXPECT_EQ(find(doc, "rust/never_ready", "plaintext", "c64"), nullptr);

  const auto* wrong = find(doc, "rust/wrong_body", "plaintext", "verify");
  ASSERT_NE(wrong, nullptr);
  EXPECT_EQ(wrong->status, "invalid");
  EXPECT_NE(wrong->reason.find("body was 'Hello, World?'"), std::string::npos) << wrong->reason;
  EXPECT_EQ(find(doc, "rust/wrong_body", "plaintext", "c64"), nullptr);  // never loaded
  ASSERT_NE(find(doc, "rust/wrong_body", "echo", "c64"), nullptr);       // its other endpoint is
  EXPECT_EQ(find(doc, "rust/wrong_body", "echo", "c64")->status, "ok");

  const auto* crash = find(doc, "rust/crash", "plaintext", "c64");
  ASSERT_NE(crash, nullptr);
  EXPECT_EQ(crash->status, "failed");
  EXPECT_NE(crash->reason.find("killed by signal 11 (SIGSEGV)"), std::string::npos) << crash->reason;
  EXPECT_EQ(find(doc, "rust/crash", kLifecycleMode, kLifecycleInput)->status, "failed");

  const auto* hang = find(doc, "go/hang", kLifecycleMode, kLifecycleInput);
  ASSERT_NE(hang, nullptr);
  EXPECT_EQ(hang->status, "failed");
  EXPECT_NE(hang->reason.find("did not exit within"), std::string::npos) << hang->reason;
  EXPECT_EQ(find(doc, "go/hang", "plaintext", "c64")->status, "ok");  // what it served still counts

  std::ifstream md(root / "results" / "srv" / "report.md");
  const std::string report((std::istreambuf_iterator<char>(md)), {});
  EXPECT_NE(report.find("### endpoint plaintext\n"), std::string::npos);
  EXPECT_NE(report.find("**maximum throughput (closed loop"), std::string::npos);
  EXPECT_NE(report.find("### endpoint echo\n"), std::string::npos);
  EXPECT_NE(report.find("**latency at fixed load"), std::string::npos);
  EXPECT_NE(report.find("Invalid and failed"), std::string::npos);
  EXPECT_NE(run.out.find("Rust/Go max req/s baseline (good c"), std::string::npos) << run.out;
  EXPECT_EQ(testing::count_processes_with(root.string()), 0);
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace xlb
