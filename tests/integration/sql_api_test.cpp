// The sql-api workload through the CLI: a quick run of the real Go and Rust
// services against the harness's throwaway PostgreSQL, a Ctrl-C in the middle
// of it, and a machine without PostgreSQL. Every test checks that no postgres
// process and no cluster directory is left behind. The CLI gets a TMPDIR of
// its own, so "left behind" is exact even while other runs use /tmp.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "fixtures/postgres/postgres_cluster.hpp"
#include "model/results.hpp"
#include "test_project.hpp"
#include "os/user_process.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;

fs::path variant_build_dir() {
  const char* env = std::getenv("XLB_VARIANT_BUILD_DIR");
  return env ? fs::path(env) : fs::path(XLB_SOURCE_DIR) / "build";
}

bool services_built() {
  const auto dir = variant_build_dir();
  return fs::exists(dir / "bin" / "go" / "sqlapi_nethttp") &&
         fs::exists(dir / "rust-target" / "release" / "sqlapi_axum");
}

// A temporary directory the postgres user can pass through (as through /tmp).
fs::path shared_temp_dir(const std::string& tag) {
  auto dir = testing::make_temp_dir(tag);
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  return dir;
}

// Cluster directories and processes working in them (postgres and its backends).
int clusters_in(const fs::path& tmp) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(tmp))
    if (e.path().filename().string().starts_with("xlbench-pg-")) ++n;
  return n;
}

int processes_under(const fs::path& dir) {
  int count = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    std::error_code link_ec;
    const auto cwd = fs::read_symlink(entry.path() / "cwd", link_ec).string();
    if (!link_ec && cwd.rfind(dir.string(), 0) == 0) ++count;
  }
  return count;
}

testing::CliRun run_cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv = {XLB_CLI};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildLimits limits;
  limits.timeout = std::chrono::seconds(600);
  limits.stderr_tail_bytes = 32768;
  limits.env = env;
  limits.env["XLBENCH_LOCK_FILE"] = testing::test_lock_file();
  std::string out;
  auto r = run_child(argv, limits, [&](const std::string& line) -> std::optional<std::string> {
    out += line + "\n";
    return std::nullopt;
  });
  return {r.term_signal ? 128 + r.term_signal : r.exit_code, out, r.stderr_tail};
}

TEST(SqlApi, WithoutPostgresTheWorkloadIsSkippedWithAReason) {
  const auto tmp = shared_temp_dir("sqlnopg");
  const auto results = testing::make_temp_dir("sqlnopg-results");
  auto run = run_cli({"--build-dir", variant_build_dir().string(), "run", "--quick", "--no-build", "--workload",
                      "sql-api", "--results-dir", results.string(), "--run-id", "nopg"},
                     {{"XLBENCH_PG_BINDIR", (tmp / "no-such-dir").string()}, {"TMPDIR", tmp.string()}});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  EXPECT_NE(run.err_tail.find("skipping workload sql-api: PostgreSQL is not available"), std::string::npos)
      << run.err_tail;
  const auto doc = load_results(results / "nopg" / "results.json");
  EXPECT_EQ(doc.status, "complete");
  EXPECT_NE(doc.plan["workloads"]["sql-api"].value("skipped", "").find("postgresql package"), std::string::npos)
      << doc.plan["workloads"]["sql-api"].dump();
  EXPECT_TRUE(doc.measurements.empty());
  EXPECT_EQ(clusters_in(tmp), 0);
  fs::remove_all(tmp);
  fs::remove_all(results);
}

