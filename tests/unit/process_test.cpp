// Unit tests for run_child: lines, exit statuses, time limits, process-group
// cleanup, CPU pinning, environment, aborts and stderr capture. The harness never
// runs a shell; these tests use /bin/sh only to build small misbehaving children.
#include "os/process.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "test_util.hpp"

namespace {

using namespace std::chrono_literals;
using xlb::ChildLimits;
using xlb::ChildResult;
using xlb::run_child;

struct Run {
  ChildResult result;
  std::vector<std::string> lines;
};

Run run(const std::vector<std::string>& argv, const ChildLimits& limits = {}) {
  Run r;
  r.result = run_child(argv, limits, [&](const std::string& line) -> std::optional<std::string> {
    r.lines.push_back(line);
    return std::nullopt;
  });
  return r;
}

Run sh(const std::string& script, const ChildLimits& limits = {}) { return run({"/bin/sh", "-c", script}, limits); }

// True once /proc/<pid> is gone or a zombie (killed, waiting for its new parent to reap it).
bool process_gone(const std::string& pid) {
  std::ifstream stat("/proc/" + pid + "/stat");
  if (!stat) return true;
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && (text[close + 2] == 'Z' || text[close + 2] == 'X');
}

bool wait_until_gone(const std::string& pid, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!process_gone(pid)) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

TEST(RunChild, EchoLinesReachTheHandler) {
  auto r = run({"/bin/echo", "hello", "world"});
  EXPECT_TRUE(r.result.started);
  EXPECT_TRUE(r.result.ok()) << r.result.describe();
  EXPECT_EQ(r.result.exit_code, 0);
  EXPECT_EQ(r.result.describe(), "exit 0");
  EXPECT_EQ(r.lines, (std::vector<std::string>{"hello world"}));
  EXPECT_GE(r.result.wall_s, 0.0);
}

TEST(RunChild, SeveralLinesAndAFinalLineWithoutNewline) {
  auto r = run({"/usr/bin/printf", "a\\nbb\\n\\nccc"});
  EXPECT_TRUE(r.result.ok()) << r.result.describe();
  EXPECT_EQ(r.lines, (std::vector<std::string>{"a", "bb", "", "ccc"}));
}

TEST(RunChild, ManyLinesInOrder) {
  auto r = sh("i=0; while [ $i -lt 3000 ]; do echo \"line $i\"; i=$((i+1)); done");
  ASSERT_TRUE(r.result.ok()) << r.result.describe();
  ASSERT_EQ(r.lines.size(), 3000u);
  EXPECT_EQ(r.lines.front(), "line 0");
  EXPECT_EQ(r.lines.back(), "line 2999");
}

TEST(RunChild, PathLookupWithoutSlash) {
  auto r = run({"echo", "found"});
  EXPECT_TRUE(r.result.ok()) << r.result.describe();
  EXPECT_EQ(r.lines, (std::vector<std::string>{"found"}));
}

TEST(RunChild, ArgumentsAreNotInterpretedByAShell) {
  auto r = run({"/bin/echo", "$HOME", "a;b", "`x`"});
  EXPECT_EQ(r.lines, (std::vector<std::string>{"$HOME a;b `x`"}));
}

TEST(RunChild, ExitCode) {
  auto r = sh("exit 3");
  EXPECT_TRUE(r.result.started);
  EXPECT_FALSE(r.result.ok());
  EXPECT_EQ(r.result.exit_code, 3);
  EXPECT_EQ(r.result.term_signal, 0);
  EXPECT_FALSE(r.result.timed_out);
  EXPECT_EQ(r.result.describe(), "exit 3");
}

TEST(RunChild, KilledBySignal) {
  auto r = sh("kill -9 $$");
  EXPECT_FALSE(r.result.ok());
  EXPECT_EQ(r.result.term_signal, 9);
  EXPECT_EQ(r.result.describe(), "killed by signal 9 (SIGKILL)");
}

TEST(RunChild, SegfaultIsNamed) {
  auto r = sh("kill -SEGV $$");
  EXPECT_EQ(r.result.term_signal, 11);
  EXPECT_EQ(r.result.describe(), "killed by signal 11 (SIGSEGV)");
}

TEST(RunChild, StdinIsClosed) {
  // cat would wait forever on an inherited terminal or pipe; with /dev/null it ends at once.
  ChildLimits limits;
  limits.timeout = 5s;
  auto r = run({"/bin/cat"}, limits);
  EXPECT_TRUE(r.result.ok()) << r.result.describe();
  EXPECT_TRUE(r.lines.empty());
}

TEST(RunChild, TimeoutKillsTheChild) {
  ChildLimits limits;
  limits.timeout = 300ms;
  limits.term_grace = 2s;
  auto r = run({"/bin/sleep", "30"}, limits);
  EXPECT_TRUE(r.result.started);
  EXPECT_TRUE(r.result.timed_out);
  EXPECT_FALSE(r.result.aborted);
  EXPECT_FALSE(r.result.ok());
  EXPECT_GE(r.result.wall_s, 0.29);
  EXPECT_LT(r.result.wall_s, 0.3 + 2.0 + 1.0);  // timeout + grace + scheduling slack
  EXPECT_EQ(r.result.term_signal, SIGTERM);     // sleep obeys SIGTERM, so no escalation
  EXPECT_CONTAINS(r.result.describe(), "timed out after");
}

TEST(RunChild, ChildIgnoringSigtermLosesItsWholeGroup) {
  ChildLimits limits;
  limits.timeout = 500ms;
  limits.term_grace = 300ms;
  // The background sleep inherits the ignored SIGTERM; the script prints its pid.
  auto r = sh("trap '' TERM; /bin/sleep 30 & echo $!; wait; wait; wait", limits);
  ASSERT_EQ(r.lines.size(), 1u);
  const std::string grandchild = r.lines[0];
  ASSERT_FALSE(grandchild.empty());
  EXPECT_TRUE(r.result.timed_out);
  EXPECT_EQ(r.result.term_signal, SIGKILL);
  EXPECT_GE(r.result.wall_s, 0.75);  // waited out the grace period
  EXPECT_LT(r.result.wall_s, 0.5 + 0.3 + 2.0);
  EXPECT_TRUE(wait_until_gone(grandchild, 2s)) << "grandchild sleep " << grandchild << " survived";
}

TEST(RunChild, GrandchildHoldingStdoutIsKilledAtTimeout) {
  // The shell exits at once, but its background child keeps the pipe open: no progress until the limit.
  ChildLimits limits;
  limits.timeout = 300ms;
  limits.term_grace = 300ms;
  auto r = sh("/bin/sleep 30 & echo $!", limits);
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_TRUE(r.result.timed_out);
  EXPECT_TRUE(wait_until_gone(r.lines[0], 2s)) << "background sleep " << r.lines[0] << " survived";
}

TEST(RunChild, ChildThatClosesItsPipesAndLingersTimesOut) {
  ChildLimits limits;
  limits.timeout = 300ms;
  auto r = sh("exec >&- 2>&-; exec /bin/sleep 30", limits);
  EXPECT_TRUE(r.result.timed_out);
  EXPECT_LT(r.result.wall_s, 3.0);
}

TEST(RunChild, CpuPinning) {
  const auto allowed = xlb::current_affinity();
  for (int cpu : allowed) {
    SCOPED_TRACE("cpu " + std::to_string(cpu));
    ChildLimits limits;
    limits.cpus = {cpu};
    auto r = run({"/bin/grep", "Cpus_allowed_list", "/proc/self/status"}, limits);
    ASSERT_TRUE(r.result.ok()) << r.result.describe();
    EXPECT_EQ(r.result.cpus_granted, std::vector<int>{cpu});
    ASSERT_EQ(r.lines.size(), 1u);
    EXPECT_EQ(r.lines[0], "Cpus_allowed_list:\t" + std::to_string(cpu));
    if (cpu >= 1) break;  // two CPUs are enough
  }
  // The harness's own affinity is unchanged.
  EXPECT_EQ(xlb::current_affinity(), allowed);
}

TEST(RunChild, NoCpusInheritsAffinity) {
  auto r = run({"/bin/true"});
  EXPECT_EQ(r.result.cpus_granted, xlb::current_affinity());
}

TEST(RunChild, EnvironmentOverridesReachTheChild) {
  ::setenv("XLB_UNIT_OVERRIDDEN", "old", 1);
  ChildLimits limits;
  limits.env = {{"XLB_UNIT_ADDED", "hello world"}, {"XLB_UNIT_OVERRIDDEN", "new"}, {"GOMAXPROCS", "1"}};
  auto r = run({"/usr/bin/env"}, limits);
  ::unsetenv("XLB_UNIT_OVERRIDDEN");
  ASSERT_TRUE(r.result.ok()) << r.result.describe();
  int added = 0, overridden = 0, gomaxprocs = 0, path = 0;
  for (const auto& line : r.lines) {
    added += line == "XLB_UNIT_ADDED=hello world";
    overridden += line.starts_with("XLB_UNIT_OVERRIDDEN=");
    EXPECT_NE(line, "XLB_UNIT_OVERRIDDEN=old");
    gomaxprocs += line == "GOMAXPROCS=1";
    path += line.starts_with("PATH=");
  }
  EXPECT_EQ(added, 1);
  EXPECT_EQ(overridden, 1);
  EXPECT_EQ(gomaxprocs, 1);
  EXPECT_EQ(path, 1);  // the rest of the environment is inherited
}

TEST(RunChild, WorkingDirectory) {
  xlb::unit::TempDir dir("cwd");
  ChildLimits limits;
  limits.cwd = dir.path();
  auto r = run({"/bin/pwd", "-P"}, limits);
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_EQ(std::filesystem::path(r.lines[0]), std::filesystem::canonical(dir.path()));
}

TEST(RunChild, HandlerErrorAbortsTheChild) {
  ChildLimits limits;
  limits.timeout = 10s;
  limits.term_grace = 2s;
  std::vector<std::string> seen;
  auto result = run_child({"/bin/sh", "-c", "echo first; echo second; exec /bin/sleep 30"}, limits,
                          [&](const std::string& line) -> std::optional<std::string> {
                            seen.push_back(line);
                            if (line == "first") return "protocol: did not like 'first'";
                            return std::nullopt;
                          });
  EXPECT_TRUE(result.started);
  EXPECT_TRUE(result.aborted);
  EXPECT_FALSE(result.timed_out);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.abort_reason, "protocol: did not like 'first'");
  EXPECT_EQ(result.describe(), "protocol: did not like 'first'");
  EXPECT_EQ(seen, std::vector<std::string>{"first"});  // nothing is delivered after the abort
  EXPECT_LT(result.wall_s, 5.0);                        // killed, not waited for
}

