// The history database, the same tests on both back ends: SQLite (a temporary file) and
// PostgreSQL (a throwaway cluster from fixtures/postgres, a fresh database per test; skipped
// with the reason where PostgreSQL is not installed).
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <thread>

#include "core/errors.hpp"
#include "fixtures/postgres/postgres_cluster.hpp"
#include "history/check.hpp"
#include "history/ingest.hpp"
#include "history/open_history.hpp"
#include "history/postgres_db.hpp"
#include "history/schema.hpp"
#include "history/series.hpp"
#include "history/sqlite_db.hpp"
#include "model/results.hpp"
#include "stats/stats.hpp"
#include "test_project.hpp"
#include "../unit/history_runs.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;
using testing_history::history_run;
using testing_history::stamp;

// One cluster for the whole binary, started on first use.
PostgresCluster* shared_cluster(std::string& why_not) {
  static std::unique_ptr<PostgresCluster> cluster;
  static std::string error;
  static bool tried = false;
  if (!tried) {
    tried = true;
    try {
      cluster = std::make_unique<PostgresCluster>(PostgresOptions{});
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
  why_not = error;
  return cluster.get();
}

class HistoryDbTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      dir_ = testing::make_temp_dir("history-db");
      location_ = (dir_ / "history.sqlite").string();
      return;
    }
    std::string why;
    auto* cluster = shared_cluster(why);
    if (!cluster) GTEST_SKIP() << "PostgreSQL unavailable: " << why;
    static int counter = 0;
    const std::string name = "history_" + std::to_string(++counter);
    cluster->psql({"CREATE DATABASE " + name});
    location_ = "postgresql://postgres@127.0.0.1:" + std::to_string(cluster->port()) + "/" + name + "?sslmode=disable";
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  // The bare back end, without migrations.
  std::unique_ptr<HistoryDb> raw() const {
    return GetParam() == "sqlite" ? open_sqlite_history(location_, true) : open_postgres_history(location_);
  }
  static std::size_t count(HistoryDb& db, const std::string& table) {
    return std::stoul(*db.query("SELECT COUNT(*) FROM " + table)[0][0]);
  }

  fs::path dir_;
  std::string location_;
};

TEST_P(HistoryDbTest, IngestingTheSameRunTwiceChangesNothing) {
  auto db = open_history(location_, true);
  const auto doc = history_run("r1", stamp(0), "c1", {1000, 1010, 990});
  const auto first = ingest_run(*db, doc, "main", "r1.json");
  EXPECT_TRUE(first.added);
  EXPECT_EQ(first.series, 3u);  // ops_per_s, ns_per_op, peak_rss_kb
  EXPECT_EQ(first.points, 9u);  // three process runs each
  const auto second = ingest_run(*db, doc, "main", "r1.json");
  EXPECT_FALSE(second.added);
  EXPECT_EQ(second.run_key, first.run_key);
  EXPECT_EQ(count(*db, "runs"), 1u);
  EXPECT_EQ(count(*db, "points"), 9u);
}

TEST_P(HistoryDbTest, ValuesReadBackExactlyOnePointPerRun) {
  auto db = open_history(location_, true);
  auto doc = history_run("r1", stamp(0), "c1", {1000, 1010, 990});
  for (auto& s : doc.measurements[0].samples) s.ns = 999'999'937;  // values that are not round
  ingest_run(*db, doc, "main", "r1.json");
  const auto series = load_series(*db);
  ASSERT_EQ(series.size(), 3u);
  const auto& ops = series[1];  // ordered by metric: ns_per_op, ops_per_s, peak_rss_kb
  ASSERT_EQ(ops.metric, "ops_per_s");
  ASSERT_EQ(ops.points.size(), 1u);
  EXPECT_EQ(ops.points[0].process_runs, 3u);
  EXPECT_EQ(ops.points[0].value, stats::median(per_run_values(doc.measurements[0], "ops_per_s")));
  EXPECT_TRUE(ops.higher_is_better);
  EXPECT_FALSE(series[0].higher_is_better);
  EXPECT_EQ(series[2].unit, "KiB");
}

TEST_P(HistoryDbTest, MachinesAndBranchesAreNeverMixed) {
  auto db = open_history(location_, true);
  ingest_run(*db, history_run("a", stamp(0), "c1", {1000}, "CPU A"), "main", "a.json");
  ingest_run(*db, history_run("b", stamp(1), "c2", {2000}, "CPU B"), "main", "b.json");
  ingest_run(*db, history_run("c", stamp(2), "c3", {3000}, "CPU A"), "feature", "c.json");
  std::set<std::string> machines;
  std::size_t ops_series = 0;
  for (const auto& s : load_series(*db)) {
    if (s.metric != "ops_per_s") continue;
    ++ops_series;
    machines.insert(s.machine);
    EXPECT_EQ(s.points.size(), 1u) << s.title();
  }
  EXPECT_EQ(ops_series, 3u);
  EXPECT_EQ(machines.size(), 2u);
  EXPECT_EQ(count(*db, "machines"), 2u);
}

