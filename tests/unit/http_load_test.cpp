// run_load against the in-test server: counting, rates, coordinated-omission
// correction and every error counter. Each test runs well under 2 s.
#include <gtest/gtest.h>

#include <numeric>

#include "core/errors.hpp"
#include "loadgen/http_load.hpp"
#include "http_test_server.hpp"
#include "os/process.hpp"

namespace xlb {
namespace {

using std::chrono::milliseconds;
using unit::TestHttpServer;
using Behaviour = TestHttpServer::Behaviour;

LoadOptions options_for(const TestHttpServer& server, int connections, milliseconds duration) {
  LoadOptions o;
  o.port = server.port();
  o.request.path = "/plaintext";
  o.expect.body_bytes = 13;
  o.connections = connections;
  o.warmup = milliseconds(0);
  o.duration = duration;
  o.interval = milliseconds(100);
  return o;
}

std::uint64_t sum(const std::vector<std::uint64_t>& v) { return std::accumulate(v.begin(), v.end(), std::uint64_t{0}); }

TEST(HttpLoad, ClosedLoopCountsEveryResponse) {
  TestHttpServer server({});
  auto o = options_for(server, 4, milliseconds(500));
  o.threads = 2;
  const auto r = run_load(o);
  EXPECT_FALSE(r.open_loop);
  EXPECT_EQ(r.errors.total(), 0u);
  EXPECT_GT(r.requests, 100u);
  EXPECT_EQ(r.latency.count(), r.requests);
  EXPECT_NEAR(r.elapsed_s, 0.5, 1e-9);
  EXPECT_DOUBLE_EQ(r.achieved_rate, static_cast<double>(r.requests) / r.elapsed_s);
  ASSERT_EQ(r.per_interval.size(), 5u);
  EXPECT_EQ(sum(r.per_interval), r.requests) << "every counted response falls in one full interval";
  // The server saw each counted request, plus at most one in flight per connection at the end.
  EXPECT_GE(server.requests(), r.requests);
  EXPECT_LE(server.requests(), r.requests + 4);
  EXPECT_EQ(server.connections(), 4u) << "keep-alive: one connection each, never reopened";
  EXPECT_EQ(r.threads, 2);
  EXPECT_GT(r.latency.min_ns(), 0);
}

TEST(HttpLoad, WarmupIsNotRecorded) {
  TestHttpServer server({});
  auto o = options_for(server, 2, milliseconds(300));
  o.warmup = milliseconds(200);
  const auto r = run_load(o);
  EXPECT_GT(r.warmup_requests, 10u);
  EXPECT_GT(r.requests, 10u);
  EXPECT_NEAR(r.elapsed_s, 0.3, 1e-9);
  EXPECT_EQ(r.latency.count(), r.requests);
  EXPECT_LE(server.requests(), r.requests + r.warmup_requests + 2);
  EXPECT_GE(server.requests(), r.requests + r.warmup_requests);
}

TEST(HttpLoad, OpenLoopReachesALowTargetRate) {
  TestHttpServer server({});
  auto o = options_for(server, 4, milliseconds(1000));
  o.warmup = milliseconds(200);
  o.rate_per_s = 400;
  const auto r = run_load(o);
  EXPECT_TRUE(r.open_loop);
  EXPECT_EQ(r.target_rate, 400);
  EXPECT_EQ(r.errors.total(), 0u);
  // Loose bounds: this checks the schedule, not the speed of a shared CI machine.
  EXPECT_NEAR(r.achieved_rate, 400, 400 * 0.10);
  // Sent on schedule to an idle server: latency from the intended time stays small.
  EXPECT_LT(r.latency.percentile_ns(0.5), 50'000'000);
  // Every interval holds about its share of the rate (40 per 100 ms).
  for (auto n : r.per_interval) EXPECT_NEAR(static_cast<double>(n), 40.0, 20.0);
}

TEST(HttpLoad, OpenLoopLatencyIncludesAServerStall) {
  // The 100th request freezes every answer for 200 ms: requests due meanwhile
  // wait, and their latency is counted from when they should have been sent.
  TestHttpServer server(TestHttpServer::stalling(100, milliseconds(200)));
  auto o = options_for(server, 4, milliseconds(1500));
  o.rate_per_s = 400;
  const auto r = run_load(o);
  EXPECT_EQ(r.errors.total(), 0u);
  EXPECT_GE(r.latency.max_ns(), 200'000'000);
  EXPECT_GE(r.latency.percentile_ns(0.99), 150'000'000) << "the stall shows in the tail, not only in the max";
  EXPECT_LT(r.latency.percentile_ns(0.5), 50'000'000);
  EXPECT_NEAR(r.achieved_rate, 400, 400 * 0.10) << "the backlog is sent after the stall";
}

TEST(HttpLoad, ClosedLoopHidesTheStallThatOpenLoopShows) {
  TestHttpServer server(TestHttpServer::stalling(200, milliseconds(200)));
  auto o = options_for(server, 4, milliseconds(600));
  const auto r = run_load(o);
  EXPECT_GE(r.latency.max_ns(), 190'000'000);
  EXPECT_LT(r.latency.percentile_ns(0.99), 100'000'000) << "coordinated omission: one slow sample per connection";
}

TEST(HttpLoad, StatusErrorsAreCounted) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kStatus500));
  auto o = options_for(server, 2, milliseconds(200));
  o.expect.body_bytes.reset();
  const auto r = run_load(o);
  EXPECT_EQ(r.requests, 0u);
  EXPECT_GT(r.errors.status, 10u);
  EXPECT_EQ(r.errors.total(), r.errors.status);
  EXPECT_EQ(r.latency.count(), 0u);
}