TEST(SqlApi, QuickRunOfBothServicesLeavesNoPostgresBehind) {
  std::string why;
  if (!find_postgres(why)) GTEST_SKIP() << why;
  if (!services_built()) {
    if (std::getenv("XLBENCH_REQUIRE_REAL")) FAIL() << "sql-api services not built in " << variant_build_dir();
    GTEST_SKIP() << "sql-api services not built in " << variant_build_dir() << " (run scripts/setup.sh)";
  }
  const auto tmp = shared_temp_dir("sqlrun");
  const auto results = testing::make_temp_dir("sqlrun-results");
  auto run = run_cli({"--build-dir", variant_build_dir().string(), "run", "--quick", "--no-build", "--workload",
                      "sql-api", "--results-dir", results.string(), "--run-id", "sql"},
                     {{"TMPDIR", tmp.string()}});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(results / "sql" / "results.json");
  EXPECT_EQ(doc.status, "complete");
  const auto db = doc.plan["workloads"]["sql-api"]["database"];
  EXPECT_EQ(db["settings"]["fsync"], "off");
  EXPECT_EQ(db["table"]["rows"], 100000);
  EXPECT_EQ(db["cpus"], doc.plan["loadgen_cpus"]) << "the database runs on the load generator's CPUs";

  // Per language: the lifecycle row and every endpoint's phases, all verified and measured.
  std::map<std::string, int> measured;  // "language/mode" -> phases with samples
  std::map<std::string, double> database_cpu_s;  // language -> PostgreSQL CPU over measured windows
  for (const auto& m : doc.measurements) {
    SCOPED_TRACE(m.mode + "/" + m.input + " " + m.variant_id());
    EXPECT_EQ(m.status, "ok") << m.reason << "\n" << m.stderr_tail;
    if (m.input == "lifecycle" || m.input == "verify") continue;
    EXPECT_FALSE(m.samples.empty());
    for (const auto& round : m.load["rounds"]) {
      EXPECT_EQ(round["errors"]["total"], 0) << round["errors"].dump();
      ASSERT_TRUE(round.contains("database"));
      // A window can go unmeasured on a starved machine (then it says so); a measured one never goes back in time.
      if (!round["database"]["measured"].get<bool>()) continue;
      EXPECT_GE(round["database"]["cpu_s"].get<double>(), 0.0);
      database_cpu_s[m.language] += round["database"]["cpu_s"].get<double>();
    }
    ++measured[m.language + "/" + m.mode];
  }
  for (const auto* lang : {"go", "rust"}) EXPECT_GT(database_cpu_s[lang], 0.0) << lang << ": PostgreSQL did the work";
  for (const auto* lang : {"go", "rust"})
    for (const auto* mode : {"get_user", "list_users", "create_user"})
      EXPECT_GE(measured[std::string(lang) + "/" + mode], 2) << lang << " " << mode;
  EXPECT_EQ(clusters_in(tmp), 0);
  EXPECT_EQ(processes_under(tmp), 0);
  fs::remove_all(tmp);
  fs::remove_all(results);
}

TEST(SqlApi, CtrlCDuringTheRunStopsAndRemovesPostgres) {
  std::string why;
  if (!find_postgres(why)) GTEST_SKIP() << why;
  if (!services_built()) GTEST_SKIP() << "sql-api services not built in " << variant_build_dir();
  const auto tmp = shared_temp_dir("sqlint");
  const auto results = testing::make_temp_dir("sqlint-results");
  // The CLI in the background with our environment plus TMPDIR (argv, no shell).
  UserProcessOptions cli;
  cli.argv = {XLB_CLI, "--build-dir", variant_build_dir().string(), "run", "--quick", "--no-build", "--workload",
              "sql-api", "--results-dir", results.string(), "--run-id", "int"};
  for (char** e = ::environ; *e; ++e) {
    const std::string entry = *e;
    const auto eq = entry.find('=');
    if (eq != std::string::npos) cli.env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  cli.env["TMPDIR"] = tmp.string();
  cli.env["XLBENCH_LOCK_FILE"] = testing::test_lock_file();
  cli.log = results / "cli.log";
  const pid_t xlbench = spawn_user_process(cli);
  // Wait until the cluster serves and a service is being measured.
  const auto results_file = results / "int" / "results.json";
  bool serving = false;
  for (int i = 0; i < 1200 && !serving && !wait_for_exit(xlbench, std::chrono::milliseconds(0)); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    try {
      const auto doc = load_results(results_file);
      serving = doc.plan["workloads"]["sql-api"].contains("database") && !doc.measurements.empty();
    } catch (const std::exception&) {
    }
  }
  if (!serving) ::kill(xlbench, SIGKILL);
  ASSERT_TRUE(serving) << "the run never reached its servers:\n" << file_tail(cli.log);
  EXPECT_EQ(clusters_in(tmp), 1);
  ::kill(xlbench, SIGINT);
  const auto status = wait_for_exit(xlbench, std::chrono::seconds(60));
  ASSERT_TRUE(status) << "xlbench did not stop after SIGINT";
  EXPECT_EQ(status->exit_code, 130) << file_tail(cli.log);
  EXPECT_EQ(load_results(results_file).status, "interrupted");
  EXPECT_EQ(clusters_in(tmp), 0) << "the cluster directory was left behind";
  EXPECT_EQ(processes_under(tmp), 0) << "a postgres process outlived the run";
  fs::remove_all(tmp);
  fs::remove_all(results);
}

}  // namespace
}  // namespace xlb