// Quick and full runs measure different input sizes: the plan is part of the series.
TEST_P(HistoryDbTest, PlansAreNeverMixed) {
  auto db = open_history(location_, true);
  ingest_run(*db, history_run("q1", stamp(0), "c1", {1000}), "main", "q1.json");
  auto full = history_run("f1", stamp(1), "c2", {9000});
  full.plan["name"] = "full";
  ingest_run(*db, full, "main", "f1.json");
  ingest_run(*db, history_run("q2", stamp(2), "c3", {1010}), "main", "q2.json");
  std::map<std::string, std::size_t> points;
  for (const auto& s : load_series(*db))
    if (s.metric == "ops_per_s") points[s.measurement] = s.points.size();
  EXPECT_EQ(points, (std::map<std::string, std::size_t>{{"json/dom/small rust/serde_json (full)", 1},
                                                         {"json/dom/small rust/serde_json (quick)", 2}}));
}

TEST_P(HistoryDbTest, OldResultsIngest) {
  auto db = open_history(location_, true);
  const auto doc = load_results(fs::path(XLB_SOURCE_DIR) / "tests" / "data" / "pre-redesign" / "results.json");
  const auto r = ingest_run(*db, doc, "main", "pre-redesign");
  EXPECT_TRUE(r.added);
  EXPECT_GT(r.series, 10u);
  EXPECT_GT(count(*db, "points"), r.series);
}

TEST_P(HistoryDbTest, CheckFindsARegressionInStoredRuns) {
  auto db = open_history(location_, true);
  for (int i = 0; i < 26; ++i) {
    const double level = i < 18 ? 1000 : 850;
    const double wobble = (i % 3 - 1) * 8.0;
    ingest_run(*db, history_run("run" + std::to_string(i), stamp(i), "commit" + std::to_string(i),
                                {level + wobble, level + wobble / 2, level - wobble}),
               "main", "x.json");
  }
  const auto r = check_history(load_series(*db), CheckOptions{});
  EXPECT_EQ(r.regressions, 2);  // ops_per_s fell and ns_per_op rose; peak RSS is flat
  for (const auto& c : r.series) {
    if (c.series.metric == "peak_rss_kb") {
      EXPECT_TRUE(c.change_points.empty());
      continue;
    }
    ASSERT_EQ(c.change_points.size(), 1u) << c.series.title();
    EXPECT_EQ(c.change_points[0].index, 18u);
    EXPECT_EQ(commit_range(c.series, c.change_points[0]), "commit17..commit18");
  }
  // --since a later run: the step is outside the window.
  const auto since = resolve_since(*db, "run19");
  EXPECT_EQ(since, stamp(19));
  EXPECT_EQ(check_history(load_series(*db, since), CheckOptions{}).regressions, 0);
  EXPECT_THROW(resolve_since(*db, "yesterday"), InputError);
}

TEST_P(HistoryDbTest, AnAbandonedTransactionLeavesNothing) {
  auto db = open_history(location_, true);
  {
    Transaction tx(*db);
    db->exec("INSERT INTO machines (fingerprint, cpu_model, logical_cpus, kernel, toolchains, first_seen) "
             "VALUES ($1, $2, $3, $4, $5, $6)",
             {std::string("f"), std::string("cpu"), std::string("2"), std::string("k"), std::string("{}"),
              std::string("now")});
  }  // no commit: rolled back
  EXPECT_EQ(count(*db, "machines"), 0u);
  EXPECT_THROW(db->exec("INSERT INTO nowhere VALUES (1)"), InputError);
}

TEST_P(HistoryDbTest, ForeignOrNewerDatabasesAreRefused) {
  {
    auto db = raw();
    db->exec("CREATE TABLE invoices (id INTEGER)");
  }
  try {
    open_history(location_, true);
    FAIL() << "a foreign database was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not an xlbench history database (it has table 'invoices'"),
              std::string::npos)
        << e.what();
  }
  raw()->exec("DROP TABLE invoices");
  open_history(location_, true);  // migrates the now empty database
  raw()->exec("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')");
  EXPECT_THROW(open_history(location_, true), InputError);
}

TEST_P(HistoryDbTest, ConcurrentIngestsKeepEveryRunOnce) {
  open_history(location_, true);  // migrated once; the writers then race on ingest only
  auto writer = [this](int offset, std::string& error) {
    try {
      auto db = open_history(location_, true);
      for (int i = 0; i < 8; ++i) {
        // Half the runs are the same in both writers: each must land once.
        const int id = i % 2 ? offset + i : i;
        ingest_run(*db, history_run("run" + std::to_string(id), stamp(id), "c", {1000, 1001}), "main", "x.json");
      }
    } catch (const std::exception& e) {
      error = e.what();
    }
  };
  std::string e1, e2;
  std::thread a(writer, 100, std::ref(e1)), b(writer, 200, std::ref(e2));
  a.join();
  b.join();
  EXPECT_EQ(e1, "");
  EXPECT_EQ(e2, "");
  auto db = open_history(location_, false);
  EXPECT_EQ(count(*db, "runs"), 12u);  // 4 shared + 4 + 4
  EXPECT_EQ(count(*db, "points"), 12u * 3 * 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, HistoryDbTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace xlb
