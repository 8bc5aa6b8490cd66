#include "kinds/server/server_rows.hpp"

#include "core/errors.hpp"

namespace xlb {
namespace {

using nlohmann::json;

// Reads one load block, naming the field of the first malformed value.
class Reader {
 public:
  explicit Reader(const Measurement& m) : where_(m.cell() + " " + m.variant_id() + ": load") {}

  double number(const json& obj, const char* key, const std::string& field, double fallback = 0) const {
    if (!obj.contains(key) || obj[key].is_null()) return fallback;
    if (!obj[key].is_number()) fail(field + "." + key, "must be a number");
    return obj[key].get<double>();
  }
  std::optional<double> optional_number(const json& obj, const char* key, const std::string& field) const {
    if (!obj.contains(key) || obj[key].is_null()) return std::nullopt;
    return number(obj, key, field);
  }
  std::uint64_t count(const json& obj, const char* key, const std::string& field) const {
    const double v = number(obj, key, field);
    if (v < 0) fail(field + "." + key, "must not be negative");
    return static_cast<std::uint64_t>(v);
  }
  const json& object(const json& obj, const char* key, const std::string& field) const {
    static const json empty = json::object();
    if (!obj.contains(key)) return empty;
    if (!obj[key].is_object()) fail(field + "." + key, "must be an object");
    return obj[key];
  }
  const json& rounds(const json& load) const {
    static const json none = json::array();
    if (!load.contains("rounds")) return none;
    if (!load["rounds"].is_array()) fail("rounds", "must be an array");
    return load["rounds"];
  }
  [[noreturn]] void fail(const std::string& field, const std::string& what) const {
    throw InputError(where_ + "." + field + " " + what);
  }

