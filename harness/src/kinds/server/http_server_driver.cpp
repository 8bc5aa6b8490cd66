#include "kinds/server/http_server_driver.hpp"

#include <optional>

#include "kinds/server/http_endpoints.hpp"
#include "loadgen/http_load.hpp"

namespace xlb {
namespace {

class HttpServerDriver : public ServerDriver {
 public:
  explicit HttpServerDriver(const std::vector<EndpointSpec>& endpoints)
      : endpoints_(endpoints), body_bytes_(endpoints.size()) {}

  std::string probe_name() const override {
    const auto& probe = endpoints_.front().request;
    return probe.method + " " + probe.path;
  }

  std::string probe(const std::string& host, int port, std::chrono::milliseconds timeout) override {
    auto first = http_exchange(host, port, endpoints_.front().request, timeout);
    if (first.status == endpoints_.front().status) return {};
    return first.problem.empty() ? "status " + std::to_string(first.status) : first.problem;
  }

  std::string verify(std::size_t e, const std::string& host, int port, std::chrono::milliseconds timeout) override {
    const auto& endpoint = endpoints_[e];
    const auto response = http_exchange(host, port, endpoint.request, timeout);
    if (auto problem = check_response(endpoint, response); !problem.empty()) return problem;
    // The verified response size, checked on every response under load.
    if (endpoint.fixed_body_size) body_bytes_[e] = response.body.size();
    for (const auto& probe : endpoint_probes(endpoint))
      if (auto problem = check_probe(probe, http_exchange(host, port, probe.request, timeout)); !problem.empty())
        return problem;
    return {};
  }

  LoadJob load_job(std::size_t e, const LoadOptions& phase) override {
    const auto& endpoint = endpoints_[e];
    LoadOptions options = phase;
    options.request = endpoint.request;
    options.requests = endpoint.rotation;  // seeded requests (sql-api), cycled per connection
    options.expect = {endpoint.status, body_bytes_[e]};
    return http_load_job(options);
  }

  std::string wrong_answers(const LoadErrors& e) const override {
    std::string text;
    auto add = [&](std::uint64_t n, const char* what) {
      if (n) text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    };
    add(e.status, "with an unexpected status");
    add(e.body, "with a wrong body size");
    add(e.parse, "that were not valid HTTP");
    return text;
  }

 private:
  const std::vector<EndpointSpec>& endpoints_;
  std::vector<std::optional<std::size_t>> body_bytes_;
};

}  // namespace

std::unique_ptr<ServerDriver> make_http_server_driver(const std::vector<EndpointSpec>& endpoints) {
  return std::make_unique<HttpServerDriver>(endpoints);
}

}  // namespace xlb