TEST(HttpLoad, WrongBodySizeIsABodyError) {
  TestHttpServer server({});
  auto o = options_for(server, 2, milliseconds(200));
  o.expect.body_bytes = 5;
  const auto r = run_load(o);
  EXPECT_EQ(r.requests, 0u);
  EXPECT_GT(r.errors.body, 10u);
  EXPECT_EQ(r.errors.total(), r.errors.body);
}

TEST(HttpLoad, GarbageIsAParseError) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kGarbage));
  const auto r = run_load(options_for(server, 2, milliseconds(200)));
  EXPECT_EQ(r.requests, 0u);
  EXPECT_GT(r.errors.parse, 2u);
  EXPECT_GT(server.connections(), 2u) << "reconnects after each garbage answer";
}

TEST(HttpLoad, ChunkedResponsesAreFine) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kChunked));
  const auto r = run_load(options_for(server, 2, milliseconds(200)));
  EXPECT_EQ(r.errors.total(), 0u);
  EXPECT_GT(r.requests, 10u);
}

TEST(HttpLoad, AnnouncedCloseReconnectsWithoutErrors) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kCloseAnnounced));
  const auto r = run_load(options_for(server, 2, milliseconds(300)));
  EXPECT_EQ(r.errors.total(), 0u);
  EXPECT_GT(r.requests, 10u);
  EXPECT_GE(server.connections(), r.requests) << "a new connection for every request";
}

TEST(HttpLoad, UnannouncedCloseCountsFailedRequestsAndRecovers) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kCloseAfterResponse));
  const auto r = run_load(options_for(server, 2, milliseconds(300)));
  EXPECT_GT(r.requests, 10u) << "the generator keeps reconnecting";
  EXPECT_GT(r.errors.read + r.errors.write, 0u) << "requests sent on a connection the server closed";
  EXPECT_EQ(r.errors.parse + r.errors.status + r.errors.timeout, 0u);
}

TEST(HttpLoad, SilentServerTimesOut) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kNeverRespond));
  auto o = options_for(server, 2, milliseconds(500));
  o.request_timeout = milliseconds(100);
  const auto r = run_load(o);
  EXPECT_EQ(r.requests, 0u);
  EXPECT_GE(r.errors.timeout, 6u);  // 2 connections x about 4 periods of 100 ms
  EXPECT_LE(r.errors.timeout, 12u);
  EXPECT_GE(server.connections(), r.errors.timeout) << "each timeout closes and reconnects";
}

TEST(HttpLoad, RefusedConnectionsAreConnectErrors) {
  int port;
  {
    TestHttpServer gone({});
    port = gone.port();
  }  // closed: nothing listens there any more
  LoadOptions o;
  o.port = port;
  o.connections = 2;
  o.warmup = milliseconds(0);
  o.duration = milliseconds(200);
  const auto r = run_load(o);
  EXPECT_EQ(r.requests, 0u);
  EXPECT_GT(r.errors.connect, 4u);
  EXPECT_LT(r.errors.connect, 100u) << "reconnects back off instead of spinning";
}

TEST(HttpLoad, PostBodyIsSent) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kEcho));
  auto o = options_for(server, 2, milliseconds(200));
  o.request = {.method = "POST", .path = "/echo", .content_type = "application/json", .body = R"({"id":1})"};
  o.expect.body_bytes = o.request.body.size();
  const auto r = run_load(o);
  EXPECT_EQ(r.errors.total(), 0u);
  EXPECT_GT(r.requests, 10u);
}

TEST(HttpLoad, ThreadsArePinnedAndRecorded) {
  TestHttpServer server({});
  auto o = options_for(server, 3, milliseconds(100));
  o.threads = 8;  // more threads than connections: one per connection
  const int cpu = current_affinity().back();
  o.cpus = {cpu};
  const auto r = run_load(o);
  EXPECT_EQ(r.threads, 3);
  EXPECT_EQ(r.cpus_used, std::vector<int>{cpu});
  EXPECT_GT(r.requests, 0u);
}

TEST(HttpLoad, ImpossibleOptionsAreInputErrors) {
  LoadOptions o;
  o.port = 0;
  EXPECT_THROW(run_load(o), InputError);
  o.port = 1;
  o.connections = 0;
  EXPECT_THROW(run_load(o), InputError);
  o.connections = 1;
  o.rate_per_s = -1;
  EXPECT_THROW(run_load(o), InputError);
  o.rate_per_s.reset();
  o.cpus = {100000};
  EXPECT_THROW(run_load(o), InputError);
  o.cpus.clear();
  o.request.path = "no-slash";
  EXPECT_THROW(run_load(o), InputError);
}

TEST(HttpLoad, ResultJson) {
  TestHttpServer server({});
  auto o = options_for(server, 2, milliseconds(200));
  o.rate_per_s = 100;
  const auto r = run_load(o);
  const auto j = r.to_json();
  EXPECT_EQ(j.at("mode"), "open");
  EXPECT_EQ(j.at("target_rate"), 100.0);
  EXPECT_EQ(j.at("requests"), r.requests);
  EXPECT_EQ(j.at("errors").at("total"), 0);
  EXPECT_EQ(j.at("latency").at("count"), r.requests);
  EXPECT_EQ(j.at("latency").at("p99_ns"), r.latency.percentile_ns(0.99));
  EXPECT_EQ(j.at("per_interval").size(), r.per_interval.size());
  EXPECT_EQ(j.at("interval_ms"), 100);
  EXPECT_TRUE(j.at("cpus_used").is_array());
  EXPECT_EQ(LatencyHistogram::from_json(j.at("latency")).count(), r.requests);
}

}  // namespace
}  // namespace xlb
