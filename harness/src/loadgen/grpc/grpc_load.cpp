#include "loadgen/grpc/grpc_load.hpp"

#include <grpcbench/bench.grpc.pb.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

#include "core/errors.hpp"
#include "loadgen/grpc/grpc_channel.hpp"
#include "loadgen/phase_checks.hpp"
#include "os/process.hpp"

namespace xlb {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::nanoseconds;

constexpr auto kFailureBackoff = std::chrono::milliseconds(10);  // after a failed call, per lane
constexpr auto kStopPoll = std::chrono::milliseconds(20);        // how often a sleeping lane looks at `stop`
constexpr std::uint64_t kLaneIdSpan = 1'000'000'000;             // Item ids of lane l start at l * span
constexpr std::size_t kStatusCodes = 17;

void validate(const GrpcLoadOptions& o) {
  auto need = [](bool ok, const std::string& what) {
    if (!ok) throw InputError("gRPC load generator: " + what);
  };
  need(o.port >= 1 && o.port <= 65535, "port must be in 1..65535, got " + std::to_string(o.port));
  need(o.lanes >= 1 && o.lanes <= 4096, "lanes (concurrent calls) must be in 1..4096, got " + std::to_string(o.lanes));
  need(o.channels >= 1 && o.channels <= o.lanes,
       "channels must be in 1..lanes (" + std::to_string(o.lanes) + "), got " + std::to_string(o.channels));
  need(o.messages_per_call >= 1 && o.messages_per_call <= 100000,
       "messages per call must be in 1..100000, got " + std::to_string(o.messages_per_call));
  check_phase_timing("gRPC load generator",
                     {o.warmup, o.duration, o.request_timeout, o.interval, o.rate_per_s, o.cpus}, "messages/s");
}

struct Phase {
  GrpcLoadOptions o;
  Clock::time_point start;
  std::int64_t window_start_ns = 0, window_end_ns = 0, interval_ns = 0, timeout_ns = 0;
  std::size_t intervals = 0;
  double lane_gap_ns = 0;  // open loop: between two messages of one lane
  std::atomic<bool> stop{false};
};

// What the main thread needs to cut a lane's call short when the window ends.
struct LaneControl {
  std::mutex mu;
  grpc::ClientContext* call = nullptr;
  std::atomic<std::int64_t> progress_ns{0};  // last message sent or received
};

struct LaneResult {
  LatencyHistogram message_latency, call_latency;
  std::uint64_t messages = 0, warmup_messages = 0, calls = 0;
  LoadErrors errors, warmup_errors;
  std::array<std::uint64_t, kStatusCodes + 1> codes{};  // failed calls by code; the last: out of range
  std::vector<std::uint64_t> per_interval;
  std::vector<int> cpus;
};

class Lane {
 public:
  Lane(Phase& phase, int index, std::shared_ptr<grpc::Channel> channel, LaneControl& control, LaneResult& result)
      : phase_(phase), o_(phase.o), control_(control), result_(result), stub_(grpcpb::Bench::NewStub(channel)),
        item_(make_item(static_cast<std::uint64_t>(index) * kLaneIdSpan, o_.shape)),
        item_sum_(values_sum(item_)), next_id_(static_cast<std::uint64_t>(index) * kLaneIdSpan) {
    result_.per_interval.assign(phase.intervals, 0);
    // Lanes start spread over one gap, so the total rate is even rather than in bursts.
    if (o_.rate_per_s) next_slot_ns_ = phase.lane_gap_ns * index / o_.lanes;
  }

  void run() {
    const int per_call = o_.method == GrpcMethod::kEcho ? 1 : o_.messages_per_call;
    while (!stopped()) {
      bool ok = false;
      switch (o_.method) {
        case GrpcMethod::kEcho: ok = echo(); break;
        case GrpcMethod::kStream: ok = stream(per_call); break;
        case GrpcMethod::kCollect: ok = collect(per_call); break;
        case GrpcMethod::kChat: ok = chat(per_call); break;
      }
      if (!ok && !stopped()) std::this_thread::sleep_for(kFailureBackoff);
    }
  }

 private:
  std::int64_t now() const { return nanoseconds(Clock::now() - phase_.start).count(); }
  bool stopped() const { return phase_.stop.load(std::memory_order_relaxed); }
  bool open_loop() const { return o_.rate_per_s.has_value(); }

  // The intended send time of the lane's next `messages` messages; closed loop: now.
  std::int64_t take_slot(int messages) {
    if (!open_loop()) return now();
    const auto slot = static_cast<std::int64_t>(next_slot_ns_);
    next_slot_ns_ += phase_.lane_gap_ns * messages;
    return slot;
  }
  // Sleeps until `at` (phase time); false when the phase stopped first.
  bool wait_until(std::int64_t at) {
    for (;;) {
      if (stopped()) return false;
      const auto left = nanoseconds(at - now());
      if (left.count() <= 0) return true;
      std::this_thread::sleep_for(std::min<nanoseconds>(left, kStopPoll));
    }
  }

