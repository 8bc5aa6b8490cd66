// The load generator "on another host" (--client-host): tests/fakes/fake_ssh.sh and fake_scp.sh
// stand in for ssh and scp (the remote command runs under a local sh in a session of its own, as
// under sshd), so the copy of the harness, `xlbench loadgen --job` under the launch script, the
// result read back and the teardown are exercised without a network. Every test ends with no
// process of the remote directory's left.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <future>
#include <thread>

#include "../unit/http_test_server.hpp"
#include "kinds/server/remote_load_client.hpp"
#include "model/results.hpp"
#include "server_project.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

using namespace std::chrono_literals;

class RemoteLoadClientTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("loadclient"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<RemoteLoadClient> client() {
    SshTools tools;
    tools.ssh = XLB_FAKE_SSH;
    tools.scp = XLB_FAKE_SCP;
    return std::make_unique<RemoteLoadClient>(SshHost{"", "client.invalid", 0}, tools, XLB_CLI, dir_ / "work");
  }
  LoadOptions plaintext(int port, std::chrono::milliseconds duration) {
    LoadOptions o;
    o.port = port;
    o.request.path = "/plaintext";
    o.expect.body_bytes = 13;
    o.connections = 2;
    o.warmup = 100ms;
    o.duration = duration;
    o.interval = 100ms;
    return o;
  }
  // Processes whose command line names the remote directory, within `grace`.
  static int left_in(const std::string& remote_dir, std::chrono::milliseconds grace) {
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (testing::count_processes_with(remote_dir) > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(20ms);
    return testing::count_processes_with(remote_dir);
  }
  std::filesystem::path dir_;
};

TEST_F(RemoteLoadClientTest, RunsAPhaseThereAndReadsItsResultBack) {
  unit::TestHttpServer server({});
  auto c = client();
  EXPECT_GE(c->logical_cpus(), 1);
  EXPECT_EQ(c->remote_dir().rfind("/tmp/xlbench-run.", 0), 0u);
  const auto r = c->run(http_load_job(plaintext(server.port(), 1200ms)));
  EXPECT_GT(r.requests, 10u);
  EXPECT_EQ(r.errors.total(), 0u);
  EXPECT_EQ(r.latency.count(), r.requests);
  EXPECT_EQ(r.per_interval.size(), 12u);
  EXPECT_GE(server.requests(), r.requests) << "the server saw what the remote generator counted";
  EXPECT_EQ(r.extra["client"]["host"], "client.invalid");
  EXPECT_GT(r.extra["client"]["wall_s"].get<double>(), 1.2);
  ASSERT_TRUE(r.extra["client"].contains("cpu_s")) << r.extra.dump();
  EXPECT_GT(r.extra["client"]["cpu_s"].get<double>(), 0);
  EXPECT_EQ(left_in(c->remote_dir(), 5s), 0);
  const auto remote_dir = c->remote_dir();
  c.reset();
  EXPECT_FALSE(std::filesystem::exists(remote_dir)) << "the site's directory is removed with it";
}

TEST_F(RemoteLoadClientTest, AKilledGeneratorIsAnErrorNamingTheSignalAndLeavesNothing) {
  unit::TestHttpServer server({});
  auto c = client();
  auto running = std::async(std::launch::async, [&] { return c->run(http_load_job(plaintext(server.port(), 30s))); });
  // The generator's pid: the process running the copied harness as `loadgen`.
  pid_t victim = 0;
  for (int i = 0; i < 250 && !victim; ++i) {
    std::this_thread::sleep_for(20ms);
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
      std::ifstream cmdline(entry.path() / "cmdline");
      std::string text((std::istreambuf_iterator<char>(cmdline)), {});
      if (text.rfind(c->remote_dir(), 0) == 0 && text.find("loadgen") != std::string::npos) {
        victim = std::stoi(entry.path().filename().string());
        break;
      }
    }
  }
  ASSERT_GT(victim, 0) << "the generator never ran";
  ::kill(victim, SIGKILL);
  ASSERT_EQ(running.wait_for(10s), std::future_status::ready) << "the harness waited for a dead generator";
  try {
    running.get();
    FAIL() << "a killed generator gave a result";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("client.invalid: the load generator failed: killed by signal 9"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(left_in(c->remote_dir(), 5s), 0);
}

TEST_F(RemoteLoadClientTest, AJobTheGeneratorRefusesIsAnErrorWithItsMessage) {
  auto c = client();
  auto o = plaintext(0, 100ms);  // port 0: the generator refuses it
  try {
    c->run(http_load_job(o));
    FAIL() << "a refused job gave a result";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("exit 2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("port"), std::string::npos) << "the generator's own message: " << e.what();
  }
  EXPECT_EQ(left_in(c->remote_dir(), 5s), 0);
}

// The whole run: fake servers here bound to 127.0.0.1 (--server-bind), the load generator "there".
TEST(ClientHostCli, EveryPhaseIsMeasuredThereAndTheResultsSaySo) {
  const auto variants = nlohmann::json::array({testing::fake_server("go", "good", "ok")});
  const auto root = testing::make_server_project("client-host", variants);
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--run-id", "ch", "--mode", "plaintext",
                                   "--data-dir", root.string(), "--client-host", "lg.invalid", "--client-threads", "2",
                                   "--server-bind", "127.0.0.1"},
                                  300, {{"XLBENCH_SSH", XLB_FAKE_SSH}, {"XLBENCH_SCP", XLB_FAKE_SCP}});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(root / "results" / "ch" / "results.json");
  EXPECT_EQ(doc.plan["client_host"], "lg.invalid");
  EXPECT_EQ(doc.plan["loadgen_cpus"], nlohmann::json::array()) << "none of this machine's CPUs";
  const auto& topology = doc.environment["topology"];
  EXPECT_EQ(topology["kind"], "multi-host");
  EXPECT_EQ(topology["roles"]["loadgen"], "lg.invalid");
  EXPECT_EQ(topology["roles"]["server"], "local");
  for (const auto& phase : {"c64", "open90"}) {
    SCOPED_TRACE(phase);
    const auto* m = testing::find_row(doc, "go/good", "plaintext", phase);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->status, "ok") << m->reason;
    EXPECT_FALSE(m->samples.empty());
    for (const auto& round : m->load["rounds"]) {
      EXPECT_EQ(round["client"]["host"], "lg.invalid");
      EXPECT_EQ(round["loadgen_threads"], 2);
      EXPECT_EQ(round["threads"], 2) << "the event loops the generator there really ran";
    }
  }
  std::ifstream report(root / "results" / "ch" / "report.md");
  const std::string text((std::istreambuf_iterator<char>(report)), {});
  EXPECT_NE(text.find("load generator on lg.invalid (--client-host), threads 2"), std::string::npos);
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace xlb
