#include "app/grpc_loadgen_cli.hpp"

#include <cmath>

#include "app/loadgen_cli.hpp"
#include "core/errors.hpp"
#include "loadgen/grpc/grpc_load.hpp"

namespace xlb {

std::unique_ptr<GrpcLoadgenCommand> add_grpc_loadgen_command(CLI::App& app) {
  auto cmd = std::make_unique<GrpcLoadgenCommand>();
  auto* c = app.add_subcommand("grpc-loadgen", "Run the built-in gRPC load generator once, print its result as JSON");
  c->group("");  // a tool for cross-checks, kept out of --help
  cmd->app = c;
  c->add_option("--host", cmd->host, "Server address (default 127.0.0.1)");
  c->add_option("--port", cmd->port, "Server port")->required();
  c->add_option("--method", cmd->method, "echo, stream, collect or chat (default chat)");
  c->add_option("--lanes", cmd->lanes, "Concurrent calls or streams (default 16)");
  c->add_option("--channels", cmd->channels, "HTTP/2 connections the lanes share (default 1)");
  c->add_option("--messages-per-call", cmd->messages_per_call, "Items per streaming call (default 100)");
  c->add_option("--text-bytes", cmd->text_bytes, "Bytes of text in each Item (default 0; 960 makes about 1 KB)");
  c->add_option("--duration", cmd->duration_s, "Recorded seconds (default 5)");
  c->add_option("--warmup", cmd->warmup_s, "Seconds of load before recording (default 1)");
  c->add_option("--rate", cmd->rate, "Open loop at this many messages/s in total (default: closed loop)");
  c->add_option("--timeout", cmd->timeout_s, "Seconds before a message counts as timed out (default 2)");
  c->add_option("--cpus", cmd->cpus, "Run the generator on these CPUs, e.g. 0 or 0,2-3");
  return cmd;
}

int GrpcLoadgenCommand::run(std::ostream& out) const {
  GrpcLoadOptions o;
  o.host = host;
  o.port = port;
  const auto m = grpc_method_of(method);
  if (!m) throw InputError("--method: '" + method + "' (echo, stream, collect, chat)");
  o.method = *m;
  o.lanes = lanes;
  o.channels = channels;
  o.messages_per_call = messages_per_call;
  if (text_bytes < 0 || text_bytes > (1 << 20))
    throw InputError("--text-bytes: " + std::to_string(text_bytes) + " is not in 0..1048576");
  o.shape.text_bytes = static_cast<std::size_t>(text_bytes);
  o.duration = seconds_option(duration_s, "--duration");
  o.warmup = seconds_option(warmup_s, "--warmup");
  o.request_timeout = seconds_option(timeout_s, "--timeout");
  if (rate < 0) throw InputError("--rate: " + std::to_string(rate) + " is negative");
  if (rate > 0) o.rate_per_s = rate;
  o.cpus = parse_cpus(cpus);
  out << run_grpc_load(o).to_json().dump(2) << "\n";
  return 0;
}

}  // namespace xlb
