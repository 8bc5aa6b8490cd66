// `xlbench history add | check | show` as a child process: exit statuses 0, 1 and 2, the
// messages for bad input, two processes ingesting at once, and a PostgreSQL round trip
// through xlbench_with_postgres.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "fixtures/postgres/postgres_cluster.hpp"
#include "history/open_history.hpp"
#include "model/results.hpp"
#include "os/process.hpp"
#include "test_project.hpp"
#include "../unit/history_runs.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;
using testing_history::history_run;
using testing_history::stamp;

#define EXPECT_HAS(text, needle) EXPECT_NE((text).find(needle), std::string::npos) << (text)

class HistoryCli : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("history-cli"); }
  void TearDown() override { fs::remove_all(dir_); }

  // results/<id>/results.json of a run whose process runs measured about `level` ops/s.
  std::string write_run(int i, double level, const std::string& cpu = "Test CPU") {
    const auto id = "run" + std::to_string(i);
    const double wobble = (i % 3 - 1) * 0.008 * level;
    const auto path = dir_ / "results" / id / "results.json";
    fs::create_directories(path.parent_path());
    save_results(history_run(id, stamp(i), "commit" + std::to_string(i), {level + wobble, level + wobble / 2, level - wobble}, cpu),
                 path);
    return path.string();
  }
  std::string db() const { return (dir_ / "history.sqlite").string(); }
  testing::CliRun add(const std::string& file) { return testing::run_xlbench({"history", "add", file, "--db", db()}); }

  fs::path dir_;
};

TEST_F(HistoryCli, AddTwiceThenCheckPassesThenFailsOnARegression) {
  auto first = add(write_run(0, 1000));
  ASSERT_EQ(first.exit_code, 0) << first.err_tail;
  EXPECT_HAS(first.out, "added run run0");
  auto again = add((dir_ / "results" / "run0" / "results.json").string());
  EXPECT_EQ(again.exit_code, 0) << again.err_tail;
  EXPECT_HAS(again.out, "is already in");
  for (int i = 1; i < 18; ++i) ASSERT_EQ(add(write_run(i, 1000)).exit_code, 0);
  auto flat = testing::run_xlbench({"history", "check", "--db", db()});
  EXPECT_EQ(flat.exit_code, 0) << flat.out << flat.err_tail;
  EXPECT_HAS(flat.out, "3 series, 0 with change points");

  for (int i = 18; i < 26; ++i) ASSERT_EQ(add(write_run(i, 850)).exit_code, 0);
  auto gate = testing::run_xlbench({"history", "check", "--db", db()});
  EXPECT_EQ(gate.exit_code, 1) << gate.out << gate.err_tail;
  EXPECT_HAS(gate.out, "commits commit17..commit18: -15.0%");
  EXPECT_HAS(gate.out, "[FAILS the gate]");
  // A 20% threshold lets a 15% drop through; --since after the step sees no change.
  EXPECT_EQ(testing::run_xlbench({"history", "check", "--db", db(), "--threshold", "20"}).exit_code, 0);
  EXPECT_EQ(testing::run_xlbench({"history", "check", "--db", db(), "--since", "run18"}).exit_code, 0);

  auto md = testing::run_xlbench({"history", "show", "--db", db(), "--format", "markdown"});
  EXPECT_EQ(md.exit_code, 0) << md.err_tail;
  EXPECT_HAS(md.out, "| json/dom/small rust/serde_json (quick) | ops_per_s | main |");
  const auto html = dir_ / "history.html";
  auto page = testing::run_xlbench({"history", "show", "--db", db(), "-o", html.string()});
  EXPECT_EQ(page.exit_code, 0) << page.err_tail;
  std::ifstream in(html);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_HAS(text, "<h2>json/dom/small rust/serde_json (quick) ops_per_s</h2>");
}