  // The call's deadline allows the timeout per message (plus the schedule's gaps in open loop): a
  // backstop, since a call stuck at the window's end is cancelled and counted there.
  void begin_call(grpc::ClientContext& ctx, int messages) {
    const double per_message = static_cast<double>(phase_.timeout_ns) + (open_loop() ? phase_.lane_gap_ns : 0.0);
    ctx.set_deadline(std::chrono::system_clock::now() +  // gRPC takes deadlines on the system clock
                     nanoseconds(static_cast<std::int64_t>(per_message * messages)));
    std::lock_guard lock(control_.mu);
    control_.call = &ctx;
    control_.progress_ns.store(now(), std::memory_order_relaxed);
    // The main thread sets `stop` before it cancels the registered calls: one registered after
    // that sees it here.
    if (stopped()) ctx.TryCancel();
  }
  void end_call() {
    std::lock_guard lock(control_.mu);
    control_.call = nullptr;
  }
  void progress(std::int64_t t) { control_.progress_ns.store(t, std::memory_order_relaxed); }

  bool in_window(std::int64_t t) const { return t >= phase_.window_start_ns && t < phase_.window_end_ns; }

  void message_done(std::int64_t t, std::int64_t latency_ns) {
    if (t < phase_.window_start_ns) {
      ++result_.warmup_messages;
    } else if (t < phase_.window_end_ns) {
      ++result_.messages;
      const auto i = static_cast<std::size_t>((t - phase_.window_start_ns) / phase_.interval_ns);
      if (i < result_.per_interval.size()) ++result_.per_interval[i];
      result_.message_latency.record(std::max<std::int64_t>(latency_ns, 0));
    }
  }
  void call_done(std::int64_t t, std::int64_t latency_ns) {
    if (!in_window(t)) return;
    ++result_.calls;
    result_.call_latency.record(std::max<std::int64_t>(latency_ns, 0));
  }
  LoadErrors* errors_at(std::int64_t t) {
    if (t < phase_.window_start_ns) return &result_.warmup_errors;
    return t < phase_.window_end_ns ? &result_.errors : nullptr;
  }
  void wrong_answer(std::int64_t t) {
    if (auto* e = errors_at(t)) ++e->body;
  }
  // A call that ended with a non-OK status. One the phase's end cancelled is no error, unless it
  // was stuck: no progress for the timeout or for the whole window (a hung server must not look idle).
  void failed(std::int64_t t, const grpc::Status& status) {
    const int code = static_cast<int>(status.error_code());
    if (stopped() && code == grpc::StatusCode::CANCELLED) {
      const auto last = control_.progress_ns.load(std::memory_order_relaxed);
      if (now() - last <= phase_.timeout_ns && last >= phase_.window_start_ns) return;
      t = std::min(t, phase_.window_end_ns - 1);
      if (auto* e = errors_at(t)) ++e->timeout;
      ++result_.codes[grpc::StatusCode::DEADLINE_EXCEEDED];
      return;
    }
    auto* e = errors_at(t);
    if (!e) return;
    ++result_.codes[std::min<std::size_t>(static_cast<std::size_t>(std::max(code, 0)), kStatusCodes)];
    switch (status.error_code()) {
      case grpc::StatusCode::UNAVAILABLE: ++e->connect; break;
      case grpc::StatusCode::DEADLINE_EXCEEDED: ++e->timeout; break;
      case grpc::StatusCode::CANCELLED:
      case grpc::StatusCode::ABORTED: ++e->read; break;
      case grpc::StatusCode::INTERNAL:
      case grpc::StatusCode::UNIMPLEMENTED:
      case grpc::StatusCode::DATA_LOSS:
      case grpc::StatusCode::UNKNOWN: ++e->parse; break;
      default: ++e->status; break;
    }
  }

  // False, with the call counted as a wrong answer or by its status, unless it ended well.
  bool ended_well(std::int64_t t, bool wrong, const grpc::Status& status) {
    if (wrong) {
      wrong_answer(t);
      return false;
    }
    if (!status.ok()) {
      failed(t, status);
      return false;
    }
    return true;
  }

  bool echo() {
    const auto intended = take_slot(1);
    if (!wait_until(intended)) return true;
    grpc::ClientContext ctx;
    begin_call(ctx, 1);
    item_.set_id(next_id_++);
    grpcpb::Item reply;
    const auto status = stub_->Echo(&ctx, item_, &reply);
    end_call();
    const auto t = now();
    if (!ended_well(t, status.ok() && !check_item(reply, item_).empty(), status)) return false;
    message_done(t, t - intended);
    call_done(t, t - intended);
    return true;
  }