TEST(RunChild, OverlongLineAbortsTheChild) {
  ChildLimits limits;
  limits.max_line_bytes = 100;
  auto r = sh("printf '%0200d\\n' 0; exec /bin/sleep 30", limits);
  EXPECT_TRUE(r.result.aborted);
  EXPECT_CONTAINS(r.result.abort_reason, "exceeds the limit of 100 bytes");
  EXPECT_TRUE(r.lines.empty());
}

TEST(RunChild, OverlongUnterminatedLineAbortsTheChild) {
  ChildLimits limits;
  limits.max_line_bytes = 100;
  auto r = sh("printf '%0500d' 0; exec /bin/sleep 30", limits);
  EXPECT_TRUE(r.result.aborted);
  EXPECT_CONTAINS(r.result.abort_reason, "exceeds the limit");
}

TEST(RunChild, StderrTailIsKeptAndTruncated) {
  xlb::unit::TempDir dir("stderr");
  ChildLimits limits;
  limits.stderr_tail_bytes = 100;
  limits.stderr_log = dir / "stderr.log";
  auto r = sh("i=0; while [ $i -lt 2000 ]; do echo \"line $i\" >&2; i=$((i+1)); done; echo END >&2; echo out", limits);
  ASSERT_TRUE(r.result.ok()) << r.result.describe();
  EXPECT_EQ(r.lines, std::vector<std::string>{"out"});  // stderr never reaches the line handler
  EXPECT_EQ(r.result.stderr_tail.size(), 100u);
  EXPECT_TRUE(r.result.stderr_tail.ends_with("line 1999\nEND\n")) << r.result.stderr_tail;
  // The log holds everything.
  const auto log = xlb::unit::read_text(dir / "stderr.log");
  EXPECT_TRUE(log.starts_with("line 0\nline 1\n"));
  EXPECT_TRUE(log.ends_with("line 1999\nEND\n"));
  EXPECT_TRUE(log.ends_with(r.result.stderr_tail));
}