TEST_F(HistoryCli, AnotherMachineStartsItsOwnSeries) {
  for (int i = 0; i < 18; ++i) ASSERT_EQ(add(write_run(i, 1000)).exit_code, 0);
  // Much slower runs from another machine are not a regression of this one.
  for (int i = 18; i < 26; ++i) ASSERT_EQ(add(write_run(i, 500, "Other CPU")).exit_code, 0);
  auto check = testing::run_xlbench({"history", "check", "--db", db()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err_tail;
  EXPECT_HAS(check.out, "6 series, 0 with change points");
}

TEST_F(HistoryCli, BadInputExitsTwoNamingTheProblem) {
  auto missing = testing::run_xlbench({"history", "add", (dir_ / "nope.json").string(), "--db", db()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_HAS(missing.err_tail, "nope.json: cannot open results file");

  const auto bad_doc = dir_ / "bad.json";
  std::ofstream(bad_doc) << R"({"schema": "xlbench.results", "schema_version": 7})";
  auto version = testing::run_xlbench({"history", "add", bad_doc.string(), "--db", db()});
  EXPECT_EQ(version.exit_code, 2);
  EXPECT_HAS(version.err_tail, "results schema_version 7 is not supported");

  auto scheme = testing::run_xlbench({"history", "check", "--db", "mysql://u:secret@h/db"});
  EXPECT_EQ(scheme.exit_code, 2);
  EXPECT_HAS(scheme.err_tail, "unknown scheme 'mysql'");
  EXPECT_EQ(scheme.err_tail.find("secret"), std::string::npos) << scheme.err_tail;

  auto down = testing::run_xlbench({"history", "check", "--db", "postgresql://u:secret@127.0.0.1:1/db"});
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_HAS(down.err_tail, "cannot connect to the PostgreSQL history");
  EXPECT_EQ(down.err_tail.find("secret"), std::string::npos) << down.err_tail;

  auto flag = testing::run_xlbench({"history", "check", "--frobnicate"});
  EXPECT_EQ(flag.exit_code, 2);

  auto no_db = testing::run_xlbench({"history", "check", "--db", (dir_ / "none.sqlite").string()});
  EXPECT_EQ(no_db.exit_code, 2);
  EXPECT_HAS(no_db.err_tail, "none.sqlite: no history database here");

  const auto corrupt = dir_ / "corrupt.sqlite";
  std::ofstream(corrupt) << std::string(4096, 'x');
  auto bad_file = testing::run_xlbench({"history", "add", write_run(0, 1000), "--db", corrupt.string()});
  EXPECT_EQ(bad_file.exit_code, 2);
  EXPECT_HAS(bad_file.err_tail, "corrupt.sqlite: not a usable SQLite history database");

  ASSERT_EQ(add(write_run(1, 1000)).exit_code, 0);
  auto since = testing::run_xlbench({"history", "check", "--db", db(), "--since", "last tuesday"});
  EXPECT_EQ(since.exit_code, 2);
  EXPECT_HAS(since.err_tail, "--since: 'last tuesday' is neither a run id");
  auto threshold = testing::run_xlbench({"history", "check", "--db", db(), "--threshold", "-3"});
  EXPECT_EQ(threshold.exit_code, 2);
  EXPECT_HAS(threshold.err_tail, "--threshold");
  auto format = testing::run_xlbench({"history", "show", "--db", db(), "--format", "pdf"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_HAS(format.err_tail, "unknown format 'pdf'");
}

TEST_F(HistoryCli, OldResultsIngest) {
  const auto old = fs::path(XLB_SOURCE_DIR) / "tests" / "data" / "pre-redesign" / "results.json";
  auto r = add(old.string());
  EXPECT_EQ(r.exit_code, 0) << r.err_tail;
  EXPECT_HAS(r.out, "added run pre-redesign");
}

TEST_F(HistoryCli, ClaimVerdictsOfTheRunAreKeptAndABadClaimsFileStoresNothing) {
  // The report fixture measures claims of workloads/claims.json; a run keeps its claims.json.
  const auto run = dir_ / "results" / "fixture";
  fs::create_directories(run);
  fs::copy_file(fs::path(XLB_SOURCE_DIR) / "tests" / "data" / "html" / "results.json", run / "results.json");
  fs::copy_file(fs::path(XLB_SOURCE_DIR) / "workloads" / "claims.json", run / "claims.json");
  auto r = add((run / "results.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err_tail;
  auto history = open_history(db(), false);
  const auto supported =
      history->query("SELECT COUNT(*) FROM claim_verdicts WHERE verdict = 'supported'")[0][0].value_or("0");
  EXPECT_GT(std::stoi(supported), 0);

  const auto other = dir_ / "results" / "old";
  fs::create_directories(other);
  fs::copy_file(fs::path(XLB_SOURCE_DIR) / "tests" / "data" / "pre-redesign" / "results.json", other / "results.json");
  std::ofstream(other / "claims.json") << "{broken";
  auto bad = add((other / "results.json").string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_HAS(bad.err_tail, "claims.json");
  EXPECT_EQ(*history->query("SELECT COUNT(*) FROM runs")[0][0], "1");
}

TEST_F(HistoryCli, TwoProcessesIngestingAtOnceKeepEveryRun) {
  std::vector<std::string> files;
  for (int i = 0; i < 12; ++i) files.push_back(write_run(i, 1000));
  ASSERT_EQ(add(files[0]).exit_code, 0);  // creates the database
  std::vector<int> codes(12, -1);
  auto ingest = [&](int from) {
    for (int i = from; i < 12; i += 2) codes[static_cast<std::size_t>(i)] = add(files[static_cast<std::size_t>(i)]).exit_code;
  };
  std::thread a(ingest, 0), b(ingest, 1);
  a.join();
  b.join();
  for (int code : codes) EXPECT_EQ(code, 0);
  auto history = open_history(db(), false);
  EXPECT_EQ(*history->query("SELECT COUNT(*) FROM runs")[0][0], "12");
}

TEST_F(HistoryCli, PostgresRoundTripThroughWithPostgres) {
  std::string why;
  if (!find_postgres(why)) GTEST_SKIP() << why;
  const auto a = write_run(0, 1000), b = write_run(1, 1000);
  // The URL only exists inside xlbench_with_postgres: a fixed script reads it from the
  // environment; the paths are positional arguments, never part of the script text.
  const std::string script =
      "set -e; \"$0\" history add \"$1\" --db \"$DATABASE_URL\"; \"$0\" history add \"$1\" --db \"$DATABASE_URL\"; "
      "\"$0\" history add \"$2\" --db \"$DATABASE_URL\"; \"$0\" history show -f markdown --db \"$DATABASE_URL\"; "
      "\"$0\" history check --db \"$DATABASE_URL\"";
  ChildLimits limits;
  limits.timeout = std::chrono::seconds(300);
  limits.stderr_tail_bytes = 16384;
  std::string out;
  const auto r = run_child({XLB_WITH_POSTGRES, "--", "/bin/sh", "-c", script, XLB_CLI, a, b}, limits,
                           [&](const std::string& line) -> std::optional<std::string> {
                             out += line + "\n";
                             return std::nullopt;
                           });
  if (r.exit_code == 77) GTEST_SKIP() << r.stderr_tail;
  ASSERT_EQ(r.exit_code, 0) << out << r.stderr_tail;
  EXPECT_HAS(out, "added run run0");
  EXPECT_HAS(out, "is already in postgres");
  EXPECT_HAS(out, "added run run1");
  EXPECT_HAS(out, "| json/dom/small rust/serde_json (quick) | ops_per_s | main |");
  EXPECT_HAS(out, "3 series, 0 with change points");
}

}  // namespace
}  // namespace xlb