  bool stream(int count) {
    const auto intended = take_slot(count);
    if (!wait_until(intended)) return true;
    grpc::ClientContext ctx;
    begin_call(ctx, count);
    grpcpb::StreamRequest request;
    const auto base = next_id_;
    next_id_ += static_cast<std::uint64_t>(count);
    item_.set_id(base);
    *request.mutable_item() = item_;
    request.set_count(static_cast<std::uint32_t>(count));
    auto reader = stub_->Stream(&ctx, request);
    grpcpb::Item reply;
    std::int64_t previous = intended;
    int received = 0;
    bool wrong = false;
    while (reader->Read(&reply)) {
      const auto t = now();
      progress(t);
      if (received >= count || !check_item(reply, item_, base + static_cast<std::uint64_t>(received)).empty()) {
        wrong = true;
        ctx.TryCancel();
        break;
      }
      message_done(t, t - previous);
      previous = t;
      ++received;
    }
    const auto status = reader->Finish();
    end_call();
    const auto t = now();
    if (!ended_well(t, wrong, status)) return false;
    if (received != count) {
      wrong_answer(t);
      return false;
    }
    call_done(t, t - intended);
    return true;
  }

  bool collect(int count) {
    grpc::ClientContext ctx;
    begin_call(ctx, count);
    grpcpb::CollectReply reply;
    auto writer = stub_->Collect(&ctx, &reply);
    std::vector<std::int64_t>& latencies = scratch_;
    latencies.clear();
    std::int64_t call_start = -1;
    std::uint64_t last_id = 0;
    for (int i = 0; i < count; ++i) {
      const auto intended = take_slot(1);
      if (call_start < 0) call_start = intended;
      if (!wait_until(intended)) break;
      item_.set_id(last_id = next_id_++);
      if (!writer->Write(item_)) break;
      const auto t = now();
      progress(t);
      latencies.push_back(t - intended);
    }
    const bool complete = static_cast<int>(latencies.size()) == count;
    if (!complete) ctx.TryCancel();  // the phase ended or the stream broke: do not wait for an answer
    if (complete) writer->WritesDone();
    const auto status = writer->Finish();
    end_call();
    const auto t = now();
    if (!ended_well(t, false, status)) return false;
    if (!complete) {
      // The phase ended between two writes, or the server closed the call early without an error.
      if (stopped()) return true;
      wrong_answer(t);
      return false;
    }
    const auto total = static_cast<std::uint64_t>(item_sum_) * static_cast<std::uint64_t>(count);  // wraps like int64
    if (!check_collect(reply, static_cast<std::uint64_t>(count), static_cast<std::int64_t>(total), last_id).empty()) {
      wrong_answer(t);
      return false;
    }
    // The Items count when the answer confirms them; each one's latency is its write's.
    for (auto latency : latencies) message_done(t, latency);
    call_done(t, t - call_start);
    return true;
  }

  bool chat(int count) {
    grpc::ClientContext ctx;
    begin_call(ctx, count);
    auto stream = stub_->Chat(&ctx);
    grpcpb::Item reply;
    int answered = 0;
    bool wrong = false;
    for (int i = 0; i < count; ++i) {
      const auto intended = take_slot(1);
      if (!wait_until(intended)) break;
      item_.set_id(next_id_++);
      if (!stream->Write(item_) || !stream->Read(&reply)) break;
      const auto t = now();
      progress(t);
      if (!check_item(reply, item_).empty()) {
        wrong = true;
        break;
      }
      message_done(t, t - intended);
      ++answered;
    }
    if (answered == count) {
      stream->WritesDone();
      if (stream->Read(&reply)) wrong = true;  // one answer per Item: nothing may follow
    } else {
      ctx.TryCancel();
    }
    const auto status = stream->Finish();
    end_call();
    const auto t = now();
    if (!ended_well(t, wrong, status)) return false;
    if (answered != count) {
      // The phase ended mid-stream, or the server ended the stream early without an error.
      if (stopped()) return true;
      wrong_answer(t);
      return false;
    }
    if (in_window(t)) ++result_.calls;
    return true;
  }

  Phase& phase_;
  const GrpcLoadOptions& o_;
  LaneControl& control_;
  LaneResult& result_;
  std::unique_ptr<grpcpb::Bench::Stub> stub_;
  grpcpb::Item item_;  // the lane's Item; only the id changes from one message to the next
  std::int64_t item_sum_;
  std::uint64_t next_id_;
  double next_slot_ns_ = 0;
  std::vector<std::int64_t> scratch_;
};

}  // namespace

