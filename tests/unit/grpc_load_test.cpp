// The gRPC load generator and the verification against an in-process C++ server
// (tests/fakes/grpc_bench_service.hpp) that answers right or misbehaves on request.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "../fakes/grpc_bench_service.hpp"
#include "core/errors.hpp"
#include "loadgen/grpc/grpc_load.hpp"
#include "loadgen/grpc/grpc_verify.hpp"

namespace {

using namespace std::chrono_literals;
using xlb::GrpcMethod;
using xlb::test::GrpcBehave;

constexpr GrpcMethod kMethods[] = {GrpcMethod::kEcho, GrpcMethod::kStream, GrpcMethod::kCollect, GrpcMethod::kChat};

class InProcessServer {
 public:
  explicit InProcessServer(GrpcBehave behave) : service_(behave) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
  }
  ~InProcessServer() { server_->Shutdown(std::chrono::system_clock::now() + 1s); }
  int port() const { return port_; }

 private:
  xlb::test::GrpcBenchService service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

xlb::GrpcLoadOptions short_phase(int port, GrpcMethod method) {
  xlb::GrpcLoadOptions o;
  o.port = port;
  o.method = method;
  o.messages_per_call = 20;
  o.lanes = 4;
  o.channels = 2;
  o.warmup = 50ms;
  o.duration = 400ms;
  o.interval = 100ms;
  o.request_timeout = 300ms;
  return o;
}

TEST(GrpcItems, EveryDifferenceIsNamed) {
  const auto sent = xlb::make_item(7, {100});
  EXPECT_EQ(sent.text().size(), 100u);
  EXPECT_EQ(sent.values_size(), xlb::kItemValues);
  auto good = sent;
  good.set_sum(xlb::values_sum(sent));
  EXPECT_EQ(xlb::check_item(good, sent), "");
  auto bad = good;
  bad.set_id(8);
  EXPECT_NE(xlb::check_item(bad, sent).find("id 8 where 7"), std::string::npos);
  bad = good;
  bad.set_sum(good.sum() + 1);
  EXPECT_NE(xlb::check_item(bad, sent).find("sum"), std::string::npos);
  bad = good;
  bad.set_values(3, 0);
  EXPECT_NE(xlb::check_item(bad, sent).find("value 3"), std::string::npos);
  bad = good;
  bad.mutable_text()->pop_back();
  EXPECT_NE(xlb::check_item(bad, sent).find("text did not round-trip"), std::string::npos);
  bad = good;
  bad.set_name("x");
  EXPECT_NE(xlb::check_item(bad, sent).find("name"), std::string::npos);
  xlb::grpcpb::CollectReply reply;
  reply.set_count(3);
  reply.set_sum(10);
  reply.set_last_id(5);
  EXPECT_EQ(xlb::check_collect(reply, 3, 10, 5), "");
  EXPECT_NE(xlb::check_collect(reply, 4, 10, 5).find("count 3 instead of 4"), std::string::npos);
  EXPECT_NE(xlb::check_collect(reply, 3, 11, 5).find("sum"), std::string::npos);
  EXPECT_NE(xlb::check_collect(reply, 3, 10, 6).find("last_id"), std::string::npos);
}

TEST(GrpcVerify, ARightServerPassesEveryMethod) {
  InProcessServer server(GrpcBehave::kOk);
  for (auto m : kMethods)
    for (std::size_t text : {0u, 960u})
      EXPECT_EQ(xlb::verify_grpc_method("127.0.0.1", server.port(), m, {text}, 2000ms), "") << xlb::grpc_method_name(m);
  EXPECT_EQ(xlb::grpc_echo_once("127.0.0.1", server.port(), 2000ms), "");
}

TEST(GrpcVerify, EachWrongAnswerIsCaughtAndNamed) {
  InProcessServer wrong_sum(GrpcBehave::kWrongSum);
  for (auto m : kMethods)
    EXPECT_NE(xlb::verify_grpc_method("127.0.0.1", wrong_sum.port(), m, {}, 2000ms).find("sum"), std::string::npos)
        << xlb::grpc_method_name(m);
  InProcessServer short_stream(GrpcBehave::kShortStream);
  EXPECT_EQ(xlb::verify_grpc_method("127.0.0.1", short_stream.port(), GrpcMethod::kStream, {}, 2000ms),
            "Stream: 4 Items instead of 5");
  InProcessServer reorder(GrpcBehave::kReorderChat);
  EXPECT_NE(xlb::verify_grpc_method("127.0.0.1", reorder.port(), GrpcMethod::kChat, {}, 2000ms).find("id 4001 where 4000"),
            std::string::npos);
}

TEST(GrpcVerify, NoServerIsAStatusNotAnException) {
  // Port 1: nothing listens there (it is privileged and not a gRPC service).
  const auto problem = xlb::verify_grpc_method("127.0.0.1", 1, GrpcMethod::kEcho, {}, 500ms);
  EXPECT_NE(problem.find("Echo: status UNAVAILABLE"), std::string::npos) << problem;
  EXPECT_NE(xlb::grpc_echo_once("127.0.0.1", 1, 500ms).find("UNAVAILABLE"), std::string::npos);
}

TEST(GrpcLoad, ClosedLoopCountsMessagesOfEveryMethod) {
  InProcessServer server(GrpcBehave::kOk);
  for (auto m : kMethods) {
    const auto r = xlb::run_grpc_load(short_phase(server.port(), m));
    const auto name = xlb::grpc_method_name(m);
    EXPECT_GT(r.requests, 0u) << name;
    EXPECT_EQ(r.errors.total(), 0u) << name << " " << r.to_json()["errors"].dump() << r.extra.dump();
    EXPECT_EQ(r.latency.count(), r.requests) << name;
    EXPECT_EQ(r.per_interval.size(), 4u) << name;
    EXPECT_EQ(r.extra["method"], name);
    EXPECT_GT(r.extra["calls"].get<std::uint64_t>(), 0u) << name;
    if (m == GrpcMethod::kEcho) {
      EXPECT_EQ(r.extra["calls"].get<std::uint64_t>(), r.requests);
    } else {  // streaming calls carry many messages each
      EXPECT_GT(r.requests, r.extra["calls"].get<std::uint64_t>()) << name;
    }
    EXPECT_NEAR(r.elapsed_s, 0.4, 0.05) << name;
  }
}

TEST(GrpcLoad, OpenLoopKeepsToItsRate) {
  InProcessServer server(GrpcBehave::kOk);
  for (auto m : {GrpcMethod::kEcho, GrpcMethod::kChat, GrpcMethod::kCollect}) {
    auto o = short_phase(server.port(), m);
    o.rate_per_s = 500;
    o.duration = 1000ms;
    const auto r = xlb::run_grpc_load(o);
    // 500 msgs/s over 1 s; a machine under load may fall behind, never ahead of the schedule.
    EXPECT_LE(r.requests, 500u + 4u * 20u) << xlb::grpc_method_name(m);
    EXPECT_GE(r.requests, 250u) << xlb::grpc_method_name(m);
    EXPECT_TRUE(r.open_loop);
    EXPECT_EQ(r.errors.total(), 0u);
  }
}

TEST(GrpcLoad, WrongAnswersAreCountedNotMeasured) {
  InProcessServer server(GrpcBehave::kWrongSum);
  for (auto m : kMethods) {
    const auto r = xlb::run_grpc_load(short_phase(server.port(), m));
    EXPECT_EQ(r.requests, 0u) << xlb::grpc_method_name(m);
    EXPECT_GT(r.errors.body, 0u) << xlb::grpc_method_name(m);
  }
}

TEST(GrpcLoad, ResetStreamsCountByStatusCode) {
  InProcessServer server(GrpcBehave::kResetStreams);
  const auto r = xlb::run_grpc_load(short_phase(server.port(), GrpcMethod::kChat));
  EXPECT_GT(r.requests, 0u);
  EXPECT_GT(r.errors.read, 0u) << r.extra.dump();
  EXPECT_GT(r.extra["grpc_status"].value("CANCELLED", 0u), 0u) << r.extra.dump();
}

TEST(GrpcLoad, AHungServerCostsTimeoutsNotTheWindow) {
  InProcessServer server(GrpcBehave::kHangUnderLoad);
  for (auto m : {GrpcMethod::kEcho, GrpcMethod::kChat}) {
    const auto start = std::chrono::steady_clock::now();
    const auto r = xlb::run_grpc_load(short_phase(server.port(), m));
    const auto took = std::chrono::steady_clock::now() - start;
    EXPECT_LT(took, 2s) << xlb::grpc_method_name(m);  // window 0.45 s; a hung call is cut at its end
    EXPECT_GT(r.errors.timeout, 0u) << xlb::grpc_method_name(m) << " " << r.extra.dump();
  }
}

TEST(GrpcLoad, NoServerCountsUnavailable) {
  auto o = short_phase(1, GrpcMethod::kEcho);
  const auto r = xlb::run_grpc_load(o);
  EXPECT_EQ(r.requests, 0u);
  EXPECT_GT(r.errors.connect, 0u) << r.extra.dump();
}

TEST(GrpcLoad, OptionsThatCannotWorkAreBadInput) {
  auto o = short_phase(50051, GrpcMethod::kEcho);
  o.channels = 5;  // more than lanes
  EXPECT_THROW(xlb::run_grpc_load(o), xlb::InputError);
  o = short_phase(0, GrpcMethod::kEcho);
  EXPECT_THROW(xlb::run_grpc_load(o), xlb::InputError);
}

}  // namespace
