// The sql-api workload's pieces that need no database: the generated rows, the
// seeded id distributions, the endpoint rules (requests, expected answers,
// probes), the load generator's request rotation, and /proc CPU accounting.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <time.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <thread>

#include "core/errors.hpp"
#include "kinds/server/http_endpoints.hpp"
#include "loadgen/http_load.hpp"
#include "http_test_server.hpp"
#include "model/manifest.hpp"
#include "os/proc_stat.hpp"
#include "kinds/server/sql_api_endpoints.hpp"
#include "test_util.hpp"
#include "fixtures/postgres/users_table.hpp"

namespace xlb {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

WorkloadSpec sql_manifest() { return load_manifest(std::filesystem::path(XLB_SOURCE_DIR) / "workloads/sql-api/workload.json"); }

json params_of(const WorkloadSpec& w) { return w.inputs.front().params; }

VerifyResult response(int status, const std::string& body) {
  VerifyResult r;
  r.ok = true;
  r.status = status;
  r.content_type = "application/json";
  r.content_length = body.size();
  r.body = body;
  return r;
}

TEST(UsersTable, RowsArePureFunctionsOfSeedAndId) {
  const auto a = generated_user(42, 7), b = generated_user(42, 7);
  EXPECT_EQ(a.to_json(), b.to_json());
  EXPECT_EQ(a.id, 7);
  EXPECT_NE(generated_user(43, 7).to_json(), a.to_json());
  EXPECT_NE(generated_user(42, 8).email, a.email);
  EXPECT_TRUE(a.email.ends_with("7@example.com")) << a.email;
  EXPECT_GE(a.age, 18);
  EXPECT_LE(a.age, 90);
  EXPECT_EQ(a.insert_body().size(), 5u);
  EXPECT_FALSE(a.insert_body().contains("id"));
  // The data exercises quoting (CSV, SQL, JSON) and both booleans.
  bool quote = false;
  std::set<bool> active;
  for (int id = 1; id <= 2000; ++id) {
    const auto u = generated_user(42, id);
    quote = quote || u.name.find('\'') != std::string::npos;
    active.insert(u.active);
  }
  EXPECT_TRUE(quote);
  EXPECT_EQ(active.size(), 2u);
}

TEST(SqlApiIds, UniformIdsAreSeededAndSpread) {
  const auto ids = seeded_ids(100000, 20000, 7, "uniform", 1.0);
  EXPECT_EQ(ids, seeded_ids(100000, 20000, 7, "uniform", 1.0));
  EXPECT_NE(ids, seeded_ids(100000, 20000, 8, "uniform", 1.0));
  EXPECT_EQ(*std::min_element(ids.begin(), ids.end()) >= 1, true);
  EXPECT_LE(*std::max_element(ids.begin(), ids.end()), 100000);
  const double mean = std::accumulate(ids.begin(), ids.end(), 0.0) / static_cast<double>(ids.size());
  EXPECT_NEAR(mean, 50000, 2000);
  EXPECT_GT(std::set<std::int64_t>(ids.begin(), ids.end()).size(), 18000u);
}

TEST(SqlApiIds, ZipfIdsFavourLowIds) {
  const auto ids = seeded_ids(100000, 20000, 7, "zipf", 1.0);
  std::map<std::int64_t, int> count;
  for (auto id : ids) {
    ASSERT_GE(id, 1);
    ASSERT_LE(id, 100000);
    ++count[id];
  }
  // Weight of id 1 with s = 1 over 100k ids: 1 / H(100000) ~ 8%.
  EXPECT_NEAR(count[1] / 20000.0, 0.083, 0.015);
  EXPECT_GT(count[1], count[2]);
  const auto low = std::count_if(ids.begin(), ids.end(), [](auto id) { return id <= 100; });
  EXPECT_GT(low, 20000 * 0.35);  // uniform would give 0.1%
}

TEST(SqlApiEndpoints, RotationsAreSeededAndTheSameOnEveryCall) {
  const auto w = sql_manifest();
  const auto get = endpoint_spec(w, "get_user", params_of(w));
  EXPECT_EQ(get.rotation.size(), 4096u);
  EXPECT_EQ(get.request.path, get.rotation.front().path);
  EXPECT_TRUE(get.request.path.starts_with("/users/"));
  EXPECT_FALSE(get.fixed_body_size);
  EXPECT_EQ(get.status, 200);
  const auto again = endpoint_spec(w, "get_user", params_of(w));
  for (std::size_t i = 0; i < get.rotation.size(); ++i) ASSERT_EQ(get.rotation[i].path, again.rotation[i].path);

  const auto list = endpoint_spec(w, "list_users", params_of(w));
  EXPECT_TRUE(list.request.path.starts_with("/users?limit=20&after=")) << list.request.path;
  const auto create = endpoint_spec(w, "create_user", params_of(w));
  EXPECT_EQ(create.status, 201);
  EXPECT_EQ(create.request.method, "POST");
  EXPECT_EQ(json::parse(create.request.body).size(), 5u);
  EXPECT_NE(create.rotation[0].body, create.rotation[1].body);
  EXPECT_EQ(create.to_json()["rotation"], 4096);
}

TEST(SqlApiEndpoints, BadParamsAndManifestsNameTheField) {
  auto w = sql_manifest();
  auto params = params_of(w);
  params["ids"] = "gauss";
  try {
    endpoint_spec(w, "get_user", params);
    FAIL() << "accepted ids=gauss";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "params.ids");
  }
  params = params_of(w);
  params["list_limit"] = 500;
  EXPECT_THROW(endpoint_spec(w, "list_users", params), InputError);
  w.database = nullptr;
  try {
    endpoint_spec(w, "get_user", params_of(w));
    FAIL() << "accepted a missing database";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "database");
  }
}

