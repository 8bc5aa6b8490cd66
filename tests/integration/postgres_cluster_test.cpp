// The throwaway PostgreSQL cluster: it starts as an unprivileged user, loads the
// users table, answers queries, and leaves no process and no directory behind,
// whether it is stopped, unwound by an exception, or its harness is killed.
// Skipped (with the reason) where PostgreSQL is not installed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "fixtures/postgres/postgres_cluster.hpp"
#include "os/proc_stat.hpp"
#include "test_project.hpp"
#include "fixtures/postgres/users_table.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;
namespace bp = boost::process;

// Processes whose working directory or command line lies under `dir`
// (postgres and every backend run with the data directory as their cwd).
int processes_under(const fs::path& dir) {
  int count = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::error_code link_ec;
    const std::string cwd = fs::read_symlink(entry.path() / "cwd", link_ec).string();
    std::ifstream cmdline(entry.path() / "cmdline");
    std::string text((std::istreambuf_iterator<char>(cmdline)), {});
    if ((!link_ec && cwd.rfind(dir.string(), 0) == 0) || text.find(dir.string()) != std::string::npos) ++count;
  }
  return count;
}

bool alive(pid_t pid) { return testing::process_running(pid); }

#define SKIP_WITHOUT_POSTGRES()                                 \
  do {                                                          \
    std::string why;                                            \
    if (!find_postgres(why)) GTEST_SKIP() << why;               \
  } while (0)

class PostgresClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    parent_ = testing::make_temp_dir("pgtest");
    // mkdtemp makes it 0700; the server's own user must be able to pass through, as through /tmp.
    fs::permissions(parent_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  }
  void TearDown() override {
    EXPECT_EQ(processes_under(parent_), 0) << "a postgres process outlived the test";
    std::error_code ec;
    fs::remove_all(parent_, ec);
  }
  PostgresOptions options() const {
    PostgresOptions o;
    o.parent_dir = parent_;
    return o;
  }
  fs::path parent_;
};

TEST_F(PostgresClusterTest, StartsLoadsAnswersAndLeavesNothing) {
  SKIP_WITHOUT_POSTGRES();
  fs::path dir;
  pid_t server = -1;
  std::vector<pid_t> backends;
  {
    PostgresCluster cluster(options());
    dir = cluster.dir();
    server = cluster.pid();
    ASSERT_TRUE(fs::is_directory(dir / "data"));
    EXPECT_TRUE(alive(server));
    EXPECT_GT(cluster.port(), 0);
    EXPECT_EQ(cluster.url(), "postgres://postgres@127.0.0.1:" + std::to_string(cluster.port()) +
                                 "/xlbench?sslmode=disable");
    if (::geteuid() == 0) {
      EXPECT_EQ(cluster.describe()["os_user"], "postgres");
    }
    EXPECT_EQ(cluster.psql({"SHOW fsync", "SHOW synchronous_commit"}), "off\noff\n");

    const std::uint64_t seed = 42;
    load_users(cluster, 100000, seed);
    EXPECT_EQ(count_users(cluster), 100000);
    // A known row reads back exactly as the generator made it (including the quote in O'Brien rows).
    for (std::int64_t id : {1, 4242, 100000}) {
      const auto want = generated_user(seed, id);
      const auto got = nlohmann::json::parse(cluster.psql(
          {"SELECT row_to_json(u) FROM (SELECT id, name, email, city, age, active FROM users WHERE id = " +
           std::to_string(id) + ") u"}));
      EXPECT_EQ(got, want.to_json()) << "id " << id;
    }
    EXPECT_NE(cluster.psql({"EXPLAIN SELECT * FROM users WHERE id = 7"}).find("Index Scan"), std::string::npos);

    // Rows inserted by a POST load are removed again, and ids restart after the loaded ones.
    cluster.psql({"INSERT INTO users (name, email, city, age, active) VALUES ('x', 'x@example.com', 'Oslo', 30, true)"});
    EXPECT_EQ(count_users(cluster), 100001);
    reset_users(cluster, 100000);
    EXPECT_EQ(count_users(cluster), 100000);
    EXPECT_EQ(cluster.psql({"INSERT INTO users (name, email, city, age, active) VALUES ('y', 'y@example.com', 'Oslo', "
                            "31, false) RETURNING id"}),
              "100001\n");

    EXPECT_GT(cluster.cpu_seconds(), 0.0);  // COPY and the index build cost CPU in the backends
    backends = child_pids(server);
    EXPECT_FALSE(backends.empty());  // checkpointer, walwriter, ...
    cluster.stop();
    cluster.stop();  // idempotent
    EXPECT_FALSE(fs::exists(dir));
  }
  EXPECT_FALSE(alive(server));
  for (pid_t b : backends) EXPECT_FALSE(alive(b)) << "backend " << b;
  EXPECT_EQ(processes_under(dir), 0);
}

