#include "app/loadgen_cli.hpp"

#include <sys/resource.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "kinds/server/load_job.hpp"
#include "loadgen/http_load.hpp"

namespace xlb {

std::chrono::milliseconds seconds_option(double s, const char* flag) {
  if (!std::isfinite(s) || s < 0 || s > 86400)
    throw InputError(std::string(flag) + ": " + std::to_string(s) + " is not a number of seconds in 0..86400");
  return std::chrono::milliseconds(std::llround(s * 1000));
}

// "0,2-3" -> {0, 2, 3}
std::vector<int> parse_cpus(const std::string& text) {
  std::vector<int> cpus;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) {
    try {
      std::size_t used = 0;
      const int first = std::stoi(part, &used);
      int last = first;
      if (used < part.size() && part[used] == '-') {
        std::size_t used2 = 0;
        last = std::stoi(part.substr(used + 1), &used2);
        used += 1 + used2;
      }
      if (used != part.size() || first < 0 || last < first || last >= CPU_SETSIZE) throw std::invalid_argument(part);
      for (int c = first; c <= last; ++c) cpus.push_back(c);
    } catch (const std::exception&) {
      throw InputError("--cpus: '" + part + "' is not a CPU number or range");
    }
  }
  return cpus;
}

std::unique_ptr<LoadgenCommand> add_loadgen_command(CLI::App& app) {
  auto cmd = std::make_unique<LoadgenCommand>();
  auto* c = app.add_subcommand("loadgen", "Run the built-in HTTP load generator once, print its result as JSON");
  c->group("");  // a tool for cross-checks, kept out of --help
  cmd->app = c;
  c->add_option("--host", cmd->host, "Server address (default 127.0.0.1)");
  c->add_option("--port", cmd->port, "Server port (required without --job)");
  c->add_option("--job", cmd->job_file, "Run this load job (JSON, as a run with --client-host writes) instead");
  c->add_option("--path", cmd->path, "Request path (default /)");
  c->add_option("--method", cmd->method, "Request method (default GET)");
  c->add_option("--body-file", cmd->body_file, "Send this file as the request body");
  c->add_option("--content-type", cmd->content_type, "Content-Type of the body");
  c->add_option("--connections", cmd->connections, "Keep-alive connections (default 16)");
  c->add_option("--threads", cmd->threads, "Event-loop threads (default 1)");
  c->add_option("--duration", cmd->duration_s, "Recorded seconds (default 5)");
  c->add_option("--warmup", cmd->warmup_s, "Seconds of load before recording (default 1)");
  c->add_option("--rate", cmd->rate, "Open loop at this many requests/s in total (default: closed loop)");
  c->add_option("--timeout", cmd->timeout_s, "Seconds before a request counts as timed out (default 2)");
  c->add_option("--cpus", cmd->cpus, "Pin the generator's threads to these CPUs, e.g. 0 or 0,2-3");
  c->add_option("--expect-status", cmd->expect_status, "Status that counts as success (default 200)");
  c->add_option("--expect-body-bytes", cmd->expect_body_bytes, "Body size that counts as success (default: any)");
  return cmd;
}

int LoadgenCommand::run(std::ostream& out) const {
  if (!job_file.empty()) {
    std::ifstream in(job_file, std::ios::binary);
    if (!in) throw InputError("--job: cannot read '" + job_file + "'");
    nlohmann::json job;
    try {
      job = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
      throw InputError("--job: " + job_file + " is not JSON: " + e.what());
    }
    auto result = run_load_job(load_job_from_json(job)).to_json();
    // The generator's own CPU time (all threads, warm-up included): whether it, not the server, was the limit.
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    result[kGeneratorCpuField] = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                                 static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    out << result.dump() << "\n";  // one line: the harness reads the last
    return 0;
  }
  if (port == 0) throw InputError("--port: required (or --job)");
  LoadOptions o;
  o.host = host;
  o.port = port;
  o.request.method = method;
  o.request.path = path;
  o.request.content_type = content_type;
  if (!body_file.empty()) {
    std::ifstream in(body_file, std::ios::binary);
    if (!in) throw InputError("--body-file: cannot read '" + body_file + "'");
    o.request.body.assign(std::istreambuf_iterator<char>(in), {});
  }
  o.connections = connections;
  o.threads = threads;
  o.duration = seconds_option(duration_s, "--duration");
  o.warmup = seconds_option(warmup_s, "--warmup");
  o.request_timeout = seconds_option(timeout_s, "--timeout");
  if (rate < 0) throw InputError("--rate: " + std::to_string(rate) + " is negative");
  if (rate > 0) o.rate_per_s = rate;
  o.cpus = parse_cpus(cpus);
  o.expect.status = expect_status;
  if (expect_body_bytes >= 0) o.expect.body_bytes = static_cast<std::size_t>(expect_body_bytes);
  out << run_load(o).to_json().dump(2) << "\n";
  return 0;
}

}  // namespace xlb
