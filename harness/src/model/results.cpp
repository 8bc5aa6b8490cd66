#include "model/results.hpp"

#include <algorithm>
#include <fstream>
#include <type_traits>

#include "core/atomic_file.hpp"
#include "core/bounded_json.hpp"
#include "core/errors.hpp"
#include "model/metrics.hpp"

namespace xlb {
namespace {

using nlohmann::json;

json run_to_json(const ProcessRun& r) {
  json out = {{"command", r.command}, {"cpus_granted", r.cpus_granted}, {"wall_s", r.wall_s},
              {"user_s", r.user_s},   {"sys_s", r.sys_s},               {"peak_rss_kb", r.peak_rss_kb},
              {"max_rss_kb", r.max_rss_kb}, {"sampled_peak_rss_kb", r.sampled_peak_rss_kb},
              {"fork_rss_kb", r.fork_rss_kb}, {"minor_faults", r.minor_faults}, {"outcome", r.outcome}};
  if (!r.env.empty()) out["env"] = r.env;
  if (r.sample_count) out["sample_count"] = *r.sample_count;
  return out;
}

json measurement_to_json(const Measurement& m) {
  json samples = json::array();
  for (const auto& s : m.samples) samples.push_back({{"ops", s.ops}, {"ns", s.ns}});
  json runs = json::array();
  for (const auto& r : m.runs) runs.push_back(run_to_json(r));
  json out = {{"workload", m.workload},
          {"kind", m.kind},
          {"mode", m.mode},
          {"input", m.input},
          {"language", m.language},
          {"variant", m.variant},
          {"label", m.label},
          {"library", m.library},
          {"status", m.status},
          {"reason", m.reason},
          {"input_bytes", m.input_bytes},
          {"params", m.params},
          {"hello", m.hello},
          {"checksum", m.checksum},
          {"reference_checksum", m.reference_checksum},
          {"warmup", m.warmup},
          {"facts", m.facts},
          {"samples", samples},
          {"runs", runs},
          {"stderr_tail", m.stderr_tail},
          {"rounds_done", m.rounds_done},
          {"metrics", measurement_metrics(m)}};
  if (!m.load.is_null()) out["load"] = m.load;
  return out;
}

// Reads fields with errors that name the document, the measurement and the field.
class Reader {
 public:
  Reader(std::string source, std::string where) : source_(std::move(source)), where_(std::move(where)) {}
  [[noreturn]] void fail(const std::string& field, const std::string& what) const {
    throw InputError(source_ + ": " + where_ + (field.empty() ? "" : "." + field) + ": " + what);
  }
  template <typename T>
  T get(const json& j, const std::string& field) const {
    if (!j.contains(field)) fail(field, "missing");
    const json& v = j[field];
    const auto wrong_type = "has the wrong type (" + std::string(v.type_name()) + ")";
    // nlohmann converts floats and booleans to numbers silently (2.5 ops -> 2): refuse them.
    if constexpr (std::is_integral_v<T>) {
      if (!v.is_number_integer()) fail(field, wrong_type);
    } else if constexpr (std::is_floating_point_v<T>) {
      if (!v.is_number()) fail(field, wrong_type);
    }
    try {
      return v.get<T>();
    } catch (const json::exception&) {
      fail(field, wrong_type);
    }
  }
  // An optional field: `fallback` when absent, an error naming it when present with the wrong type.
  template <typename T>
  T get_or(const json& j, const std::string& field, T fallback) const {
    return j.contains(field) ? get<T>(j, field) : fallback;
  }
  json array_or_empty(const json& j, const std::string& field) const {
    if (!j.contains(field)) return json::array();
    if (!j[field].is_array()) fail(field, "must be an array");
    return j[field];
  }
  json object_or_empty(const json& j, const std::string& field) const {
    if (!j.contains(field)) return json::object();
    if (!j[field].is_object()) fail(field, "must be an object");
    return j[field];
  }

