#pragma once
// A C++ implementation of workloads/grpc/bench.proto for tests: the unit tests serve it in
// process and fake_grpc_server.cpp behind the server protocol. It answers right, or misbehaves
// on request, so the load generator's and the runner's handling of each fault can be seen.
#include <grpcbench/bench.grpc.pb.h>
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace xlb::test {

namespace pb = ::xlbench::grpc::v1;

enum class GrpcBehave {
  kOk,
  kWrongSum,       // every Item's sum is one off
  kShortStream,    // Stream sends one Item fewer than asked
  kReorderChat,    // Chat answers Items 1 and 2 swapped
  kResetStreams,   // every 3rd Chat stream is reset (RST_STREAM) after its 10th Item
  kHangUnderLoad,  // after kHangAfterCalls calls, every call blocks until the client gives up
};

inline bool parse_grpc_behave(const std::string& s, GrpcBehave& out) {
  if (s == "ok") out = GrpcBehave::kOk;
  else if (s == "wrong_sum") out = GrpcBehave::kWrongSum;
  else if (s == "short_stream") out = GrpcBehave::kShortStream;
  else if (s == "reorder_chat") out = GrpcBehave::kReorderChat;
  else if (s == "reset_streams") out = GrpcBehave::kResetStreams;
  else if (s == "hang_under_load") out = GrpcBehave::kHangUnderLoad;
  else return false;
  return true;
}

class GrpcBenchService final : public pb::Bench::Service {
 public:
  static constexpr long kHangAfterCalls = 100;
  static constexpr long kResetEveryNth = 3;
  static constexpr int kResetAtItem = 10;  // verification sends fewer, so only load sees resets

  explicit GrpcBenchService(GrpcBehave behave) : behave_(behave) {}

  grpc::Status Echo(grpc::ServerContext* ctx, const pb::Item* in, pb::Item* out) override {
    if (auto s = misbehave(ctx); !s.ok()) return s;
    *out = answer(*in);
    return grpc::Status::OK;
  }

  grpc::Status Stream(grpc::ServerContext* ctx, const pb::StreamRequest* in, grpc::ServerWriter<pb::Item>* out) override {
    if (auto s = misbehave(ctx); !s.ok()) return s;
    auto count = in->count();
    if (behave_ == GrpcBehave::kShortStream && count > 0) --count;
    pb::Item item = answer(in->item());
    for (std::uint32_t i = 0; i < count; ++i) {
      item.set_id(in->item().id() + i);
      if (!out->Write(item)) break;
    }
    return grpc::Status::OK;
  }

  grpc::Status Collect(grpc::ServerContext* ctx, grpc::ServerReader<pb::Item>* in, pb::CollectReply* out) override {
    if (auto s = misbehave(ctx); !s.ok()) return s;
    pb::Item item;
    std::uint64_t count = 0, sum = 0, last = 0;
    while (in->Read(&item)) {
      ++count;
      sum += static_cast<std::uint64_t>(answer(item).sum());
      last = item.id();
    }
    out->set_count(count);
    out->set_sum(static_cast<std::int64_t>(sum));
    out->set_last_id(last);
    return grpc::Status::OK;
  }

  grpc::Status Chat(grpc::ServerContext* ctx, grpc::ServerReaderWriter<pb::Item, pb::Item>* stream) override {
    if (auto s = misbehave(ctx); !s.ok()) return s;
    pb::Item item, held;
    int n = 0;
    const bool reset = behave_ == GrpcBehave::kResetStreams && ++chats_ % kResetEveryNth == 0;
    while (stream->Read(&item)) {
      ++n;
      if (reset && n == kResetAtItem) {
        ctx->TryCancel();  // RST_STREAM to the client, mid-stream
        return grpc::Status(grpc::StatusCode::CANCELLED, "reset on purpose");
      }
      if (behave_ == GrpcBehave::kReorderChat && n == 1) {
        held = answer(item);  // sent after the second
        continue;
      }
      if (!stream->Write(answer(item))) break;
      if (behave_ == GrpcBehave::kReorderChat && n == 2 && !stream->Write(held)) break;
    }
    return grpc::Status::OK;
  }

 private:
  pb::Item answer(const pb::Item& in) const {
    pb::Item out = in;
    std::uint64_t sum = 0;
    for (auto v : in.values()) sum += static_cast<std::uint64_t>(v);
    out.set_sum(static_cast<std::int64_t>(sum) + (behave_ == GrpcBehave::kWrongSum ? 1 : 0));
    return out;
  }

  // Non-OK: the call is not answered (a hang the client gave up on).
  grpc::Status misbehave(grpc::ServerContext* ctx) {
    const long n = ++calls_;
    if (behave_ == GrpcBehave::kHangUnderLoad && n > kHangAfterCalls) {
      while (!ctx->IsCancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return grpc::Status(grpc::StatusCode::CANCELLED, "hung on purpose");
    }
    return grpc::Status::OK;
  }

  GrpcBehave behave_;
  std::atomic<long> calls_{0}, chats_{0};
};

}  // namespace xlb::test