LoadResult run_grpc_load(const GrpcLoadOptions& options) {
  validate(options);
  Phase phase;
  phase.o = options;
  phase.window_start_ns = nanoseconds(options.warmup).count();
  phase.window_end_ns = phase.window_start_ns + nanoseconds(options.duration).count();
  phase.interval_ns = nanoseconds(options.interval).count();
  phase.timeout_ns = nanoseconds(options.request_timeout).count();
  phase.intervals = static_cast<std::size_t>(options.duration / options.interval);
  if (options.rate_per_s) phase.lane_gap_ns = 1e9 * options.lanes / *options.rate_per_s;

  // Channels are made on a thread pinned like the lanes, so gRPC's own threads start there too.
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::thread([&] {
    if (!options.cpus.empty()) set_affinity(options.cpus);
    for (int k = 0; k < options.channels; ++k) channels.push_back(grpc_channel(options.host, options.port, k));
  }).join();

  std::vector<LaneControl> controls(static_cast<std::size_t>(options.lanes));
  std::vector<LaneResult> parts(static_cast<std::size_t>(options.lanes));
  std::vector<std::thread> lanes;
  phase.start = Clock::now();
  for (int l = 0; l < options.lanes; ++l) {
    const auto i = static_cast<std::size_t>(l);
    lanes.emplace_back([&, l, i] {
      if (!options.cpus.empty()) set_affinity(options.cpus);
      parts[i].cpus = current_affinity();
      Lane(phase, l, channels[i % channels.size()], controls[i], parts[i]).run();
    });
  }
  // The window ends here, not in the lanes: a call stuck in a hung server is cancelled.
  const auto end = phase.start + nanoseconds(phase.window_end_ns);
  while (Clock::now() < end && !interrupt_requested())
    std::this_thread::sleep_for(std::min<nanoseconds>(end - Clock::now(), kStopPoll));
  const auto stopped_ns = std::min(nanoseconds(Clock::now() - phase.start).count(), phase.window_end_ns);
  phase.stop = true;
  for (auto& c : controls) {
    std::lock_guard lock(c.mu);
    if (c.call) c.call->TryCancel();
  }
  for (auto& t : lanes) t.join();

  LoadResult result;
  result.open_loop = options.rate_per_s.has_value();
  result.target_rate = options.rate_per_s.value_or(0);
  result.connections = options.channels;
  result.threads = options.lanes;
  result.interval = options.interval;
  result.per_interval.assign(phase.intervals, 0);
  LatencyHistogram call_latency;
  std::uint64_t calls = 0;
  std::array<std::uint64_t, kStatusCodes + 1> codes{};
  for (const auto& p : parts) {
    result.latency.merge(p.message_latency);
    call_latency.merge(p.call_latency);
    result.requests += p.messages;
    result.warmup_requests += p.warmup_messages;
    calls += p.calls;
    result.errors += p.errors;
    result.warmup_errors += p.warmup_errors;
    for (std::size_t i = 0; i < p.per_interval.size(); ++i) result.per_interval[i] += p.per_interval[i];
    for (std::size_t c = 0; c < codes.size(); ++c) codes[c] += p.codes[c];
    for (int c : p.cpus)
      if (std::find(result.cpus_used.begin(), result.cpus_used.end(), c) == result.cpus_used.end())
        result.cpus_used.push_back(c);
  }
  std::sort(result.cpus_used.begin(), result.cpus_used.end());
  result.elapsed_s = static_cast<double>(std::max<std::int64_t>(0, stopped_ns - phase.window_start_ns)) / 1e9;
  result.per_interval.resize(std::min(
      result.per_interval.size(),
      static_cast<std::size_t>(std::max<std::int64_t>(0, stopped_ns - phase.window_start_ns) / phase.interval_ns)));
  result.achieved_rate = result.elapsed_s > 0 ? static_cast<double>(result.requests) / result.elapsed_s : 0;
  nlohmann::json by_code = nlohmann::json::object();
  for (std::size_t c = 0; c < codes.size(); ++c)
    if (codes[c]) by_code[c < kStatusCodes ? grpc_status_name(static_cast<int>(c)) : "OUT_OF_RANGE_CODE"] = codes[c];
  result.extra = {{"method", grpc_method_name(options.method)},
                  {"lanes", options.lanes},
                  {"channels", options.channels},
                  {"messages_per_call", options.method == GrpcMethod::kEcho ? 1 : options.messages_per_call},
                  {"calls", calls},
                  {"call_latency", call_latency.to_json()},
                  {"grpc_status", by_code}};
  return result;
}

}  // namespace xlb