 private:
  std::string source_, where_;
};

Measurement measurement_from_json(const json& j, const std::string& source, size_t index) {
  Reader r(source, "measurements[" + std::to_string(index) + "]");
  if (!j.is_object()) r.fail("", "must be an object");
  Measurement m;
  m.workload = r.get<std::string>(j, "workload");
  m.kind = r.get<std::string>(j, "kind");
  m.mode = r.get<std::string>(j, "mode");
  m.input = r.get<std::string>(j, "input");
  m.language = r.get<std::string>(j, "language");
  m.variant = r.get<std::string>(j, "variant");
  m.label = r.get_or<std::string>(j, "label", "");
  m.library = r.get_or<std::string>(j, "library", "");
  m.status = r.get<std::string>(j, "status");
  if (m.status != "ok" && m.status != "invalid" && m.status != "failed")
    r.fail("status", "unknown status '" + m.status + "'");
  m.reason = r.get_or<std::string>(j, "reason", "");
  m.input_bytes = r.get_or<std::int64_t>(j, "input_bytes", 0);
  m.params = r.object_or_empty(j, "params");
  m.hello = r.object_or_empty(j, "hello");
  m.checksum = r.object_or_empty(j, "checksum");
  m.reference_checksum = r.object_or_empty(j, "reference_checksum");
  m.facts = r.object_or_empty(j, "facts");
  m.warmup = r.array_or_empty(j, "warmup");
  m.stderr_tail = r.get_or<std::string>(j, "stderr_tail", "");
  if (j.contains("load")) {
    if (!j["load"].is_object()) r.fail("load", "must be an object");
    m.load = j["load"];
  }
  const auto samples = r.get<json>(j, "samples");
  if (!samples.is_array()) r.fail("samples", "must be an array");
  for (size_t i = 0; i < samples.size(); ++i) {
    Reader sr(source, "measurements[" + std::to_string(index) + "].samples[" + std::to_string(i) + "]");
    Sample s{sr.get<std::int64_t>(samples[i], "ops"), sr.get<std::int64_t>(samples[i], "ns")};
    if (s.ops <= 0 || s.ns <= 0) sr.fail("ops", "ops and ns must be positive");
    m.samples.push_back(s);
  }
  const auto runs = r.array_or_empty(j, "runs");
  for (size_t k = 0; k < runs.size(); ++k) {
    const auto& rj = runs[k];
    Reader rr(source, "measurements[" + std::to_string(index) + "].runs[" + std::to_string(k) + "]");
    if (!rj.is_object()) rr.fail("", "must be an object");
    ProcessRun run;
    run.command = rr.get_or<std::vector<std::string>>(rj, "command", {});
    run.cpus_granted = rr.get_or<std::vector<int>>(rj, "cpus_granted", {});
    run.wall_s = rr.get_or(rj, "wall_s", 0.0);
    run.user_s = rr.get_or(rj, "user_s", 0.0);
    run.sys_s = rr.get_or(rj, "sys_s", 0.0);
    run.max_rss_kb = rr.get_or(rj, "max_rss_kb", 0L);
    run.sampled_peak_rss_kb = rr.get_or(rj, "sampled_peak_rss_kb", 0L);
    run.peak_rss_kb = rr.get_or(rj, "peak_rss_kb", 0L);
    run.fork_rss_kb = rr.get_or(rj, "fork_rss_kb", 0L);
    run.minor_faults = rr.get_or(rj, "minor_faults", 0L);
    run.env = rr.get_or<std::map<std::string, std::string>>(rj, "env", {});
    run.outcome = rr.get_or<std::string>(rj, "outcome", "");
    if (rj.contains("sample_count")) {
      const auto count = rr.get<std::int64_t>(rj, "sample_count");
      if (count < 0 || count > 1'000'000'000) rr.fail("sample_count", "must be between 0 and 10^9");
      run.sample_count = static_cast<int>(count);
    }
    m.runs.push_back(run);
  }
  // Documents written before the field existed: one run per round, plus the spawn warm-up run.
  const int counted = static_cast<int>(m.runs.size() + (m.kind == "spawn" ? m.warmup.size() : 0));
  m.rounds_done = r.get_or(j, "rounds_done", counted);
  if (m.rounds_done < 0) r.fail("rounds_done", "must not be negative");
  return m;
}

}  // namespace

json measurement_metrics(const Measurement& m) { return metrics_json(m); }

json to_json(const ResultsDoc& doc) {
  json measurements = json::array();
  for (const auto& m : doc.measurements) measurements.push_back(measurement_to_json(m));
  json out = {{"schema", "xlbench.results"},
              {"schema_version", kResultsSchemaVersion},
              {"run_id", doc.run_id},
              {"status", doc.status},
              {"started_at", doc.started_at},
              {"finished_at", doc.finished_at},
              {"plan", doc.plan},
              {"environment", doc.environment},
              {"builds", doc.builds},
              {"inputs", doc.inputs},
              {"measurements", measurements}};
  if (!doc.footprint.empty()) out["footprint"] = doc.footprint;
  return out;
}

ResultsDoc results_from_json(const json& j, const std::string& source) {
  Reader r(source, "document");
  if (!j.is_object()) throw InputError(source + ": not a results document (top level is not an object)");
  if (!j.contains("schema") || j["schema"] != "xlbench.results")
    throw InputError(source + ": not an xlbench results document (field 'schema')");
  const auto version = r.get<int>(j, "schema_version");
  if (version != kResultsSchemaVersion)
    throw InputError(source + ": results schema_version " + std::to_string(version) +
                     " is not supported (this xlbench reads " + std::to_string(kResultsSchemaVersion) + ")");
  ResultsDoc doc;
  doc.run_id = r.get<std::string>(j, "run_id");
  doc.status = r.get<std::string>(j, "status");
  doc.started_at = r.get_or<std::string>(j, "started_at", "");
  doc.finished_at = r.get_or<std::string>(j, "finished_at", "");
  doc.plan = r.object_or_empty(j, "plan");
  doc.environment = r.object_or_empty(j, "environment");
  doc.builds = r.array_or_empty(j, "builds");
  doc.inputs = r.array_or_empty(j, "inputs");
  doc.footprint = r.object_or_empty(j, "footprint");
  const auto measurements = r.get<json>(j, "measurements");
  if (!measurements.is_array()) r.fail("measurements", "must be an array");
  for (size_t i = 0; i < measurements.size(); ++i)
    doc.measurements.push_back(measurement_from_json(measurements[i], source, i));
  return doc;
}

void save_results(const ResultsDoc& doc, const std::filesystem::path& path) {
  // A variant's stderr tail or garbage line may hold invalid UTF-8 (or a character cut at
  // the 4 KB mark): replace those bytes instead of failing the whole run's write.
  write_file_atomically(path, to_json(doc).dump(1, ' ', false, json::error_handler_t::replace) + "\n");
}

ResultsDoc load_results(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open results file");
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  return parse_results(text, path.string());
}

ResultsDoc parse_results(std::string_view text, const std::string& source) {
  // Results nest a handful of levels; the bound keeps a hostile file from overflowing the stack.
  constexpr int kMaxDepth = 64;
  json j;
  try {
    j = parse_bounded_json(text, kMaxDepth);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number too large
    throw InputError(source + ": not valid JSON: " + e.what());
  } catch (const JsonTooDeep& e) {
    throw InputError(source + ": " + e.what());
  }
  return results_from_json(j, source);
}

}  // namespace xlb
