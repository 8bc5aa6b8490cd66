#include "analysis/http_summary.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/analysis.hpp"
#include "core/errors.hpp"
#include "kinds/server/server_rows.hpp"
#include "model/metrics.hpp"

namespace xlb {

using nlohmann::json;

std::optional<PhaseFigures> phase_figures(const Measurement& m) {
  const auto row = read_phase_row(m);
  if (!row) return std::nullopt;
  PhaseFigures f;
  f.phase = row->phase;
  f.open_loop = row->open_loop;
  f.connections = row->connections;
  f.percent = row->percent_of_max;
  f.target_rate = row->target_rate;
  double cpu_s = 0, db_cpu_s = 0, db_elapsed_s = 0, rss_mean_sum = 0;
  std::uint64_t db_requests = 0;
  int rss_windows = 0;
  bool database = false;
  for (const auto& round : row->rounds) {
    if (!round.load_error.empty()) continue;
    ++f.rounds;
    f.requests += round.requests;
    f.elapsed_s += round.elapsed_s;
    f.errors.connect += round.errors.connect;
    f.errors.read += round.errors.read;
    f.errors.write += round.errors.write;
    f.errors.timeout += round.errors.timeout;
    f.errors.status += round.errors.status;
    f.errors.body += round.errors.body;
    f.errors.parse += round.errors.parse;
    f.latency.merge(round.latency);
    f.rss_peak_kb = std::max(f.rss_peak_kb, round.server.rss_peak_kb);
    if (round.server.rss_samples > 0) {
      rss_mean_sum += round.server.rss_mean_kb;
      ++rss_windows;
    }
    // CPU over the window, scaled to the generator's window (the two differ by milliseconds).
    cpu_s += round.server.cpu_utilization * round.elapsed_s;
    // Rounds whose database window was not measured count in neither the CPU nor its denominators.
    if (round.database && round.database->measured) {
      database = true;
      db_cpu_s += round.database->cpu_utilization * round.elapsed_s;
      db_elapsed_s += round.elapsed_s;
      db_requests += round.requests;
    }
  }
  if (f.elapsed_s > 0) {
    f.achieved_rate = static_cast<double>(f.requests) / f.elapsed_s;
    f.cpu_utilization = cpu_s / f.elapsed_s;
    f.db_cpu_utilization = db_elapsed_s > 0 ? db_cpu_s / db_elapsed_s : 0;
  }
  if (rss_windows) f.rss_mean_kb = rss_mean_sum / rss_windows;
  if (f.requests > 0) f.cpu_s_per_1k = cpu_s / static_cast<double>(f.requests) * 1000.0;
  if (database && db_requests > 0) f.db_cpu_s_per_1k = db_cpu_s / static_cast<double>(db_requests) * 1000.0;
  return f;
}

LifecycleFigures lifecycle_figures(const Measurement& m) {
  LifecycleFigures f;
  const auto row = read_lifecycle_row(m);
  if (!row) return f;
  for (const auto& round : row->rounds) {
    if (!round.cold_start_ms) continue;
    f.cold_start_ms.push_back(*round.cold_start_ms);
    f.ready_ms.push_back(round.ready_ms.value_or(0));
    f.idle_rss_kb.push_back(round.idle_rss_kb.value_or(0));
    if (round.threads_reported) f.threads_reported = round.threads_reported;
  }
  return f;
}

std::vector<const Measurement*> rows_of(const ResultsDoc& doc, const std::string& workload, const std::string& language,
                                        const std::string& variant, const std::string& mode) {
  std::vector<const Measurement*> rows;
  for (const auto& m : doc.measurements)
    if (m.workload == workload && m.language == language && m.variant == variant && m.mode == mode) rows.push_back(&m);
  return rows;
}

const Measurement* best_closed_row(const ResultsDoc& doc, const std::string& workload, const std::string& language,
                                   const std::string& variant, const std::string& mode) {
  const Measurement* best = nullptr;
  double best_median = 0;
  for (const auto* m : rows_of(doc, workload, language, variant, mode)) {
    if (m->status != "ok" || m->samples.empty()) continue;
    if (const auto row = read_phase_row(*m); !row || row->open_loop) continue;
    const double median = stats::median(metric("ops_per_s").series(*m));
    if (!best || median > best_median) best = m, best_median = median;
  }
  return best;
}

std::vector<MaxComparison> max_comparisons(const ResultsDoc& doc, const std::string& workload, const std::string& mode,
                                           double threshold) {
  // Each server's best closed-loop phase, by language.
  std::map<std::string, std::vector<const Measurement*>> best_by_language;
  std::set<std::string> seen;
  for (const auto& m : doc.measurements) {
    if (m.workload != workload || m.mode != mode || !seen.insert(m.variant_id()).second) continue;
    if (const auto* best = best_closed_row(doc, workload, m.language, m.variant, mode))
      best_by_language[m.language].push_back(best);
  }
  const auto& ops = metric("ops_per_s");
  auto find = [&](const std::string& language, const std::string& variant) -> const Measurement* {
    for (const auto* m : best_by_language[language])
      if (m->variant == variant) return m;
    return nullptr;
  };
  auto fastest = [&](const std::string& language) -> const Measurement* {
    const Measurement* best = nullptr;
    for (const auto* m : best_by_language[language])
      if (!best || stats::median(ops.series(*m)) > stats::median(ops.series(*best))) best = m;
    return best;
  };
  std::vector<MaxComparison> out;
  const auto baselines = doc.plan.value("baselines", json::object()).value(workload, json::object());
  std::vector<std::pair<std::string, std::pair<const Measurement*, const Measurement*>>> pairs;
  if (baselines.is_object() && baselines.contains("rust") && baselines.contains("go"))
    pairs.push_back({"baseline", {find("rust", baselines.value("rust", "")), find("go", baselines.value("go", ""))}});
  pairs.push_back({"fastest", {fastest("rust"), fastest("go")}});
  for (const auto& [basis, pair] : pairs) {
    if (!pair.first || !pair.second) continue;
    if (basis == "fastest" && !out.empty() && out.back().rust->variant == pair.first->variant &&
        out.back().go->variant == pair.second->variant)
      continue;  // the baseline pair is also the fastest: say it once
    MaxComparison c{basis, pair.first, pair.second, stats::compare_samples(ops.series(*pair.first), ops.series(*pair.second)), ""};
    c.verdict = verdict_text(c.cmp, threshold);
    out.push_back(c);
  }
  return out;
}

std::vector<const Measurement*> server_lifecycle_rows(const ResultsDoc& doc, const std::string& workload) {
  std::vector<const Measurement*> servers;
  for (const auto& m : doc.measurements)
    if (m.workload == workload && is_lifecycle_row(m)) servers.push_back(&m);
  return servers;
}

std::vector<std::string> server_row_modes(const ResultsDoc& doc, const std::string& workload) {
  std::vector<std::string> modes;
  for (const auto& m : doc.measurements)
    if (m.workload == workload && !is_lifecycle_row(m) && std::find(modes.begin(), modes.end(), m.mode) == modes.end())
      modes.push_back(m.mode);
  return modes;
}

}  // namespace xlb