TEST(SqlApiEndpoints, AnswersAreCheckedValueByValue) {
  const auto w = sql_manifest();
  const auto get = endpoint_spec(w, "get_user", params_of(w));
  const auto id = std::stoll(get.request.path.substr(7));
  auto row = generated_user(42, id).to_json();
  EXPECT_EQ(check_response(get, response(200, row.dump())), "");
  row["city"] = "Atlantis";
  EXPECT_CONTAINS(check_response(get, response(200, row.dump())), "answer differs");
  EXPECT_CONTAINS(check_response(get, response(404, "{}")), "status 404, expected 200");
  auto text = response(200, generated_user(42, id).to_json().dump());
  text.content_type = "text/plain";
  EXPECT_CONTAINS(check_response(get, text), "Content-Type");

  const auto list = endpoint_spec(w, "list_users", params_of(w));
  const auto after = std::stoll(list.request.path.substr(list.request.path.find("after=") + 6));
  json page = json::array();
  for (auto i = after + 1; i <= after + 20; ++i) page.push_back(generated_user(42, i).to_json());
  EXPECT_EQ(check_response(list, response(200, page.dump())), "");
  page.erase(page.size() - 1);
  EXPECT_CONTAINS(check_response(list, response(200, page.dump())), "answer differs");

  const auto create = endpoint_spec(w, "create_user", params_of(w));
  auto stored = json::parse(create.request.body);
  stored["id"] = 100007;
  EXPECT_EQ(check_response(create, response(201, stored.dump())), "");
  EXPECT_CONTAINS(check_response(create, response(200, stored.dump())), "expected 201");
  stored["id"] = 5;  // a loaded id: the insert did not create a row
  EXPECT_CONTAINS(check_response(create, response(201, stored.dump())), "integer id > 100000");
}

TEST(SqlApiEndpoints, ProbesCoverKnownMissingAndMalformedRequests) {
  const auto w = sql_manifest();
  const auto get = endpoint_spec(w, "get_user", params_of(w));
  const auto probes = endpoint_probes(get);
  std::set<int> statuses;
  int exact = 0;
  for (const auto& p : probes) {
    statuses.insert(p.status);
    if (p.document) {
      ++exact;
      const auto id = std::stoll(p.request.path.substr(7));
      EXPECT_EQ(*p.document, generated_user(42, id).to_json());
      EXPECT_EQ(check_probe(p, response(200, p.document->dump())), "");
    }
  }
  EXPECT_GE(exact, 4);
  EXPECT_EQ(statuses, (std::set<int>{200, 400, 404}));

  const auto list_probes = endpoint_probes(endpoint_spec(w, "list_users", params_of(w)));
  ASSERT_FALSE(list_probes.empty());
  EXPECT_EQ(list_probes[0].request.path, "/users?limit=3&after=0");
  EXPECT_EQ((*list_probes[0].document)[2], generated_user(42, 3).to_json());

  for (const auto& p : endpoint_probes(endpoint_spec(w, "create_user", params_of(w)))) EXPECT_EQ(p.status, 400);
}

TEST(SqlApiLoad, ConnectionsCycleThroughTheRotation) {
  // The echo server answers with the request body: bodies of 1 and 2 bytes
  // alternate, so with body_bytes = 1 every other response is a body error.
  unit::TestHttpServer server(unit::TestHttpServer::behaving(unit::TestHttpServer::Behaviour::kEcho));
  LoadOptions o;
  o.port = server.port();
  o.connections = 1;
  o.warmup = milliseconds(0);
  o.duration = milliseconds(300);
  o.interval = milliseconds(100);
  o.requests = {{"POST", "/a", "application/json", "1"}, {"POST", "/b", "application/json", "22"}};
  o.expect.body_bytes = 1;
  const auto r = run_load(o);
  EXPECT_GT(r.requests, 20u);
  EXPECT_GT(r.errors.body, 20u);
  const auto diff = static_cast<long>(r.requests) - static_cast<long>(r.errors.body);
  EXPECT_LE(std::abs(diff), 2) << r.requests << " good, " << r.errors.body << " wrong size";
}

TEST(ProcStat, ReadsItselfAndItsChildren) {
  const auto self = read_proc_cpu(::getpid());
  ASSERT_TRUE(self);
  EXPECT_EQ(self->ppid, ::getppid());
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  if (child == 0) {
    // Burn 0.3 s of CPU time (not wall time: the machine may be busy), say so, wait to be killed.
    timespec t{};
    volatile std::uint64_t x = 0;
    do {
      for (int i = 0; i < 100000; ++i) x = x + 1;
      ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    } while (t.tv_sec == 0 && t.tv_nsec < 300'000'000);
    [[maybe_unused]] auto n = ::write(ready[1], "x", 1);
    ::pause();
    ::_exit(0);
  }
  char byte;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ::close(ready[0]);
  ::close(ready[1]);
  const auto children = child_pids(::getpid());
  EXPECT_NE(std::find(children.begin(), children.end(), child), children.end());
  const double before = tree_cpu_seconds(::getpid());
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  // Reaped: its time moves into our children's share, the tree's total does not drop.
  EXPECT_GE(tree_cpu_seconds(::getpid()) + 0.02, before);
  EXPECT_GE(read_proc_cpu(::getpid())->children_user_s + read_proc_cpu(::getpid())->children_sys_s, 0.2);
  EXPECT_FALSE(read_proc_cpu(child));
}

}  // namespace
}  // namespace xlb
