#include "history/ingest.hpp"

#include "analysis/claims.hpp"
#include "core/errors.hpp"
#include "core/sha256.hpp"
#include "model/metrics.hpp"
#include "model/topology.hpp"
#include "stats/stats.hpp"

namespace xlb {
namespace {

using nlohmann::json;

std::string short_hash(const std::string& text) { return sha256_hex(text).substr(0, 16); }

std::string text_field(const json& env, const std::string& field, const std::string& source) {
  if (!env.contains(field) || !env[field].is_string() || env[field].get<std::string>().empty())
    throw InputError(source + ": environment." + field + " is missing: the machine cannot be identified");
  return env[field].get<std::string>();
}

std::string unit_of(const std::string& metric_name) {
  return metric_name == "peak_rss_kb" ? "KiB" : metric(metric_name).unit;
}

bool higher_is_better(const std::string& metric_name) {
  return metric_name != "peak_rss_kb" && metric(metric_name).higher_is_better;
}

}  // namespace

const std::vector<std::string>& history_metrics() {
  static const std::vector<std::string> names = {"ops_per_s", "ns_per_op", "peak_rss_kb"};
  return names;
}

Machine machine_of(const json& env, const std::string& source) {
  Machine m;
  m.cpu_model = text_field(env, "cpu_model", source);
  m.kernel = text_field(env, "kernel", source);
  if (!env.contains("logical_cpus") || !env["logical_cpus"].is_number_integer())
    throw InputError(source + ": environment.logical_cpus is missing: the machine cannot be identified");
  m.logical_cpus = env["logical_cpus"].get<int>();
  m.toolchains = env.contains("toolchains") ? env["toolchains"] : json::object();
  if (!m.toolchains.is_object()) throw InputError(source + ": environment.toolchains must be an object");
  // json::dump sorts object keys, so the same machine always hashes the same.
  json identity = {{"cpu_model", m.cpu_model}, {"kernel", m.kernel}, {"logical_cpus", m.logical_cpus},
                   {"toolchains", m.toolchains}};
  // A multi-host run is another setup: its series never mix with this machine's single-host ones
  // (and single-host fingerprints stay what they were before the field existed).
  if (topology_kind(env) != kSingleHost) {
    identity["topology"] = env["topology"];
    identity["hosts"] = env.value("hosts", json::array());
  }
  m.fingerprint = short_hash(identity.dump());
  return m;
}

std::vector<double> per_run_values(const Measurement& m, const std::string& metric_name) {
  if (metric_name == "peak_rss_kb") return peak_rss_per_run(m);
  const auto values = metric(metric_name).series(m);
  std::vector<double> out;
  if (values.empty()) return out;
  std::size_t at = 0;
  for (const auto size : sample_groups(m)) {
    out.push_back(stats::median({values.begin() + static_cast<std::ptrdiff_t>(at),
                                 values.begin() + static_cast<std::ptrdiff_t>(at + size)}));
    at += size;
  }
  return out;
}

IngestResult ingest_run(HistoryDb& db, const ResultsDoc& doc, const std::string& branch, const std::string& source,
                        const std::filesystem::path& claims_file) {
  if (branch.empty()) throw InputError("--branch: must not be empty");
  const auto machine = machine_of(doc.environment, source);
  IngestResult result;
  result.machine = machine.fingerprint;
  result.run_key = short_hash(doc.run_id + "\n" + doc.started_at + "\n" + machine.fingerprint);
  const auto& env = doc.environment;
  const std::string commit = env.contains("git_commit") && env["git_commit"].is_string()
                                 ? env["git_commit"].get<std::string>() : "unknown";
  const bool dirty = env.contains("git_dirty") && env["git_dirty"].is_boolean() && env["git_dirty"].get<bool>();
  const std::string plan = doc.plan.contains("name") && doc.plan["name"].is_string() ? doc.plan["name"].get<std::string>() : "";
  // Verdicts are computed before the transaction: a bad claims file leaves the history untouched.
  std::vector<Verdict> verdicts;
  if (!claims_file.empty()) {
    auto outcome = evaluate_claims_file(claims_file, doc);
    if (!outcome.error.empty()) throw InputError(outcome.error);  // names the file
    verdicts = std::move(outcome.verdicts);
  }

  Transaction tx(db);
  db.exec("INSERT INTO machines (fingerprint, cpu_model, logical_cpus, kernel, toolchains, first_seen) "
          "VALUES ($1, $2, $3, $4, $5, CAST(CURRENT_TIMESTAMP AS TEXT)) ON CONFLICT (fingerprint) DO NOTHING",
          {machine.fingerprint, machine.cpu_model, std::to_string(machine.logical_cpus), machine.kernel,
           machine.toolchains.dump()});
  const auto inserted = db.query(
      "INSERT INTO runs (run_key, run_id, machine, branch, git_commit, git_dirty, plan, status, started_at, "
      "finished_at, ingested_at, source, environment) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CAST(CURRENT_TIMESTAMP AS TEXT), $11, $12) "
      "ON CONFLICT (run_key) DO NOTHING RETURNING run_key",
      {result.run_key, doc.run_id, machine.fingerprint, branch, commit, dirty ? "1" : "0", plan, doc.status,
       doc.started_at, doc.finished_at, source, env.dump()});
  if (inserted.empty()) return result;  // already there: the transaction rolls back, nothing changes

  for (const auto& m : doc.measurements) {
    if (m.status != "ok") continue;
    // The plan is part of the measurement: quick and full runs differ in input sizes and samples,
    // so their values never share a series.
    const std::string measurement = m.cell() + " " + m.variant_id() + (plan.empty() ? "" : " (" + plan + ")");
    for (const auto& name : history_metrics()) {
      const auto values = per_run_values(m, name);
      if (values.empty()) continue;
      const auto series_key = short_hash(machine.fingerprint + "\n" + branch + "\n" + measurement + "\n" + name);
      db.exec("INSERT INTO series (series_key, machine, branch, measurement, metric, unit, higher_is_better) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (series_key) DO NOTHING",
              {series_key, machine.fingerprint, branch, measurement, name, unit_of(name),
               higher_is_better(name) ? "1" : "0"});
      ++result.series;
      for (std::size_t i = 0; i < values.size(); ++i) {
        db.exec("INSERT INTO points (series_key, run_key, seq, value) VALUES ($1, $2, $3, $4)",
                {series_key, result.run_key, std::to_string(i), sql_double(values[i])});
        ++result.points;
      }
    }
  }
  for (const auto& v : verdicts) {
    db.exec("INSERT INTO claim_verdicts (run_key, claim, verdict, measured) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (run_key, claim) DO NOTHING",
            {result.run_key, v.id, to_string(v.kind),
             v.measured ? SqlValue{sql_double(*v.measured)} : SqlValue{}});
    ++result.claims;
  }
  tx.commit();
  result.added = true;
  return result;
}

}  // namespace xlb