TEST(RunChild, ShortStderrIsKeptWhole) {
  auto r = sh("echo 'panic: oh no' >&2; exit 2");
  EXPECT_EQ(r.result.stderr_tail, "panic: oh no\n");
  EXPECT_EQ(r.result.describe(), "exit 2");
}

TEST(RunChild, NonexistentBinary) {
  auto r = run({"/nonexistent/xlbench-no-such-binary", "--request", "x.json"});
  EXPECT_FALSE(r.result.started);
  EXPECT_FALSE(r.result.ok());
  EXPECT_CONTAINS(r.result.spawn_error, "/nonexistent/xlbench-no-such-binary");
  EXPECT_CONTAINS(r.result.describe(), "could not start");
  EXPECT_TRUE(r.lines.empty());
}

TEST(RunChild, BinaryNotOnPath) {
  auto r = run({"xlbench-no-such-binary-on-path"});
  EXPECT_FALSE(r.result.started);
  EXPECT_CONTAINS(r.result.spawn_error, "xlbench-no-such-binary-on-path");
  EXPECT_CONTAINS(r.result.spawn_error, "PATH");
}

TEST(RunChild, NotExecutable) {
  xlb::unit::TempDir dir("noexec");
  xlb::unit::write_text(dir / "script", "#!/bin/sh\necho hi\n");  // mode 0644
  auto r = run({(dir / "script").string()});
  EXPECT_FALSE(r.result.started);
  EXPECT_CONTAINS(r.result.spawn_error, (dir / "script").string());
}

