// ServerProcess against the fake server: ready line and port, a resource
// window, a clean SIGTERM stop, and every way a server can misbehave, each
// ending with no process of its group left.
#include "kinds/server/server_process.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <thread>

#include "loadgen/http_load.hpp"
#include "fake_server_fixture.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

using namespace std::chrono_literals;

class FakeServer : public testing::FakeServerFixture {};
using testing::plaintext;

TEST_F(FakeServer, ReadyServeWindowAndCleanStop) {
  ServerProcess server(launch("ok"));
  ASSERT_TRUE(server.started());
  ASSERT_TRUE(server.wait_ready(5000ms)) << server.problem();
  EXPECT_GT(server.port(), 0);
  EXPECT_EQ(server.hello()["variant"], "ok");
  EXPECT_GT(server.ready_after().count(), 0);
  EXPECT_GT(server.rss_kb(), 0);
  server.begin_window(ServerProcess::Clock::now());
  // Keep the server busy for a while so its CPU time moves.
  auto until = std::chrono::steady_clock::now() + 300ms;
  int answered = 0;
  while (std::chrono::steady_clock::now() < until)
    answered += http_exchange("127.0.0.1", server.port(), plaintext(), 1000ms).status == 200;
  const auto window = server.end_window();
  EXPECT_GT(answered, 10);
  EXPECT_GE(window.wall_s, 0.3);
  EXPECT_GT(window.rss_samples, 3);
  EXPECT_GT(window.rss_peak_kb, 0);
  EXPECT_GE(window.rss_peak_kb, static_cast<long>(window.rss_mean_kb));
  EXPECT_GT(window.cpu_s, 0.0);
  EXPECT_TRUE(server.alive());
  const auto exit = server.stop();
  EXPECT_TRUE(exit.clean()) << exit.describe();
  EXPECT_TRUE(exit.done_line);
  EXPECT_EQ(exit.exit_code, 0);
  EXPECT_GT(exit.peak_rss_kb, 0);
  EXPECT_EQ(server.stop().exit_code, 0);  // idempotent
}

TEST_F(FakeServer, WindowStartsWhenScheduled) {
  ServerProcess server(launch("ok"));
  ASSERT_TRUE(server.wait_ready(5000ms)) << server.problem();
  server.begin_window(ServerProcess::Clock::now() + 200ms);
  std::this_thread::sleep_for(300ms);
  const auto window = server.end_window();
  EXPECT_GT(window.wall_s, 0.05);
  EXPECT_LT(window.wall_s, 0.2);  // the first 200 ms were left out
}

TEST_F(FakeServer, NeverReadyTimesOut) {
  ServerProcess server(launch("never_ready"));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(server.wait_ready(500ms));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_NE(server.problem().find("not ready within 0.5 s (after hello, before ready)"), std::string::npos)
      << server.problem();
  server.stop();
}

TEST_F(FakeServer, GarbageIsAProtocolError) {
  ServerProcess server(launch("garbage"));
  EXPECT_FALSE(server.wait_ready(5000ms));
  EXPECT_NE(server.problem().find("not a JSON line"), std::string::npos) << server.problem();
  server.stop();
}

TEST_F(FakeServer, ErrorLineAndEarlyExit) {
  ServerProcess server(launch("exit_early"));
  EXPECT_FALSE(server.wait_ready(5000ms));
  EXPECT_NE(server.problem().find("port already in use (on purpose)"), std::string::npos) << server.problem();
  const auto exit = server.stop();
  EXPECT_EQ(exit.exit_code, 1);  // its own exit status, whether or not SIGTERM was already on its way
  EXPECT_FALSE(exit.clean());
}

TEST_F(FakeServer, CrashWhileServingIsNamed) {
  ServerProcess server(launch("crash_under_load"));
  ASSERT_TRUE(server.wait_ready(5000ms)) << server.problem();
  for (int i = 0; i < 400 && server.alive(); ++i) http_exchange("127.0.0.1", server.port(), plaintext(), 1000ms);
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (server.alive() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  EXPECT_NE(server.problem().find("server exited while serving: killed by signal 11 (SIGSEGV)"), std::string::npos)
      << server.problem();
  const auto exit = server.stop();
  EXPECT_TRUE(exit.exited_before_stop);
  EXPECT_FALSE(exit.clean());
}

TEST_F(FakeServer, IgnoringSigtermCostsTheWholeGroup) {
  ServerProcess server(launch("hang_on_sigterm"));
  ASSERT_TRUE(server.wait_ready(5000ms)) << server.problem();
  std::this_thread::sleep_for(100ms);  // its forked child is up
  EXPECT_EQ(testing::count_processes_with(request_.string()), 2);
  const auto start = std::chrono::steady_clock::now();
  const auto exit = server.stop();
  EXPECT_GE(std::chrono::steady_clock::now() - start, 1000ms);
  EXPECT_TRUE(exit.needed_sigkill);
  EXPECT_EQ(exit.term_signal, SIGKILL);
  EXPECT_NE(exit.describe().find("did not exit within 1.0 s of SIGTERM"), std::string::npos) << exit.describe();
  std::this_thread::sleep_for(100ms);  // the forked child was in the group: gone too (reaped by init)
}

TEST_F(FakeServer, MissingBinary) {
  ServerLaunch l = launch("ok");
  l.argv[0] = (dir_ / "no-such-server").string();
  ServerProcess server(l);
  EXPECT_FALSE(server.started());
  EXPECT_FALSE(server.wait_ready(100ms));
  EXPECT_NE(server.problem().find("could not start"), std::string::npos) << server.problem();
}

}  // namespace
}  // namespace xlb
