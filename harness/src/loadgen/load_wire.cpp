#include "loadgen/load_wire.hpp"

#include <algorithm>
#include <string>

#include "core/errors.hpp"

namespace xlb {
namespace {

using nlohmann::json;

std::string hex_encode(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string hex_decode(const std::string& hex) {
  if (hex.size() % 2) throw InputError("load job: 'body_hex' has an odd number of digits");
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_digit(hex[i]), lo = hex_digit(hex[i + 1]);
    if (hi < 0 || lo < 0) throw InputError("load job: 'body_hex' has a character that is not a hex digit");
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

json request_json(const HttpRequestSpec& r) {
  return {{"method", r.method}, {"path", r.path}, {"content_type", r.content_type}, {"body_hex", hex_encode(r.body)}};
}

HttpRequestSpec request_from_json(const json& j) {
  HttpRequestSpec r;
  r.method = j.at("method").get<std::string>();
  r.path = j.at("path").get<std::string>();
  r.content_type = j.at("content_type").get<std::string>();
  r.body = hex_decode(j.at("body_hex").get<std::string>());
  return r;
}

LoadErrors errors_from_json(const json& j) {
  LoadErrors e;
  e.connect = j.at("connect").get<std::uint64_t>();
  e.read = j.at("read").get<std::uint64_t>();
  e.write = j.at("write").get<std::uint64_t>();
  e.timeout = j.at("timeout").get<std::uint64_t>();
  e.status = j.at("status").get<std::uint64_t>();
  e.body = j.at("body").get<std::uint64_t>();
  e.parse = j.at("parse").get<std::uint64_t>();
  return e;
}

// Runs `read`, turning a missing or mistyped field into an InputError that names it.
template <typename F>
auto reading(const char* what, F read) {
  try {
    return read();
  } catch (const json::exception& e) {
    throw InputError(std::string(what) + ": " + e.what());
  }
}

}  // namespace

std::chrono::milliseconds ms_field(const json& j, const char* key) {
  return std::chrono::milliseconds(j.at(key).get<std::int64_t>());
}

json http_load_options_json(const LoadOptions& o) {
  json requests = json::array();
  for (const auto& r : o.requests) requests.push_back(request_json(r));
  json j = {{"host", o.host},
            {"port", o.port},
            {"request", request_json(o.request)},
            {"requests", requests},
            {"expect",
             {{"status", o.expect.status},
              {"body_bytes", o.expect.body_bytes ? json(*o.expect.body_bytes) : json(nullptr)}}},
            {"connections", o.connections},
            {"threads", o.threads}};
  write_phase_fields(j, o);
  return j;
}

LoadOptions http_load_options_from_json(const json& j) {
  return reading("load job (http)", [&] {
    LoadOptions o;
    o.host = j.at("host").get<std::string>();
    o.port = j.at("port").get<int>();
    o.request = request_from_json(j.at("request"));
    for (const auto& r : j.at("requests")) o.requests.push_back(request_from_json(r));
    const auto& expect = j.at("expect");
    o.expect.status = expect.at("status").get<int>();
    if (!expect.at("body_bytes").is_null()) o.expect.body_bytes = expect.at("body_bytes").get<std::size_t>();
    o.connections = j.at("connections").get<int>();
    o.threads = j.at("threads").get<int>();
    read_phase_fields(j, o);
    return o;
  });
}

LoadResult load_result_from_json(const json& j) {
  return reading("load result", [&] {
    static const char* known[] = {"mode",          "connections", "threads",      "elapsed_s",       "requests",
                                  "achieved_rate", "errors",      "warmup_requests", "warmup_errors", "latency",
                                  "interval_ms",   "per_interval", "cpus_used",   "target_rate"};
    LoadResult r;
    const auto mode = j.at("mode").get<std::string>();
    if (mode != "open" && mode != "closed") throw InputError("load result: 'mode' is '" + mode + "'");
    r.open_loop = mode == "open";
    if (r.open_loop) r.target_rate = j.at("target_rate").get<double>();
    r.connections = j.at("connections").get<int>();
    r.threads = j.at("threads").get<int>();
    r.elapsed_s = j.at("elapsed_s").get<double>();
    r.requests = j.at("requests").get<std::uint64_t>();
    r.achieved_rate = j.at("achieved_rate").get<double>();
    r.errors = errors_from_json(j.at("errors"));
    r.warmup_requests = j.at("warmup_requests").get<std::uint64_t>();
    r.warmup_errors = errors_from_json(j.at("warmup_errors"));
    r.latency = LatencyHistogram::from_json(j.at("latency"));
    r.interval = ms_field(j, "interval_ms");
    r.per_interval = j.at("per_interval").get<std::vector<std::uint64_t>>();
    r.cpus_used = j.at("cpus_used").get<std::vector<int>>();
    for (const auto& [key, value] : j.items())
      if (std::find(std::begin(known), std::end(known), key) == std::end(known)) r.extra[key] = value;
    return r;
  });
}

}  // namespace xlb
