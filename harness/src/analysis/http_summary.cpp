#include "analysis/http_summary.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/analysis.hpp"
#include "core/errors.hpp"
#include "model/metrics.hpp"
#include "model/server_rows.hpp"

namespace xlb {
namespace {

using nlohmann::json;

std::uint64_t count_of(const json& errors, const char* key) {
  if (!errors.is_object() || !errors.contains(key) || !errors[key].is_number_integer()) return 0;
  const auto n = errors[key].get<std::int64_t>();
  return n > 0 ? static_cast<std::uint64_t>(n) : 0;
}

void add_errors(LoadErrors& into, const json& e) {
  into.connect += count_of(e, "connect");
  into.read += count_of(e, "read");
  into.write += count_of(e, "write");
  into.timeout += count_of(e, "timeout");
  into.status += count_of(e, "status");
  into.body += count_of(e, "body");
  into.parse += count_of(e, "parse");
}

double number_or(const json& j, const char* key, double fallback) {
  return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : fallback;
}

}  // namespace

bool is_lifecycle_row(const Measurement& m) {
  return m.kind == "server" && m.mode == kLifecycleMode && m.input == kLifecycleInput;
}

std::optional<PhaseFigures> phase_figures(const Measurement& m) {
  if (!m.load.is_object() || !m.load.contains("phase")) return std::nullopt;
  const auto& load = m.load;
  PhaseFigures f;
  f.phase = load.value("phase", "");
  f.open_loop = load.value("loop", "") == "open";
  f.connections = load.value("connections", 0);
  f.percent = load.value("percent_of_max", 0);
  f.target_rate = number_or(load, "target_rate", 0);
  double cpu_s = 0, db_cpu_s = 0, db_elapsed_s = 0, rss_mean_sum = 0;
  std::uint64_t db_requests = 0;
  int rss_windows = 0;
  bool database = false;
  for (const auto& round : load.value("rounds", json::array())) {
    if (!round.is_object() || round.contains("load_error")) continue;
    ++f.rounds;
    f.requests += round.value("requests", std::uint64_t{0});
    f.elapsed_s += number_or(round, "elapsed_s", 0);
    add_errors(f.errors, round.value("errors", json::object()));
    if (round.contains("latency")) f.latency.merge(LatencyHistogram::from_json(round["latency"]));
    const auto server = round.value("server", json::object());
    f.rss_peak_kb = std::max(f.rss_peak_kb, server.value("rss_peak_kb", 0L));
    if (server.value("rss_samples", 0) > 0) {
      rss_mean_sum += number_or(server, "rss_mean_kb", 0);
      ++rss_windows;
    }
    // CPU over the window, scaled to the generator's window (the two differ by milliseconds).
    cpu_s += number_or(server, "cpu_utilization", 0) * number_or(round, "elapsed_s", 0);
    // Rounds whose database window was not measured count in neither the CPU nor its denominators.
    if (round.contains("database") && round["database"].value("measured", true)) {
      database = true;
      db_cpu_s += number_or(round["database"], "cpu_utilization", 0) * number_or(round, "elapsed_s", 0);
      db_elapsed_s += number_or(round, "elapsed_s", 0);
      db_requests += round.value("requests", std::uint64_t{0});
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
  if (!m.load.is_object()) return f;
  for (const auto& round : m.load.value("rounds", json::array())) {
    if (!round.is_object() || !round.contains("cold_start_ms")) continue;
    f.cold_start_ms.push_back(number_or(round, "cold_start_ms", 0));
    f.ready_ms.push_back(number_or(round, "ready_ms", 0));
    f.idle_rss_kb.push_back(number_or(round, "idle_rss_kb", 0));
    if (round.contains("threads_reported") && round["threads_reported"].is_number_integer())
      f.threads_reported = round["threads_reported"].get<int>();
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
    if (m->status != "ok" || m->samples.empty() || !m->load.is_object() || m->load.value("loop", "") != "closed")
      continue;
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

}  // namespace xlb
