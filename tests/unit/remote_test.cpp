// The remote layer without a network: quoting read back by a real /bin/sh,
// host specs, the ssh and scp command lines, the launch script's lines, and
// the launch script itself run by a local sh as sshd would run it.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <thread>

#include "core/errors.hpp"
#include "os/process.hpp"
#include "os/process_spawn.hpp"
#include "remote/remote_launch.hpp"
#include "remote/shell_quote.hpp"
#include "remote/ssh_command.hpp"
#include "remote/ssh_host.hpp"
#include "test_util.hpp"

namespace xlb {
namespace {

using namespace std::chrono_literals;

const std::vector<std::string> kHostile = {
    "plain",  "two words", "it's",          "'", "''", "\"double\"", "$(touch /tmp/xlb-pwned)", "`id`",
    "$HOME",  "a\nb\n",    "\\backslash\\", ";rm -rf x;", "*",      "-n",   "", "tab\there", "!bang", "}{)(",
};

// What /bin/sh makes of the quoted words: each printed between brackets.
std::string sh_reads(const std::string& quoted_words) {
  return capture_output({"sh", "-c", "printf '[%s]' " + quoted_words});
}

TEST(ShellQuote, PinsTheEscapeOfASingleQuote) {
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_command({"a b", "c"}), "'a b' 'c'");
}

TEST(ShellQuote, TheShellReadsEveryHostileWordBackByteForByte) {
  for (const auto& word : kHostile) EXPECT_EQ(sh_reads(shell_quote(word)), "[" + word + "]") << word;
  std::string all;
  for (const auto& word : kHostile) all += "[" + word + "]";
  EXPECT_EQ(sh_reads(shell_command(kHostile)), all);
  EXPECT_FALSE(std::filesystem::exists("/tmp/xlb-pwned"));
}

TEST(SshHost, ParsesUserHostAndPort) {
  auto h = parse_ssh_host("--server-host", "bench@10.251.0.2:2222");
  EXPECT_EQ(h.user, "bench");
  EXPECT_EQ(h.host, "10.251.0.2");
  EXPECT_EQ(h.port, 2222);
  EXPECT_EQ(h.destination(), "bench@10.251.0.2");
  EXPECT_EQ(h.to_string(), "bench@10.251.0.2:2222");
  h = parse_ssh_host("--server-host", "app-1.example");
  EXPECT_EQ(h.user, "");
  EXPECT_EQ(h.port, 0);
  EXPECT_EQ(h.to_string(), "app-1.example");
}

TEST(SshHost, RejectsWhatSshOrAShellCouldMisreadNamingOptionAndValue) {
  for (const std::string bad : {"", "-oProxyCommand=x", "host:", "host:0", "host:65536", "host:22x", "a b",
                                "user@", "@host", "-u@host", "host;id", "$(id)", "[::1]:22", "h:1:2"}) {
    try {
      parse_ssh_host("--server-host", bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const InputError& e) {
      EXPECT_CONTAINS(e.what(), "--server-host: '" + bad + "'");
    }
  }
}

TEST(SshCommand, BatchModeTheDestinationAfterDashDashAndOneCommandString) {
  SshTools tools;
  tools.config = "/tmp/cfg";
  const auto argv = ssh_argv(tools, parse_ssh_host("--server-host", "u@h:2200"), "echo 'x'");
  const std::vector<std::string> expected = {"ssh", "-F", "/tmp/cfg", "-o", "BatchMode=yes", "-o",
                                             "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3", "-p", "2200",
                                             "--", "u@h", "echo 'x'"};
  EXPECT_EQ(argv, expected);
  const auto scp = scp_argv(SshTools{}, parse_ssh_host("--server-host", "h:2200"), "/a/b", "/tmp/x/b");
  EXPECT_EQ(std::vector<std::string>(scp.end() - 5, scp.end()),
            (std::vector<std::string>{"-P", "2200", "--", "/a/b", "h:/tmp/x/b"}));
  EXPECT_NE(std::find(scp.begin(), scp.end(), "BatchMode=yes"), scp.end());
}

TEST(RemoteLaunch, ParsesTheScriptLines) {
  auto started = parse_remote_started("xlb-remote-started 4242 100");
  ASSERT_TRUE(started);
  EXPECT_EQ(started->pid, 4242);
  EXPECT_EQ(started->clock_ticks, 100);
  EXPECT_FALSE(parse_remote_started("xlb-remote-started x 100"));
  EXPECT_FALSE(parse_remote_started("ready 1"));
  // A command name with a space and a ')' : fields are counted after the last ')'.
  const std::string stat = "77 (my) srv) S 1 77 77 0 -1 4194304 10 0 0 0 250 50 0 0 20 0 4 0 123 456 789";
  auto sample = parse_remote_sample("xlb-remote-sample 2048 4096 " + stat, 100);
  ASSERT_TRUE(sample);
  EXPECT_EQ(sample->rss_kb, 2048);
  EXPECT_EQ(sample->hwm_kb, 4096);
  EXPECT_DOUBLE_EQ(sample->user_s, 2.5);
  EXPECT_DOUBLE_EQ(sample->sys_s, 0.5);
  EXPECT_FALSE(parse_remote_sample("xlb-remote-sample 1 2 77 (x) S 1", 100));
  EXPECT_EQ(parse_remote_exit("xlb-remote-exit 143"), 143);
  EXPECT_FALSE(parse_remote_exit("xlb-remote-exit 999"));
  EXPECT_TRUE(is_remote_control_line("xlb-remote-sample 1"));
  EXPECT_FALSE(is_remote_control_line("panic: xlb-remote-"));
}

struct LaunchRun {
  int status = -1;
  std::string out, err;
};

std::string read_to_end(int fd) {
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  return text;
}

// The launch command run by a local sh, as sshd runs it. `close_input`: its input ends 300 ms
// after the start (the program has set itself up), as when the link is lost; else it stays
// open until the program ends.
LaunchRun run_launch(const RemoteLaunch& launch, bool close_input) {
  std::string error;
  auto child = spawn_in_own_group({{"sh", "-c", remote_launch_command(launch)}, {}, {}, {}, true}, error);
  if (!child) throw std::runtime_error(error);
  if (close_input) {
    std::this_thread::sleep_for(300ms);
    child->stdin_fd.reset();
  }
  LaunchRun run;
  rusage usage{};
  reap(child->pid, run.status, usage, true);
  run.out = read_to_end(child->stdout_fd.get());
  run.err = read_to_end(child->stderr_fd.get());
  return run;
}

TEST(RemoteLaunch, RunsHostileArgumentsInTheDirectoryAndReportsTheExit) {
  unit::TempDir dir("remote-launch");
  RemoteLaunch launch;
  launch.dir = dir.path().string();
  launch.env = {{"XLB_WORD", "a'b $(x)"}};
  launch.argv = {"sh", "-c", "pwd; printf '[%s]' \"$XLB_WORD\" \"$1\"; echo; exit 3", "arg0", "it's $(id)\nnext"};
  const auto run = run_launch(launch, false);
  EXPECT_TRUE(WIFEXITED(run.status) && WEXITSTATUS(run.status) == 3) << run.status;
  EXPECT_EQ(run.out, std::filesystem::canonical(dir.path()).string() + "\n[a'b $(x)][it's $(id)\nnext]\n");
  EXPECT_CONTAINS(run.err, "xlb-remote-started ");
  EXPECT_CONTAINS(run.err, "xlb-remote-exit 3\n");
}

TEST(RemoteLaunch, TheEndOfItsInputTearsDownTheWholeGroup) {
  unit::TempDir dir("remote-teardown");
  const auto marker = (dir.path() / "still-running").string();
  RemoteLaunch launch;
  launch.dir = dir.path().string();
  launch.term_grace = 300ms;
  // A program that ignores SIGTERM and has a child: only the group SIGKILL ends both.
  launch.argv = {"sh", "-c", "trap '' TERM; sleep 30 & while :; do touch \"$0\"; sleep 0.05; done", marker};
  const auto begin = std::chrono::steady_clock::now();
  const auto run = run_launch(launch, true);
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 5s);
  EXPECT_CONTAINS(run.err, "xlb-remote-exit 137");  // 128 + SIGKILL
  std::filesystem::remove(marker);
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(std::filesystem::exists(marker)) << "the program outlived the end of its input";
}

}  // namespace
}  // namespace xlb
