#pragma once
// `xlbench history add`: one results document into the history. Each ok measurement gives,
// per history metric, one value per process run (the median of its samples' values, or the
// run's peak RSS), stored under the series machine x branch x measurement (cell, variant and
// plan) x metric.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "history/history_db.hpp"
#include "model/results.hpp"

namespace xlb {

// The metrics the history keeps (names as in results.json "metrics").
const std::vector<std::string>& history_metrics();

struct Machine {
  std::string fingerprint;  // 16 hex digits of SHA-256 over the fields below
  std::string cpu_model, kernel;
  int logical_cpus = 0;
  nlohmann::json toolchains;
};
// From results.json "environment"; InputError naming `source` and the field when one is missing.
Machine machine_of(const nlohmann::json& environment, const std::string& source);

// One value per process run of `m` for `metric` (empty when it has none).
std::vector<double> per_run_values(const Measurement& m, const std::string& metric);

struct IngestResult {
  bool added = false;  // false: the run was already in the history (nothing changed)
  std::string run_key, machine;
  std::size_t series = 0, points = 0, claims = 0;
};

// All or nothing, in one transaction. `claims_file`: the run's claims.json when it has one
// (empty: no verdicts stored). The same run (run id, start time, machine) twice is a no-op.
IngestResult ingest_run(HistoryDb& db, const ResultsDoc& doc, const std::string& branch, const std::string& source,
                        const std::filesystem::path& claims_file = {});

}  // namespace xlb
