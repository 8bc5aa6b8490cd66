#pragma once
// A load phase and what it measured as JSON: what the harness hands a load generator on
// another host (--client-host, `xlbench loadgen --job`) and reads back from it. Round trips are
// exact: the same options run the same phase, the same result reports the same figures
// (latency buckets, per-interval counts and a generator's extra figures included).
#include <nlohmann/json.hpp>

#include "loadgen/load_spec.hpp"

namespace xlb {

// The HTTP generator's options; the request bodies travel hex-encoded (any bytes, not only UTF-8).
nlohmann::json http_load_options_json(const LoadOptions& options);
// Throws InputError naming the field that is missing or of the wrong type.
LoadOptions http_load_options_from_json(const nlohmann::json& j);

// LoadResult::to_json() read back; keys it does not know become `extra` (the gRPC generator's).
// Throws InputError naming the field.
LoadResult load_result_from_json(const nlohmann::json& j);

// A duration field in milliseconds ("warmup_ms"); throws nlohmann's exception naming it.
std::chrono::milliseconds ms_field(const nlohmann::json& j, const char* key);

// The fields both generators' options share (timing, rate, CPUs), written and read alike.
template <typename Options>
void write_phase_fields(nlohmann::json& j, const Options& o) {
  j["warmup_ms"] = o.warmup.count();
  j["duration_ms"] = o.duration.count();
  j["rate_per_s"] = o.rate_per_s ? nlohmann::json(*o.rate_per_s) : nlohmann::json(nullptr);
  j["request_timeout_ms"] = o.request_timeout.count();
  j["cpus"] = o.cpus;
  j["interval_ms"] = o.interval.count();
}
template <typename Options>
void read_phase_fields(const nlohmann::json& j, Options& o) {
  o.warmup = ms_field(j, "warmup_ms");
  o.duration = ms_field(j, "duration_ms");
  if (!j.at("rate_per_s").is_null()) o.rate_per_s = j.at("rate_per_s").template get<double>();
  o.request_timeout = ms_field(j, "request_timeout_ms");
  o.cpus = j.at("cpus").template get<std::vector<int>>();
  o.interval = ms_field(j, "interval_ms");
}

}  // namespace xlb
