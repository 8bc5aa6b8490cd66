// A load phase as data (loadgen/load_wire.hpp, kinds/server/load_job.hpp): what a run with
// --client-host sends the load generator on that host and reads back. Round trips are exact,
// a malformed job names its field, and a job run here measures like the generator called directly.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "http_test_server.hpp"
#include "kinds/server/load_job.hpp"
#include "loadgen/grpc/grpc_load_wire.hpp"
#include "loadgen/http_load.hpp"
#include "loadgen/load_wire.hpp"

namespace xlb {
namespace {

using std::chrono::milliseconds;
using unit::TestHttpServer;

LoadOptions every_http_field() {
  LoadOptions o;
  o.host = "10.0.0.7";
  o.port = 8080;
  o.request = {"POST", "/echo?x=1", "application/json", std::string("{\"a\":1}\0\xff\x01 bytes", 17)};
  o.requests = {{"GET", "/users/1", "", ""}, {"GET", "/users/2", "", ""}};
  o.expect.status = 201;
  o.expect.body_bytes = 42;
  o.connections = 64;
  o.threads = 3;
  o.warmup = milliseconds(1500);
  o.duration = milliseconds(4000);
  o.rate_per_s = 12345.5;
  o.request_timeout = milliseconds(2500);
  o.cpus = {0, 2};
  o.interval = milliseconds(100);
  return o;
}

TEST(LoadWire, HttpOptionsRoundTripEveryFieldAndAnyBodyBytes) {
  const auto o = every_http_field();
  const auto back = http_load_options_from_json(nlohmann::json::parse(http_load_options_json(o).dump()));
  EXPECT_EQ(back.host, o.host);
  EXPECT_EQ(back.port, o.port);
  EXPECT_EQ(back.request.method, "POST");
  EXPECT_EQ(back.request.path, "/echo?x=1");
  EXPECT_EQ(back.request.content_type, "application/json");
  EXPECT_EQ(back.request.body, o.request.body) << "a NUL and a byte that is not UTF-8 survive";
  ASSERT_EQ(back.requests.size(), 2u);
  EXPECT_EQ(back.requests[1].path, "/users/2");
  EXPECT_EQ(back.expect.status, 201);
  EXPECT_EQ(back.expect.body_bytes, std::optional<std::size_t>(42));
  EXPECT_EQ(back.connections, 64);
  EXPECT_EQ(back.threads, 3);
  EXPECT_EQ(back.warmup, milliseconds(1500));
  EXPECT_EQ(back.duration, milliseconds(4000));
  EXPECT_EQ(back.rate_per_s, std::optional<double>(12345.5));
  EXPECT_EQ(back.request_timeout, milliseconds(2500));
  EXPECT_EQ(back.cpus, (std::vector<int>{0, 2}));
  EXPECT_EQ(back.interval, milliseconds(100));

  LoadOptions closed;  // closed loop, any body size
  const auto plain = http_load_options_from_json(http_load_options_json(closed));
  EXPECT_FALSE(plain.rate_per_s);
  EXPECT_FALSE(plain.expect.body_bytes);
}

TEST(LoadWire, GrpcOptionsRoundTrip) {
  GrpcLoadOptions o;
  o.host = "10.0.0.8";
  o.port = 9090;
  o.method = GrpcMethod::kChat;
  o.shape.text_bytes = 1024;
  o.messages_per_call = 50;
  o.lanes = 32;
  o.channels = 8;
  o.warmup = milliseconds(700);
  o.duration = milliseconds(3000);
  o.rate_per_s = 999;
  o.request_timeout = milliseconds(1500);
  o.cpus = {1};
  o.interval = milliseconds(250);
  const auto back = grpc_load_options_from_json(nlohmann::json::parse(grpc_load_options_json(o).dump()));
  EXPECT_EQ(back.host, o.host);
  EXPECT_EQ(back.port, 9090);
  EXPECT_EQ(back.method, GrpcMethod::kChat);
  EXPECT_EQ(back.shape.text_bytes, 1024u);
  EXPECT_EQ(back.messages_per_call, 50);
  EXPECT_EQ(back.lanes, 32);
  EXPECT_EQ(back.channels, 8);
  EXPECT_EQ(back.warmup, milliseconds(700));
  EXPECT_EQ(back.duration, milliseconds(3000));
  EXPECT_EQ(back.rate_per_s, std::optional<double>(999));
  EXPECT_EQ(back.request_timeout, milliseconds(1500));
  EXPECT_EQ(back.cpus, std::vector<int>{1});
  EXPECT_EQ(back.interval, milliseconds(250));
}

TEST(LoadWire, MalformedJobsNameTheirField) {
  auto j = http_load_options_json(LoadOptions{});
  j.erase("duration_ms");
  try {
    http_load_options_from_json(j);
    FAIL() << "a job without duration_ms was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("duration_ms"), std::string::npos) << e.what();
  }
  j = http_load_options_json(LoadOptions{});
  j["request"]["body_hex"] = "zz";
  EXPECT_THROW(http_load_options_from_json(j), InputError);
  auto g = grpc_load_options_json(GrpcLoadOptions{});
  g["method"] = "Shout";
  try {
    grpc_load_options_from_json(g);
    FAIL() << "an unknown method was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'Shout'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(load_job_from_json({{"generator", "udp"}, {"options", nlohmann::json::object()}}), InputError);
  EXPECT_THROW(load_job_from_json(nlohmann::json::array()), InputError);
}

TEST(LoadWire, AJobRunHereMeasuresAndItsResultRoundTrips) {
  TestHttpServer server({});
  LoadOptions o;
  o.port = server.port();
  o.request.path = "/plaintext";
  o.expect.body_bytes = 13;
  o.connections = 2;
  o.warmup = milliseconds(100);
  o.duration = milliseconds(400);
  o.interval = milliseconds(100);
  const auto job = load_job_from_json(nlohmann::json::parse(http_load_job(o).to_json().dump()));
  EXPECT_EQ(job.generator, "http");
  EXPECT_EQ(job.expected_length(), milliseconds(100 + 400 + 2000));
  const auto r = run_load_job(job);
  EXPECT_GT(r.requests, 10u);
  EXPECT_EQ(r.errors.total(), 0u);
  EXPECT_EQ(r.per_interval.size(), 4u);

  auto with_extra = r;
  with_extra.extra = {{"calls", 7}, {"grpc_status", {{"14", 2}}}};
  const auto text = with_extra.to_json().dump();
  const auto back = load_result_from_json(nlohmann::json::parse(text));
  EXPECT_EQ(back.to_json().dump(), text) << "what the harness records of a remote phase is what was measured there";
  EXPECT_EQ(back.requests, r.requests);
  EXPECT_EQ(back.latency.percentile_ns(0.99), r.latency.percentile_ns(0.99));
  EXPECT_EQ(back.extra["calls"], 7);

  auto broken = nlohmann::json::parse(text);
  broken["errors"].erase("timeout");
  try {
    load_result_from_json(broken);
    FAIL() << "a result without errors.timeout was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("timeout"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace xlb
