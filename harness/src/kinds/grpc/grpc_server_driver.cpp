#include "kinds/grpc/grpc_server_driver.hpp"

#include <algorithm>

#include "loadgen/grpc/grpc_load.hpp"
#include "loadgen/grpc/grpc_verify.hpp"

namespace xlb {
namespace {

class GrpcServerDriver : public ServerDriver {
 public:
  explicit GrpcServerDriver(std::vector<GrpcEndpoint> endpoints) : endpoints_(std::move(endpoints)) {}

  std::string probe_name() const override { return "Echo"; }

  std::string probe(const std::string& host, int port, std::chrono::milliseconds timeout) override {
    return grpc_echo_once(host, port, timeout);
  }

  std::string verify(std::size_t e, const std::string& host, int port, std::chrono::milliseconds timeout) override {
    return verify_grpc_method(host, port, endpoints_[e].method, endpoints_[e].shape, timeout);
  }

  LoadJob load_job(std::size_t e, const LoadOptions& phase) override {
    const auto& endpoint = endpoints_[e];
    GrpcLoadOptions o;
    o.host = phase.host;
    o.port = phase.port;
    o.method = endpoint.method;
    o.shape = endpoint.shape;
    o.messages_per_call = endpoint.messages_per_call;
    o.lanes = phase.connections;
    o.channels = std::clamp((phase.connections + kGrpcLanesPerChannel - 1) / kGrpcLanesPerChannel, 1, phase.connections);
    o.warmup = phase.warmup;
    o.duration = phase.duration;
    o.rate_per_s = phase.rate_per_s;
    o.request_timeout = phase.request_timeout;
    o.cpus = phase.cpus;
    o.interval = phase.interval;
    return grpc_load_job(o);
  }

  std::string wrong_answers(const LoadErrors& e) const override {
    return e.body ? std::to_string(e.body) + " wrong answers (ids, sums, counts or text)" : std::string();
  }

 private:
  std::vector<GrpcEndpoint> endpoints_;
};

}  // namespace

std::unique_ptr<ServerDriver> make_grpc_server_driver(std::vector<GrpcEndpoint> endpoints) {
  return std::make_unique<GrpcServerDriver>(std::move(endpoints));
}

}  // namespace xlb
