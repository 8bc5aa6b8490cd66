// xlbench-link-timer (harness/tools/link_timer.cpp) and the build kind's reading of
// its log (kinds/build/link_times.hpp): the real linker's exit status passes
// through, every link adds one timed line, and cargo really links through it.
#include "kinds/build/link_times.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "os/process.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {
namespace fs = std::filesystem;

ChildResult run_timer(const std::string& real_linker, const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> argv = {XLB_LINK_TIMER};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildLimits limits;
  limits.timeout = std::chrono::seconds(30);
  limits.env = {{"XLB_REAL_LINKER", real_linker}, {"XLB_LINK_LOG", log.string()}};
  return run_child(argv, limits, [](const std::string&) { return std::nullopt; });
}

TEST(LinkTimer, TimesEachLinkAndPassesTheExitStatusThrough) {
  const auto dir = testing::make_temp_dir("link-timer");
  const auto log = dir / "links.log";
  EXPECT_TRUE(run_timer("sh", {"-c", "sleep 0.2"}, log).ok());
  const auto failed = run_timer("sh", {"-c", "exit 3"}, log);
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.exit_code, 3);
  const auto t = read_link_log(log);
  EXPECT_EQ(t.links, 2);
  EXPECT_EQ(t.failed, 1);
  EXPECT_EQ(t.malformed, 0);
  EXPECT_GE(t.total_s, 0.2);
  EXPECT_LT(t.total_s, 20.0);
  fs::remove_all(dir);
}

TEST(LinkTimer, MissingLogIsNoLinksAndBadLinesAreCounted) {
  const auto dir = testing::make_temp_dir("link-log");
  EXPECT_EQ(read_link_log(dir / "absent.log").links, 0);
  std::ofstream(dir / "mixed.log") << "1500000000 0\ngarbage\n-5 0\n500000000 1\n";
  const auto t = read_link_log(dir / "mixed.log");
  EXPECT_EQ(t.links, 2);
  EXPECT_EQ(t.failed, 1);
  EXPECT_EQ(t.malformed, 2);
  EXPECT_DOUBLE_EQ(t.total_s, 2.0);
  fs::remove_all(dir);
}

TEST(LinkTimer, CargoVariableNamesTheHostTriple) {
  EXPECT_EQ(cargo_linker_variable("x86_64-unknown-linux-gnu"), "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER");
  EXPECT_EQ(cargo_linker_variable("aarch64-unknown-linux-musl"), "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER");
}

TEST(LinkTimer, CargoLinksThroughTheTimer) {
  if (capture_output({"cargo", "--version"}).empty()) {
    if (std::getenv("XLBENCH_REQUIRE_REAL")) FAIL() << "cargo is not on PATH";
    GTEST_SKIP() << "cargo is not on PATH";
  }
  const auto dir = testing::make_temp_dir("link-cargo");
  fs::create_directories(dir / "src");
  std::ofstream(dir / "Cargo.toml") << "[package]\nname = \"linked\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";
  std::ofstream(dir / "src" / "main.rs") << "fn main() { println!(\"linked\"); }\n";
  std::string why;
  auto env = link_timer_env(XLB_LINK_TIMER, dir / "links.log", why);
  ASSERT_FALSE(env.empty()) << why;
  env["CARGO_TARGET_DIR"] = (dir / "target").string();
  ChildLimits limits;
  limits.timeout = std::chrono::minutes(5);
  limits.env = env;
  limits.cwd = dir;
  const auto r = run_child({"cargo", "build", "--offline", "-q"}, limits, [](const std::string&) { return std::nullopt; });
  ASSERT_TRUE(r.ok()) << r.describe() << ": " << r.stderr_tail;
  EXPECT_TRUE(fs::is_regular_file(dir / "target" / "debug" / "linked"));
  const auto t = read_link_log(dir / "links.log");
  EXPECT_GE(t.links, 1);  // the binary (no build script, no dependencies)
  EXPECT_EQ(t.failed, 0);
  EXPECT_GT(t.total_s, 0.0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace xlb
