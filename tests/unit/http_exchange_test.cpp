#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "loadgen/http_load.hpp"
#include "http_test_server.hpp"

namespace xlb {
namespace {

using std::chrono::milliseconds;
using unit::TestHttpServer;
using Behaviour = TestHttpServer::Behaviour;

const HttpRequestSpec kGet{.method = "GET", .path = "/json", .content_type = "", .body = ""};

TEST(HttpExchange, ReturnsStatusTypeAndBody) {
  TestHttpServer::Options json;
  json.body = R"({"message":"Hello, World!"})";
  json.content_type = "application/json";
  TestHttpServer server(json);
  const auto r = http_exchange("127.0.0.1", server.port(), kGet, milliseconds(1000));
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.content_length, 27u);
  EXPECT_EQ(r.body, R"({"message":"Hello, World!"})");
  EXPECT_GT(r.elapsed.count(), 0);
  EXPECT_LT(r.elapsed, milliseconds(1000));
}

TEST(HttpExchange, PostsTheBody) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kEcho));
  const HttpRequestSpec post{.method = "POST", .path = "/echo", .content_type = "application/json", .body = "[1,2]"};
  const auto r = http_exchange("127.0.0.1", server.port(), post, milliseconds(1000));
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.body, "[1,2]");
}

TEST(HttpExchange, OtherStatusesAreReportedNotJudged) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kStatus500));
  const auto r = http_exchange("127.0.0.1", server.port(), kGet, milliseconds(1000));
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.content_length, 0u);
}

TEST(HttpExchange, GarbageIsAProblem) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kGarbage));
  const auto r = http_exchange("127.0.0.1", server.port(), kGet, milliseconds(1000));
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("malformed response"), std::string::npos) << r.problem;
}

TEST(HttpExchange, MissingContentLengthIsAProblem) {
  TestHttpServer chunked(TestHttpServer::behaving(Behaviour::kChunked));
  auto r = http_exchange("127.0.0.1", chunked.port(), kGet, milliseconds(1000));
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("chunked"), std::string::npos) << r.problem;
  EXPECT_EQ(r.body, "Hello, World!");

  TestHttpServer until_close(TestHttpServer::behaving(Behaviour::kNoLengthThenClose));
  r = http_exchange("127.0.0.1", until_close.port(), kGet, milliseconds(1000));
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("no Content-Length"), std::string::npos) << r.problem;
  EXPECT_EQ(r.body, "Hello, World!");
}

TEST(HttpExchange, SilentServerTimesOut) {
  TestHttpServer server(TestHttpServer::behaving(Behaviour::kNeverRespond));
  const auto r = http_exchange("127.0.0.1", server.port(), kGet, milliseconds(150));
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("no response within 150 ms"), std::string::npos) << r.problem;
  EXPECT_GE(r.elapsed, milliseconds(150));
  EXPECT_LT(r.elapsed, milliseconds(1000));
}

TEST(HttpExchange, RefusedConnection) {
  int port;
  {
    TestHttpServer gone({});
    port = gone.port();
  }
  const auto r = http_exchange("127.0.0.1", port, kGet, milliseconds(500));
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("refused"), std::string::npos) << r.problem;
}

TEST(HttpExchange, BadArgumentsAreInputErrors) {
  EXPECT_THROW(http_exchange("127.0.0.1", 0, kGet, milliseconds(100)), InputError);
  HttpRequestSpec bad = kGet;
  bad.path = "/a b";
  EXPECT_THROW(http_exchange("127.0.0.1", 80, bad, milliseconds(100)), InputError);
}

}  // namespace
}  // namespace xlb
