#include "history/series.hpp"

#include <regex>

#include "core/errors.hpp"
#include "stats/stats.hpp"

namespace xlb {

std::string Series::title() const {
  return measurement + " " + metric + " [branch " + branch + ", machine " + machine + "]";
}

std::vector<Series> load_series(HistoryDb& db, const std::string& since) {
  const auto rows = db.query(
      "SELECT s.series_key, s.machine, s.branch, s.measurement, s.metric, s.unit, s.higher_is_better, "
      "r.run_key, r.run_id, r.git_commit, r.started_at, p.value "
      "FROM points p JOIN series s ON s.series_key = p.series_key JOIN runs r ON r.run_key = p.run_key "
      "WHERE r.started_at >= $1 "
      "ORDER BY s.machine, s.branch, s.measurement, s.metric, r.started_at, r.run_key, p.seq",
      {since});
  std::vector<Series> out;
  std::string last_run;
  std::vector<double> run_values;
  auto close_run = [&] {
    if (run_values.empty()) return;
    out.back().points.back().value = stats::median(run_values);
    out.back().points.back().process_runs = run_values.size();
    run_values.clear();
  };
  for (const auto& row : rows) {
    auto col = [&](int i) { return row[static_cast<std::size_t>(i)].value_or(""); };
    if (out.empty() || out.back().key != col(0)) {
      close_run();
      out.push_back(Series{col(0), col(1), col(2), col(3), col(4), col(5), col(6) == "1", {}});
      last_run.clear();
    }
    if (col(7) != last_run) {
      close_run();
      out.back().points.push_back(RunPoint{col(8), col(9), col(10), 0, 0});
      last_run = col(7);
    }
    run_values.push_back(std::stod(col(11)));
  }
  close_run();
  return out;
}

std::string resolve_since(HistoryDb& db, const std::string& since) {
  if (since.empty()) return "";
  const auto rows = db.query("SELECT MIN(started_at) FROM runs WHERE run_id = $1", {since});
  if (!rows.empty() && rows[0][0]) return *rows[0][0];
  static const std::regex date(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?)");
  if (std::regex_match(since, date)) return since;
  throw InputError("--since: '" + since + "' is neither a run id in the history nor a date (YYYY-MM-DD)");
}

}  // namespace xlb