 private:
  std::string where_;
};

LoadErrors read_errors(const Reader& r, const json& e, const std::string& field) {
  LoadErrors out;
  out.connect = r.count(e, "connect", field);
  out.read = r.count(e, "read", field);
  out.write = r.count(e, "write", field);
  out.timeout = r.count(e, "timeout", field);
  out.status = r.count(e, "status", field);
  out.body = r.count(e, "body", field);
  out.parse = r.count(e, "parse", field);
  return out;
}


json optional_json(const std::optional<double>& v) { return v ? json(*v) : json(); }

PhaseRound read_round(const Reader& r, const json& j, const std::string& field) {
  if (!j.is_object()) r.fail(field, "must be an object");
  PhaseRound round;
  round.record = j;
  round.round = static_cast<int>(r.number(j, "round", field));
  if (j.contains("load_error")) round.load_error = j["load_error"].is_string() ? j["load_error"].get<std::string>() : j["load_error"].dump();
  round.requests = r.count(j, "requests", field);
  round.elapsed_s = r.number(j, "elapsed_s", field);
  round.errors = read_errors(r, r.object(j, "errors", field), field + ".errors");
  if (j.contains("latency")) {
    try {
      round.latency = LatencyHistogram::from_json(j["latency"]);
    } catch (const InputError& e) {
      r.fail(field + ".latency", std::string("is malformed: ") + e.what());
    }
  }
  const auto& server = r.object(j, "server", field);
  round.server.rss_peak_kb = static_cast<long>(r.number(server, "rss_peak_kb", field + ".server"));
  round.server.rss_mean_kb = r.number(server, "rss_mean_kb", field + ".server");
  round.server.rss_samples = static_cast<int>(r.number(server, "rss_samples", field + ".server"));
  round.server.cpu_utilization = r.number(server, "cpu_utilization", field + ".server");
  round.server.cpu_s_per_1k_requests = r.optional_number(server, "cpu_s_per_1k_requests", field + ".server");
  if (j.contains("database")) {
    const auto& db = r.object(j, "database", field);
    DatabaseWindowFigures d;
    d.measured = !db.contains("measured") || db["measured"] == true;
    d.cpu_utilization = r.number(db, "cpu_utilization", field + ".database");
    d.cpu_s_per_1k_requests = r.optional_number(db, "cpu_s_per_1k_requests", field + ".database");
    round.database = d;
  }
  return round;
}

}  // namespace

bool is_lifecycle_row(const Measurement& m) {
  return m.mode == kLifecycleMode && m.input == kLifecycleInput && m.load.is_object();
}

std::optional<PhaseRow> read_phase_row(const Measurement& m) {
  if (!m.load.is_object() || !m.load.contains("phase")) return std::nullopt;
  const Reader r(m);
  const auto& load = m.load;
  PhaseRow row;
  if (!load["phase"].is_string()) r.fail("phase", "must be a string");
  row.phase = load["phase"].get<std::string>();
  row.open_loop = load.value("loop", "") == "open";
  row.connections = static_cast<int>(r.number(load, "connections", "load"));
  row.percent_of_max = static_cast<int>(r.number(load, "percent_of_max", "load"));
  row.target_rate = r.number(load, "target_rate", "load");
  if (load.contains("endpoint")) row.endpoint = load["endpoint"];
  const auto& rounds = r.rounds(load);
  for (size_t i = 0; i < rounds.size(); ++i) row.rounds.push_back(read_round(r, rounds[i], "rounds[" + std::to_string(i) + "]"));
  return row;
}

std::optional<LifecycleRow> read_lifecycle_row(const Measurement& m) {
  if (!is_lifecycle_row(m)) return std::nullopt;
  const Reader r(m);
  LifecycleRow row;
  const auto& rounds = r.rounds(m.load);
  for (size_t i = 0; i < rounds.size(); ++i) {
    const std::string field = "rounds[" + std::to_string(i) + "]";
    const auto& j = rounds[i];
    if (!j.is_object()) r.fail(field, "must be an object");
    LifecycleRound round;
    round.record = j;
    round.round = static_cast<int>(r.number(j, "round", field));
    round.cold_start_ms = r.optional_number(j, "cold_start_ms", field);
    round.ready_ms = r.optional_number(j, "ready_ms", field);
    round.idle_rss_kb = r.optional_number(j, "idle_rss_kb", field);
    if (j.contains("threads_reported") && j["threads_reported"].is_number_integer())
      round.threads_reported = j["threads_reported"].get<int>();
    row.rounds.push_back(std::move(round));
  }
  return row;
}

json to_json(const PhaseRound& round) {
  json j = round.record.is_object() ? round.record : json::object();
  j["round"] = round.round;
  if (!round.load_error.empty()) j["load_error"] = round.load_error;
  j["requests"] = round.requests;
  j["elapsed_s"] = round.elapsed_s;
  j["errors"] = load_errors_json(round.errors);
  // The histogram as recorded (re-bucketing would change a document written by another version).
  if (!j.contains("latency")) j["latency"] = round.latency.to_json();
  auto server = j.contains("server") && j["server"].is_object() ? j["server"] : json::object();
  server["rss_peak_kb"] = round.server.rss_peak_kb;
  server["rss_mean_kb"] = round.server.rss_mean_kb;
  server["rss_samples"] = round.server.rss_samples;
  server["cpu_utilization"] = round.server.cpu_utilization;
  server["cpu_s_per_1k_requests"] = optional_json(round.server.cpu_s_per_1k_requests);
  j["server"] = server;
  if (round.database) {
    auto db = j.contains("database") && j["database"].is_object() ? j["database"] : json::object();
    db["measured"] = round.database->measured;
    if (round.database->measured) {
      db["cpu_utilization"] = round.database->cpu_utilization;
      db["cpu_s_per_1k_requests"] = optional_json(round.database->cpu_s_per_1k_requests);
    }
    j["database"] = db;
  }
  return j;
}

json to_json(const PhaseRow& row) {
  json j = {{"phase", row.phase},
            {"loop", row.open_loop ? "open" : "closed"},
            {"connections", row.connections},
            {"endpoint", row.endpoint},
            {"rounds", json::array()}};
  if (row.open_loop) {
    j["percent_of_max"] = row.percent_of_max;
    j["target_rate"] = row.target_rate;
  }
  for (const auto& r : row.rounds) j["rounds"].push_back(to_json(r));
  return j;
}

json to_json(const LifecycleRound& round) {
  json j = round.record.is_object() ? round.record : json::object();
  j["round"] = round.round;
  if (round.cold_start_ms) j["cold_start_ms"] = *round.cold_start_ms;
  if (round.ready_ms) j["ready_ms"] = *round.ready_ms;
  if (round.idle_rss_kb) j["idle_rss_kb"] = *round.idle_rss_kb;
  if (round.threads_reported) j["threads_reported"] = *round.threads_reported;
  return j;
}

json to_json(const LifecycleRow& row) {
  json j = {{"lifecycle", true}, {"rounds", json::array()}};
  for (const auto& r : row.rounds) j["rounds"].push_back(to_json(r));
  return j;
}

PhaseRound phase_round(int round, const LoadResult& result, const ServerWindowFigures& server) {
  PhaseRound r;
  r.round = round;
  r.requests = result.requests;
  r.elapsed_s = result.elapsed_s;
  r.errors = result.errors;
  r.latency = result.latency;
  r.server = server;
  r.record = result.to_json();  // rates, warm-up, per-interval counts, threads, CPUs used
  return r;
}

}  // namespace xlb
