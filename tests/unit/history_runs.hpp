#pragma once
// Synthetic runs for the history tests: one batch measurement whose process runs measured
// given throughputs (each run 3 samples of one second), on a machine named by its CPU model.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "model/results.hpp"

namespace xlb::testing_history {

inline ResultsDoc history_run(const std::string& run_id, const std::string& started_at, const std::string& commit,
                              const std::vector<double>& ops_per_s_per_run, const std::string& cpu_model = "Test CPU") {
  ResultsDoc doc;
  doc.run_id = run_id;
  doc.status = "complete";
  doc.started_at = started_at;
  doc.finished_at = started_at;
  doc.plan = {{"name", "quick"}};
  doc.environment = {{"cpu_model", cpu_model},
                     {"logical_cpus", 2},
                     {"kernel", "Linux 6.1"},
                     {"toolchains", {{"go", "go1.22"}, {"rustc", "rustc 1.80"}}},
                     {"git_commit", commit},
                     {"git_dirty", false}};
  Measurement m;
  m.workload = "json";
  m.kind = "batch";
  m.mode = "dom";
  m.input = "small";
  m.language = "rust";
  m.variant = "serde_json";
  for (double rate : ops_per_s_per_run) {
    for (int i = 0; i < 3; ++i) m.samples.push_back({std::llround(rate), 1'000'000'000});
    ProcessRun run;
    run.outcome = "ok";
    run.peak_rss_kb = 10000;
    run.sample_count = 3;
    m.runs.push_back(run);
  }
  doc.measurements.push_back(m);
  return doc;
}

// "2026-01-01T00:00:00Z" plus `i` minutes (i < 1440), so runs sort by their index.
inline std::string stamp(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "2026-01-01T%02d:%02d:00Z", i / 60, i % 60);
  return buf;
}

}  // namespace xlb::testing_history