TEST_F(PostgresClusterTest, AnExceptionUnwindsToAStoppedServer) {
  SKIP_WITHOUT_POSTGRES();
  fs::path dir;
  pid_t server = -1;
  try {
    PostgresCluster cluster(options());
    dir = cluster.dir();
    server = cluster.pid();
    cluster.psql({"SELECT * FROM no_such_table"});  // throws: psql's error is reported
    FAIL() << "psql did not report the error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos) << e.what();
  }
  ASSERT_GT(server, 0);
  EXPECT_FALSE(alive(server));
  EXPECT_FALSE(fs::exists(dir));
}

TEST_F(PostgresClusterTest, MissingBinariesAreReportedAsUnavailable) {
  // An empty bindir override still lets the real search run; a directory
  // without the binaries must not be taken.
  std::string why;
  const auto install = find_postgres(why);
  if (install) {
    EXPECT_TRUE(fs::exists(install->bindir / "initdb"));
    EXPECT_NE(install->version.find("PostgreSQL"), std::string::npos) << install->version;
  } else {
    EXPECT_NE(why.find("postgresql package"), std::string::npos) << why;
  }
}

TEST_F(PostgresClusterTest, StaleDirectoriesOfDeadOwnersAreRemoved) {
  // A directory whose owner died is removed; one whose owner lives is kept.
  pid_t dead = ::fork();
  if (dead == 0) ::_exit(0);
  ::waitpid(dead, nullptr, 0);
  const fs::path stale = parent_ / "xlbench-pg-stale01", live = parent_ / "xlbench-pg-live01";
  fs::create_directories(stale / "data");
  fs::create_directories(live / "data");
  std::ofstream(stale / "owner.pid") << dead << "\n";
  std::ofstream(live / "owner.pid") << ::getpid() << "\n";
  EXPECT_EQ(remove_stale_clusters(parent_), 1);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));
}

// Run in a child process by KilledHarnessTakesTheServerDown: start a cluster,
// say where it is, then wait to be killed. Disabled: it runs only when asked for.
TEST(PostgresClusterChild, DISABLED_HoldClusterUntilKilled) {
  const char* parent = std::getenv("XLB_PG_CHILD_PARENT");
  if (!parent) GTEST_SKIP() << "helper for KilledHarnessTakesTheServerDown";
  PostgresOptions o;
  o.parent_dir = parent;
  PostgresCluster cluster(o);
  std::cout << "READY " << cluster.pid() << " " << cluster.dir().string() << std::endl;
  std::this_thread::sleep_for(std::chrono::seconds(120));
}

TEST_F(PostgresClusterTest, KilledHarnessTakesTheServerDown) {
  SKIP_WITHOUT_POSTGRES();
  bp::ipstream out;
  // Inherited rather than passed with bp::env: Boost.Process's environment lookup
  // reads past the end of short entries (AddressSanitizer reports it).
  ::setenv("XLB_PG_CHILD_PARENT", parent_.c_str(), 1);
  bp::child holder(bp::exe = fs::read_symlink("/proc/self/exe").string(),
                   bp::args = {"--gtest_also_run_disabled_tests",
                               "--gtest_filter=PostgresClusterChild.DISABLED_HoldClusterUntilKilled"},
                   bp::std_out > out, bp::std_err > bp::null);
  ::unsetenv("XLB_PG_CHILD_PARENT");
  std::string word, dir;
  pid_t server = -1;
  while (out >> word)
    if (word == "READY") {
      out >> server >> dir;
      break;
    }
  ASSERT_GT(server, 0) << "the helper never started its cluster";
  ASSERT_TRUE(alive(server));
  ::kill(holder.id(), SIGKILL);  // no destructor runs: only the parent-death signal stops the server
  holder.wait();
  for (int i = 0; i < 400 && alive(server); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_FALSE(alive(server)) << "postgres outlived its killed harness";
  for (int i = 0; i < 400 && processes_under(dir) > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_TRUE(fs::exists(dir));  // nobody removed it yet...
  EXPECT_EQ(remove_stale_clusters(parent_), 1);  // ...the next run does
  EXPECT_FALSE(fs::exists(dir));
}

}  // namespace
}  // namespace xlb