TEST(RunChild, EmptyCommand) {
  auto r = run({});
  EXPECT_FALSE(r.result.started);
  EXPECT_FALSE(r.result.spawn_error.empty());
}

TEST(RunChild, ResourceUsageIsRecorded) {
  auto r = sh("i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done");
  ASSERT_TRUE(r.result.ok());
  EXPECT_GT(r.result.user_s + r.result.sys_s, 0.0);
  EXPECT_GT(r.result.max_rss_kb, 0);
  EXPECT_GT(r.result.fork_rss_kb, 0);
  EXPECT_GT(r.result.peak_rss_kb(), 0);
}

TEST(CaptureOutput, ReturnsTrimmedStdout) {
  EXPECT_EQ(xlb::capture_output({"/usr/bin/printf", "go version go1.26\\n\\n"}), "go version go1.26");
  EXPECT_EQ(xlb::capture_output({"/bin/sh", "-c", "echo a; echo b"}), "a\nb");
}

TEST(CaptureOutput, EmptyOnFailure) {
  EXPECT_EQ(xlb::capture_output({"/bin/sh", "-c", "echo partial; exit 1"}), "");
  EXPECT_EQ(xlb::capture_output({"/nonexistent/tool"}), "");
  EXPECT_EQ(xlb::capture_output({"/bin/sleep", "30"}, 200ms), "");
}

}  // namespace
