// The PostgreSQL cluster of a database host (--database-host), with
// tests/fakes/fake_ssh.sh in place of ssh: the remote script runs here in a
// session of its own, as under sshd. It starts a cluster that needs the password
// made for it, loads and answers through psql over TCP, reports its CPU time,
// and leaves no process and no directory once its session ends: stopped, or its
// ssh client killed (a lost link). Skipped where PostgreSQL is not installed.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "fixtures/postgres/remote_postgres_cluster.hpp"
#include "fixtures/postgres/users_table.hpp"
#include "os/process.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;

RemotePostgresOptions fake_host_options() {
  RemotePostgresOptions o;
  o.host = {"", "db.invalid", 0};  // fake_ssh skips the destination
  o.tools.ssh = XLB_FAKE_SSH;
  o.bind = "127.0.0.1";
  return o;
}

bool alive(pid_t pid) { return testing::process_running(pid); }

bool gone_within(pid_t pid, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (alive(pid)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

// The cluster's data directory, read from the postmaster's working directory.
fs::path data_dir_of(pid_t pid) {
  std::error_code ec;
  return fs::read_symlink("/proc/" + std::to_string(pid) + "/cwd", ec);
}

#define SKIP_WITHOUT_POSTGRES()                   \
  do {                                            \
    std::string why;                              \
    if (!find_postgres(why)) GTEST_SKIP() << why; \
  } while (0)

TEST(RemotePostgresCluster, StartsWithAPasswordLoadsAnswersAndLeavesNothing) {
  SKIP_WITHOUT_POSTGRES();
  pid_t server = 0;
  fs::path data;
  {
    RemotePostgresCluster cluster(fake_host_options());
    server = cluster.remote_pid();
    ASSERT_TRUE(alive(server));
    data = data_dir_of(server);
    EXPECT_EQ(data.filename(), "data");
    EXPECT_EQ(data.parent_path().filename().string().rfind("xlbench-pg.", 0), 0u) << data;

    // postgres://postgres:<32 hex>@127.0.0.1:<port>/xlbench?sslmode=disable, and "***" for the records.
    const std::string url = cluster.url();
    const auto at = url.find('@');
    ASSERT_NE(at, std::string::npos) << url;
    EXPECT_EQ(url.substr(0, 20), "postgres://postgres:");
    EXPECT_EQ(at - 20, 32u) << url;
    EXPECT_EQ(url.substr(at), "@127.0.0.1:" + std::to_string(cluster.port()) + "/xlbench?sslmode=disable");
    EXPECT_EQ(redact_url_password(url), "postgres://postgres:***" + url.substr(at));

    // Over TCP a connection needs the password: psql without it is refused.
    std::string why;
    const auto install = find_postgres(why);
    ASSERT_TRUE(install);
    const auto refused = run_child({(install->bindir / "psql").string(), "-X", "-w", "-d",
                                    "host=127.0.0.1 port=" + std::to_string(cluster.port()) +
                                        " user=postgres dbname=xlbench sslmode=disable",
                                    "-c", "SELECT 1"},
                                   {}, nullptr);
    EXPECT_FALSE(refused.ok()) << "a connection without the password was accepted";

    EXPECT_EQ(cluster.psql({"SHOW fsync", "SHOW listen_addresses", "SHOW max_connections"}), "off\n127.0.0.1\n100\n");
    load_users(cluster, 20000, 7);
    EXPECT_EQ(count_users(cluster), 20000);
    const auto want = generated_user(7, 4242);
    EXPECT_EQ(nlohmann::json::parse(cluster.psql({"SELECT row_to_json(u) FROM (SELECT id, name, email, city, age, "
                                                  "active FROM users WHERE id = 4242) u"})),
              want.to_json());
    const double before = cluster.cpu_seconds();
    EXPECT_GT(before, 0.0);  // the load and the index build ran in backends
    // Work of a few hundred ms, well above the clock tick; the backend that did it may exit
    // a moment before the postmaster reaps it (its time is then in neither), so read again briefly.
    cluster.psql({"SELECT count(*) FROM generate_series(1, 5000000) g WHERE g % 7 = 3"});
    double after = cluster.cpu_seconds();
    for (int i = 0; i < 20 && after <= before; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      after = cluster.cpu_seconds();
    }
    EXPECT_GT(after, before);

    const auto d = cluster.describe();
    EXPECT_NE(d["version"].get<std::string>().find("PostgreSQL"), std::string::npos) << d.dump();
    EXPECT_EQ(d["database_host"], "db.invalid");
    EXPECT_EQ(d["settings"]["listen_addresses"], "127.0.0.1");
  }
  EXPECT_TRUE(gone_within(server, std::chrono::seconds(5))) << "postgres outlived the cluster";
  EXPECT_FALSE(fs::exists(data.parent_path())) << data.parent_path() << " was left";
}

TEST(RemotePostgresCluster, StopsCleanlyAfterItsSshClientDied) {
  SKIP_WITHOUT_POSTGRES();
  RemotePostgresCluster cluster(fake_host_options());
  const pid_t server = cluster.remote_pid();
  const fs::path data = data_dir_of(server);
  ASSERT_TRUE(alive(server));
  // The client is gone (under a real sshd the channel closes and the script sees its input end:
  // tests/netns covers that); stopping must neither hang nor leave the server behind.
  ::kill(cluster.ssh_client_pid(), SIGKILL);
  const auto start = std::chrono::steady_clock::now();
  cluster.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(45));
  EXPECT_TRUE(gone_within(server, std::chrono::seconds(25))) << "postgres outlived its session";
  for (int i = 0; i < 50 && fs::exists(data.parent_path()); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(fs::exists(data.parent_path())) << data.parent_path() << " was left";
  EXPECT_EQ(cluster.cpu_seconds(), 0.0);  // a stopped cluster: no figure, not a crash
}

}  // namespace
}  // namespace xlb
