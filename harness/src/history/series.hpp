#pragma once
// Series read back from the history: machine x branch x measurement x metric, one point per
// run (the median of the run's per-process-run values), runs in order of their start time.
#include <cstddef>
#include <string>
#include <vector>

#include "history/history_db.hpp"

namespace xlb {

struct RunPoint {
  std::string run_id, git_commit, started_at;
  double value = 0;                // median of the run's per-process-run values
  std::size_t process_runs = 0;    // how many values that median is of
};

struct Series {
  std::string key, machine, branch, measurement, metric, unit;
  bool higher_is_better = true;
  std::vector<RunPoint> points;
  std::string title() const;  // "json/dom/small rust/serde_json ops_per_s [branch main, machine 1a2b...]"
};

// Every series, ordered by machine, branch, measurement, metric. `since`: only runs that started
// at or after it ("" = all; see resolve_since).
std::vector<Series> load_series(HistoryDb& db, const std::string& since = "");

// --since: a run id of the history (from that run's start on) or a date/time YYYY-MM-DD[THH:MM:SSZ].
// Returns the start time to filter on; InputError naming the value otherwise.
std::string resolve_since(HistoryDb& db, const std::string& since);

}  // namespace xlb
