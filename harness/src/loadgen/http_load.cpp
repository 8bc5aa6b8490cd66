#include "loadgen/http_load.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "core/errors.hpp"
#include "loadgen/http_load_worker.hpp"
#include "loadgen/http_request.hpp"
#include "loadgen/phase_checks.hpp"
#include "os/process.hpp"

namespace xlb {
namespace {

using std::chrono::nanoseconds;

void validate(const LoadOptions& o) {
  auto need = [](bool ok, const std::string& what) {
    if (!ok) throw InputError("load generator: " + what);
  };
  need(o.connections >= 1 && o.connections <= 100000,
       "connections must be in 1..100000, got " + std::to_string(o.connections));
  need(o.threads >= 1 && o.threads <= 1024, "threads must be in 1..1024, got " + std::to_string(o.threads));
  check_phase_timing("load generator", {o.warmup, o.duration, o.request_timeout, o.interval, o.rate_per_s, o.cpus},
                     "requests/s");
}



}  // namespace

LoadResult run_load(const LoadOptions& options) {
  validate(options);
  LoadPlan plan;
  plan.address = resolve_address(options.host, options.port);
  plan.request_bytes = render_http_request(options.request, options.host, options.port);
  plan.head_request = options.request.method == "HEAD";
  for (const auto& r : options.requests) {
    if (r.method == "HEAD") throw InputError("load generator: HEAD is not supported in a request rotation");
    plan.rotation.push_back(render_http_request(r, options.host, options.port));
  }
  plan.expect = options.expect;
  plan.window_start_ns = nanoseconds(options.warmup).count();
  plan.window_end_ns = plan.window_start_ns + nanoseconds(options.duration).count();
  plan.request_timeout_ns = nanoseconds(options.request_timeout).count();
  plan.interval_ns = nanoseconds(options.interval).count();
  plan.intervals = static_cast<std::size_t>(options.duration / options.interval);
  plan.total_connections = options.connections;
  plan.rate_per_s = options.rate_per_s;

  const int threads = std::min(options.threads, options.connections);
  std::vector<std::vector<int>> ids(static_cast<std::size_t>(threads));
  for (int g = 0; g < options.connections; ++g) ids[static_cast<std::size_t>(g % threads)].push_back(g);

  std::vector<WorkerResult> parts(static_cast<std::size_t>(threads));
  std::vector<std::thread> pool;
  plan.start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t) {
    std::optional<int> cpu;
    if (!options.cpus.empty()) cpu = options.cpus[static_cast<std::size_t>(t) % options.cpus.size()];
    pool.emplace_back(run_load_worker, std::cref(plan), std::cref(ids[static_cast<std::size_t>(t)]), cpu,
                      std::ref(parts[static_cast<std::size_t>(t)]));
  }
  for (auto& th : pool) th.join();

  LoadResult result;
  result.open_loop = options.rate_per_s.has_value();
  result.target_rate = options.rate_per_s.value_or(0);
  result.connections = options.connections;
  result.threads = threads;
  result.interval = options.interval;
  result.per_interval.assign(plan.intervals, 0);
  std::int64_t stopped = plan.window_start_ns;
  for (const auto& p : parts) {
    result.latency.merge(p.latency);
    result.requests += p.requests;
    result.warmup_requests += p.warmup_requests;
    result.errors += p.errors;
    result.warmup_errors += p.warmup_errors;
    for (std::size_t i = 0; i < p.per_interval.size(); ++i) result.per_interval[i] += p.per_interval[i];
    for (int c : p.cpus)
      if (std::find(result.cpus_used.begin(), result.cpus_used.end(), c) == result.cpus_used.end())
        result.cpus_used.push_back(c);
    stopped = std::max(stopped, p.stopped_ns);
  }
  std::sort(result.cpus_used.begin(), result.cpus_used.end());
  // Interrupted early: the window really measured is shorter, and so is the list of full intervals.
  stopped = std::min(stopped, plan.window_end_ns);
  result.elapsed_s = static_cast<double>(stopped - plan.window_start_ns) / 1e9;
  result.per_interval.resize(
      std::min(result.per_interval.size(), static_cast<std::size_t>((stopped - plan.window_start_ns) / plan.interval_ns)));
  result.achieved_rate = result.elapsed_s > 0 ? static_cast<double>(result.requests) / result.elapsed_s : 0;
  return result;
}

nlohmann::json load_errors_json(const LoadErrors& e) {
  return {{"connect", e.connect}, {"read", e.read},     {"write", e.write}, {"timeout", e.timeout},
          {"status", e.status},   {"body", e.body},     {"parse", e.parse}, {"total", e.total()}};
}

nlohmann::json LoadResult::to_json() const {
  nlohmann::json j = {{"mode", open_loop ? "open" : "closed"},
                      {"connections", connections},
                      {"threads", threads},
                      {"elapsed_s", elapsed_s},
                      {"requests", requests},
                      {"achieved_rate", achieved_rate},
                      {"errors", load_errors_json(errors)},
                      {"warmup_requests", warmup_requests},
                      {"warmup_errors", load_errors_json(warmup_errors)},
                      {"latency", latency.to_json()},
                      {"interval_ms", interval.count()},
                      {"per_interval", per_interval},
                      {"cpus_used", cpus_used}};
  j["target_rate"] = open_loop ? nlohmann::json(target_rate) : nlohmann::json(nullptr);
  if (extra.is_object())
    for (const auto& [key, value] : extra.items()) j[key] = value;
  return j;
}

}  // namespace xlb
