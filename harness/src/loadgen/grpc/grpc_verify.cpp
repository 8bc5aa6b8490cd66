#include "loadgen/grpc/grpc_verify.hpp"

#include <grpcbench/bench.grpc.pb.h>

#include <vector>

#include "loadgen/grpc/grpc_channel.hpp"

namespace xlb {
namespace {

using Clock = std::chrono::system_clock;  // gRPC takes deadlines on the system clock

// Items per streaming call at verification: enough to see order, few enough to stay fast.
constexpr int kVerifyItems = 5;

std::string status_text(const char* method, const grpc::Status& status) {
  return std::string(method) + ": status " + grpc_status_name(static_cast<int>(status.error_code())) +
         (status.error_message().empty() ? "" : " (" + status.error_message() + ")");
}

class Verifier {
 public:
  Verifier(const std::string& host, int port, const ItemShape& shape, std::chrono::milliseconds timeout)
      : stub_(grpcpb::Bench::NewStub(grpc_channel(host, port, 0))), shape_(shape), timeout_(timeout) {}

  std::string echo() {
    // Two different Items: a server answering a constant would pass one. The second has other
    // values and text that is not ASCII ("ü" is two bytes), so a text round-trip is byte for byte.
    auto other = make_item(1002, shape_);
    other.set_values(0, 1000003);
    other.add_values(-7);
    other.set_text("Zürich " + other.text());
    for (const auto& sent : {make_item(1001, shape_), other}) {
      grpc::ClientContext ctx;
      deadline(ctx);
      grpcpb::Item reply;
      const auto status = stub_->Echo(&ctx, sent, &reply);
      if (!status.ok()) return status_text("Echo", status);
      if (auto problem = check_item(reply, sent); !problem.empty()) return "Echo: " + problem;
    }
    return {};
  }

  std::string stream() {
    grpc::ClientContext ctx;
    deadline(ctx);
    grpcpb::StreamRequest request;
    *request.mutable_item() = make_item(2000, shape_);
    request.set_count(kVerifyItems);
    auto reader = stub_->Stream(&ctx, request);
    grpcpb::Item reply;
    int received = 0;
    std::string problem;
    while (reader->Read(&reply)) {
      if (problem.empty() && received < kVerifyItems)
        problem = check_item(reply, request.item(), request.item().id() + static_cast<std::uint64_t>(received));
      ++received;
    }
    const auto status = reader->Finish();
    if (!status.ok()) return status_text("Stream", status);
    if (!problem.empty()) return "Stream: " + problem;
    if (received != kVerifyItems)
      return "Stream: " + std::to_string(received) + " Items instead of " + std::to_string(kVerifyItems);
    return {};
  }

  std::string collect() {
    grpc::ClientContext ctx;
    deadline(ctx);
    grpcpb::CollectReply reply;
    auto writer = stub_->Collect(&ctx, &reply);
    std::uint64_t sum = 0;
    for (int i = 0; i < kVerifyItems; ++i) {
      auto item = make_item(3000 + static_cast<std::uint64_t>(i), shape_);
      item.set_values(0, i * 1000);  // values differ per Item, so the sum is of every Item
      sum += static_cast<std::uint64_t>(values_sum(item));
      if (!writer->Write(item)) break;
    }
    writer->WritesDone();
    const auto status = writer->Finish();
    if (!status.ok()) return status_text("Collect", status);
    return check_collect(reply, kVerifyItems, static_cast<std::int64_t>(sum), 3000 + kVerifyItems - 1);
  }

  std::string chat() {
    grpc::ClientContext ctx;
    deadline(ctx);
    auto stream = stub_->Chat(&ctx);
    // All Items first, then the answers: the order must be kept without lock-step.
    std::vector<grpcpb::Item> sent;
    for (int i = 0; i < kVerifyItems; ++i) {
      sent.push_back(make_item(4000 + static_cast<std::uint64_t>(i), shape_));
      if (!stream->Write(sent.back())) break;
    }
    stream->WritesDone();
    grpcpb::Item reply;
    std::size_t received = 0;
    std::string problem;
    while (stream->Read(&reply)) {
      if (problem.empty() && received < sent.size()) problem = check_item(reply, sent[received]);
      ++received;
    }
    const auto status = stream->Finish();
    if (!status.ok()) return status_text("Chat", status);
    if (!problem.empty()) return "Chat: " + problem;
    if (received != static_cast<std::size_t>(kVerifyItems))
      return "Chat: " + std::to_string(received) + " answers to " + std::to_string(kVerifyItems) + " Items";
    return {};
  }

 private:
  void deadline(grpc::ClientContext& ctx) const { ctx.set_deadline(Clock::now() + timeout_); }

  std::unique_ptr<grpcpb::Bench::Stub> stub_;
  ItemShape shape_;
  std::chrono::milliseconds timeout_;
};

}  // namespace

std::string verify_grpc_method(const std::string& host, int port, GrpcMethod method, const ItemShape& shape,
                               std::chrono::milliseconds timeout) {
  Verifier v(host, port, shape, timeout);
  switch (method) {
    case GrpcMethod::kEcho: return v.echo();
    case GrpcMethod::kStream: return v.stream();
    case GrpcMethod::kCollect: return v.collect();
    case GrpcMethod::kChat: return v.chat();
  }
  return "unknown method";
}

std::string grpc_echo_once(const std::string& host, int port, std::chrono::milliseconds timeout) {
  auto stub = grpcpb::Bench::NewStub(grpc_channel(host, port, 0));
  grpc::ClientContext ctx;
  ctx.set_deadline(Clock::now() + timeout);
  const auto sent = make_item(1, ItemShape{});
  grpcpb::Item reply;
  const auto status = stub->Echo(&ctx, sent, &reply);
  // Only the status: the answer is verify_grpc_method's to judge, so a wrong one is "invalid"
  // with what differed rather than a server that never started.
  return status.ok() ? std::string() : status_text("Echo", status);
}

}  // namespace xlb
