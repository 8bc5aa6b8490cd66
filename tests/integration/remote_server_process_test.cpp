// ServerProcess with its server "on another host": tests/fakes/fake_ssh.sh
// stands in for ssh (the remote command runs under a local sh in a session of
// its own, as under sshd), so the launch script, the protocol lines over the
// channel, /proc samples as script lines, TERM/KILL through the channel and
// the teardown when the channel ends are all exercised without a network.
// Every test ends with no process of the server's left.
#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "kinds/server/server_process.hpp"
#include "loadgen/http_load.hpp"
#include "fake_server_fixture.hpp"

namespace xlb {
namespace {

using namespace std::chrono_literals;

class RemoteFakeServer : public testing::FakeServerFixture {
 protected:
  void TearDown() override {
    // The launch script ends the group within the grace period after the channel ends.
    expect_nothing_left(std::chrono::seconds(5));
    std::filesystem::remove_all(dir_);
  }
  ServerLaunch launch(const std::string& behave) override {
    auto l = FakeServerFixture::launch(behave);
    l.env = {{"GOMAXPROCS", "1"}};
    l.rss_interval = 50ms;
    l.remote_host = SshHost{"", "remote.invalid", 0};
    l.ssh_tools.ssh = XLB_FAKE_SSH;
    l.remote_dir = dir_.string();
    return l;
  }
};
using testing::plaintext;

TEST_F(RemoteFakeServer, ReadyServeWindowFromRemoteProcAndCleanStop) {
  ServerProcess server(launch("ok"));
  ASSERT_TRUE(server.started());
  ASSERT_TRUE(server.wait_ready(5000ms)) << server.problem() << server.stderr_tail();
  EXPECT_EQ(server.hello()["variant"], "ok");
  std::this_thread::sleep_for(150ms);  // a sample or two
  EXPECT_GT(server.remote_pid(), 0);
  EXPECT_NE(server.remote_pid(), server.pid());
  EXPECT_GT(server.rss_kb(), 0);
  EXPECT_TRUE(server.cpus_granted().empty());  // not pinned by this machine
  server.begin_window(ServerProcess::Clock::now());
  auto until = std::chrono::steady_clock::now() + 500ms;
  int answered = 0;
  while (std::chrono::steady_clock::now() < until)
    answered += http_exchange("127.0.0.1", server.port(), plaintext(), 1000ms).status == 200;
  const auto window = server.end_window();
  EXPECT_GT(answered, 10);
  EXPECT_GT(window.rss_samples, 3);
  EXPECT_GT(window.rss_peak_kb, 0);
  EXPECT_GT(window.cpu_s, 0.0);
  const auto exit = server.stop();
  EXPECT_TRUE(exit.clean()) << exit.describe() << " / " << exit.status_text << "\n" << server.stderr_tail();
  EXPECT_EQ(exit.exit_code, 0);
  EXPECT_GT(exit.peak_rss_kb, 0);
  EXPECT_EQ(server.stderr_tail().find("xlb-remote-"), std::string::npos) << "script lines leaked into the tail";
}

TEST_F(RemoteFakeServer, CrashIsNamedWithTheRemoteSignal) {
  ServerProcess server(launch("crash_under_load"));
  ASSERT_TRUE(server.wait_ready(5000ms)) << server.problem();
  for (int i = 0; i < 400 && server.alive(); ++i) http_exchange("127.0.0.1", server.port(), plaintext(), 1000ms);
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  while (server.alive() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  EXPECT_NE(server.problem().find("server exited while serving: killed by signal 11 (SIGSEGV)"), std::string::npos)
      << server.problem();
  const auto exit = server.stop();
  EXPECT_TRUE(exit.exited_before_stop);
  EXPECT_EQ(exit.term_signal, SIGSEGV);
}

TEST_F(RemoteFakeServer, IgnoringSigtermCostsTheWholeRemoteGroup) {
  ServerProcess server(launch("hang_on_sigterm"));
  ASSERT_TRUE(server.wait_ready(5000ms)) << server.problem();
  const auto start = std::chrono::steady_clock::now();
  const auto exit = server.stop();
  EXPECT_GE(std::chrono::steady_clock::now() - start, 1000ms);
  EXPECT_TRUE(exit.needed_sigkill);
  EXPECT_EQ(exit.term_signal, SIGKILL);
}

TEST_F(RemoteFakeServer, ALostLinkIsNamedAndLeavesNothingBehind) {
  ServerProcess server(launch("ok"));
  ASSERT_TRUE(server.wait_ready(5000ms)) << server.problem();
  ::kill(server.pid(), SIGKILL);  // the ssh client dies; the remote side keeps running until its input ends
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  while (server.alive() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  EXPECT_NE(server.problem().find("the ssh link ended without the remote exit status"), std::string::npos)
      << server.problem();
  const auto exit = server.stop();  // closes the channel: the launch script ends the group
  EXPECT_FALSE(exit.clean());
}

TEST_F(RemoteFakeServer, AnUnreachableHostFailsTheStartWithSshsWords) {
  auto l = launch("ok");
  l.ssh_tools.ssh = "/bin/false";
  ServerProcess server(l);
  EXPECT_FALSE(server.wait_ready(3000ms));
  EXPECT_NE(server.problem().find("exited before it was ready: the ssh link ended"), std::string::npos)
      << server.problem();
}

}  // namespace
}  // namespace xlb
