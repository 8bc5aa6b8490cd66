// report.html, server workloads (kind server: http, sql-api): per endpoint
// (mode) the maximum req/s of each server with its 95% CI, req/s against the
// closed-loop connection count, latency percentile curves at each open-loop
// load, and the server's RSS and CPU per 1,000 requests at its maximum; the
// numbers behind each, start-up figures and Rust/Go ratios. Figures come from
// http_summary.hpp, as in the text reports.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/format.hpp"
#include "analysis/http_summary.hpp"
#include "model/metrics.hpp"
#include "report/report_html_charts.hpp"

namespace xlb::html {
namespace {

struct Percentile {
  double q;
  const char* label;
};
constexpr std::array<Percentile, 6> kPercentiles{
    {{0.50, "p50"}, {0.75, "p75"}, {0.90, "p90"}, {0.95, "p95"}, {0.99, "p99"}, {0.999, "p99.9"}}};

std::vector<const Measurement*> servers_of(const ResultsDoc& doc, const std::string& workload) {
  std::vector<const Measurement*> out;
  for (const auto& m : doc.measurements)
    if (m.workload == workload && is_lifecycle_row(m)) out.push_back(&m);
  return out;
}

std::vector<std::string> modes_of(const ResultsDoc& doc, const std::string& workload) {
  std::vector<std::string> modes;
  for (const auto& m : doc.measurements)
    if (m.workload == workload && !is_lifecycle_row(m) && std::find(modes.begin(), modes.end(), m.mode) == modes.end())
      modes.push_back(m.mode);
  return modes;
}

std::string mb(double kb) { return kb > 0 ? fixed(kb / 1024.0, 1) : "-"; }
std::string cpu_ms_per_1k(const PhaseFigures& f) { return f.cpu_s_per_1k ? fixed(*f.cpu_s_per_1k * 1000.0, 2) : "-"; }
std::string errors_text(const LoadErrors& e) { return std::to_string(e.total()); }

void write_startup(Page& page, const std::vector<const Measurement*>& servers) {
  Table t({"server", "cold start ms median", "95% CI low", "95% CI high", "ready line ms", "idle RSS MB", "threads",
           "status"},
          "Start-up: spawn to the first successful response, and the server's RSS right after it (one figure "
          "per round).");
  for (const auto* life : servers) {
    const auto f = lifecycle_figures(*life);
    std::vector<std::string> row = {life->variant_id(), "-", "-", "-", "-", "-",
                                    f.threads_reported ? std::to_string(*f.threads_reported) : "-", life->status};
    if (!f.cold_start_ms.empty()) {
      const auto s = stats::summarize(f.cold_start_ms);
      row[1] = plain(s.median);
      row[2] = plain(s.median_ci.interval.low);
      row[3] = plain(s.median_ci.interval.high);
      row[4] = plain(stats::median(f.ready_ms));
      row[5] = mb(stats::median(f.idle_rss_kb));
    }
    t.add(row, life->status == "ok" ? "" : "bad");
  }
  write_table(page.out(), t);
}

void write_mode(Page& page, const std::string& workload, const std::string& mode,
                const std::vector<const Measurement*>& servers) {
  const auto& doc = page.doc();
  auto& out = page.out();
  out << "<section class=\"cell\" id=\"cell-" << esc(workload + "-" + mode) << "\">\n<h3>endpoint " << esc(mode)
      << "</h3>\n";
  VariantPalette palette;

  // Maximum throughput: each server's best closed-loop phase.
  json labels = json::array(), medians = json::array(), intervals = json::array(), colors = json::array();
  json rss_values = json::array(), cpu_values = json::array();
  Table max_table({"server", "max req/s median", "95% CI low", "95% CI high", "at (connections)", "CV", "errors",
                   "RSS MB peak", "RSS MB mean", "CPU ms / 1k req", "status"},
                  "Each server's best closed-loop phase: the numbers behind \"maximum throughput\", \"server RSS\" "
                  "and \"server CPU per 1,000 requests\".");
  for (const auto* life : servers) {
    // The reasons are in the summary's list of invalid and failed measurements.
    std::string status = life->status;
    for (const auto* m : rows_of(doc, workload, life->language, life->variant, mode))
      if (m->status != "ok") {
        status = m->status + " (" + m->input + ")";
        break;
      }
    const auto* best = best_closed_row(doc, workload, life->language, life->variant, mode);
    if (!best) {
      max_table.add({life->variant_id(), "-", "-", "-", "-", "-", "-", "-", "-", "-", status}, "bad");
      continue;
    }
    const auto sum = stats::summarize(metric("ops_per_s").series(*best));
    const auto f = *phase_figures(*best);
    max_table.add({life->variant_id(), plain(sum.median), plain(sum.median_ci.interval.low),
                   plain(sum.median_ci.interval.high), std::to_string(f.connections), fixed(sum.cv * 100, 1) + "%",
                   errors_text(f.errors), mb(static_cast<double>(f.rss_peak_kb)), mb(f.rss_mean_kb),
                   cpu_ms_per_1k(f), status},
                  status == "ok" ? "" : "bad");
    labels.push_back(life->variant_id());
    medians.push_back(sum.median);
    intervals.push_back({sum.median_ci.interval.low, sum.median_ci.interval.high});
    colors.push_back(language_color(life->language));
    rss_values.push_back(f.rss_peak_kb > 0 ? json(f.rss_peak_kb / 1024.0) : json(nullptr));
    cpu_values.push_back(f.cpu_s_per_1k ? json(*f.cpu_s_per_1k * 1000.0) : json(nullptr));
  }

  // Closed-loop sweep: req/s per connection count (one category each), and which open-loop loads ran.
  Table sweep({"server", "connections", "req/s median", "95% CI low", "95% CI high", "errors", "RSS MB peak",
               "CPU ms / 1k req", "status"},
              "Closed-loop sweep: the numbers behind \"throughput by connection count\".");
  std::set<int> percents, connections;
  std::vector<std::pair<const Measurement*, std::map<int, double>>> sweep_medians;
  for (const auto* life : servers) {
    std::map<int, double> points;
    for (const auto* m : rows_of(doc, workload, life->language, life->variant, mode)) {
      const auto f = phase_figures(*m);
      if (!f) continue;
      if (f->open_loop) {
        if (m->status == "ok" && f->latency.count() > 0) percents.insert(f->percent);
        continue;
      }
      std::vector<std::string> row = {life->variant_id(), std::to_string(f->connections), "-", "-", "-",
                                      errors_text(f->errors), mb(static_cast<double>(f->rss_peak_kb)),
                                      cpu_ms_per_1k(*f), m->status};
      if (m->status == "ok" && !m->samples.empty()) {
        const auto s = stats::summarize(metric("ops_per_s").series(*m));
        row[2] = plain(s.median);
        row[3] = plain(s.median_ci.interval.low);
        row[4] = plain(s.median_ci.interval.high);
        points[f->connections] = s.median;
        connections.insert(f->connections);
      }
      sweep.add(row, m->status == "ok" ? "" : "bad");
    }
    sweep_medians.emplace_back(life, points);
  }
  json connection_labels = json::array(), sweep_sets = json::array();
  for (int c : connections) connection_labels.push_back(std::to_string(c));
  for (const auto& [life, points] : sweep_medians) {
    json ys = json::array();
    for (int c : connections) ys.push_back(points.contains(c) ? json(points.at(c)) : json(nullptr));
    sweep_sets.push_back({{"label", life->variant_id()},
                          {"color", palette.color(life->language, life->variant_id())},
                          {"unit", "req/s"},
                          {"data", ys}});
  }

  if (!labels.empty()) {
    page.begin_pair();
    page.chart({{"type", "bar"},
                {"legend", false},
                {"labels", labels},
                {"x", number_axis("requests per second")},
                {"y", category_axis("server")},
                {"datasets",
                 {{{"label", "95% CI of the median"}, {"role", "ci"}, {"unit", "req/s"}, {"data", intervals}},
                  {{"label", "max req/s"}, {"overlay", true}, {"unit", "req/s"}, {"colors", colors},
                   {"data", medians}}}}},
               std::max(170, 80 + 40 * static_cast<int>(labels.size())), workload + " " + mode + ": maximum throughput",
               "higher is better; closed loop, each server at its best connection count; bar = median of the "
               "100 ms throughput samples, dark whisker = 95% CI");
    page.chart({{"type", "line"},
                {"legend", true},
                {"labels", connection_labels},
                {"x", category_axis("concurrent connections")},
                {"y", number_axis("requests per second")},
                {"datasets", sweep_sets}},
               std::max(280, 140 + 40 * static_cast<int>(labels.size())),
               workload + " " + mode + ": throughput by connection count",
               "higher is better; closed loop: each connection sends its next request when the last response arrived; "
               "median of the 100 ms samples");
    page.end_pair();
  }
  write_table(out, max_table);
  for (const auto& c : max_comparisons(doc, workload, mode, page.threshold()))
    out << "<p>Rust / Go max req/s, " << esc(c.basis) << " (" << esc(c.rust->variant) << " vs " << esc(c.go->variant)
        << "): " << esc(ratio_text(c.cmp.ratio.ratio, c.cmp.ratio.ci)) << ", Mann-Whitney U "
        << esc(p_value_text(c.cmp.test.p_value)) << ": <strong>" << esc(c.verdict) << "</strong></p>\n";
  write_table(out, sweep);

  // Latency at fixed load: one chart per open-loop percentage of each server's maximum.
  if (!percents.empty()) {
    Table latency({"server", "load", "target req/s", "achieved req/s", "p50 ms", "p75 ms", "p90 ms", "p95 ms",
                   "p99 ms", "p99.9 ms", "max ms", "requests", "errors", "RSS MB peak", "CPU ms / 1k req"},
                  "Open-loop phases: the numbers behind the latency curves.");
    json percentile_labels = json::array();
    for (const auto& p : kPercentiles) percentile_labels.push_back(p.label);
    page.begin_pair();
    for (int percent : percents) {
      json sets = json::array();
      for (const auto* life : servers) {
        for (const auto* m : rows_of(doc, workload, life->language, life->variant, mode)) {
          const auto f = phase_figures(*m);
          if (!f || !f->open_loop || f->percent != percent || m->status != "ok" || f->latency.count() == 0) continue;
          json ys = json::array();
          std::vector<std::string> row = {life->variant_id(), f->phase, plain(f->target_rate), plain(f->achieved_rate)};
          for (const auto& p : kPercentiles) {
            const double ms = static_cast<double>(f->latency.percentile_ns(p.q)) / 1e6;
            ys.push_back(log_value(ms));
            row.push_back(fixed(ms, 3));
          }
          row.push_back(fixed(static_cast<double>(f->latency.max_ns()) / 1e6, 3));
          row.push_back(std::to_string(f->latency.count()));
          row.push_back(errors_text(f->errors));
          row.push_back(mb(static_cast<double>(f->rss_peak_kb)));
          row.push_back(cpu_ms_per_1k(*f));
          latency.add(row);
          sets.push_back({{"label", life->variant_id()},
                          {"color", palette.color(life->language, life->variant_id())},
                          {"unit", "ms"},
                          {"data", ys}});
        }
      }
      page.chart({{"type", "line"},
                  {"legend", true},
                  {"labels", percentile_labels},
                  {"x", category_axis("percentile of request latency")},
                  {"y", number_axis("latency, ms (log scale)", true)},
                  {"datasets", sets}},
                 340, workload + " " + mode + ": latency at " + std::to_string(percent) + "% of each server's maximum",
                 "lower is better; open loop (constant rate), measured from each request's intended send time, so "
                 "queueing delay counts; every request of every round in one histogram");
    }
    page.end_pair();
    write_table(out, latency);
  }

  if (!labels.empty()) {
    const int height = std::max(150, 80 + 34 * static_cast<int>(labels.size()));
    page.begin_pair();
    page.chart({{"type", "bar"},
                {"legend", false},
                {"labels", labels},
                {"x", number_axis("server peak RSS, MB")},
                {"y", category_axis("server")},
                {"datasets", {{{"label", "peak RSS"}, {"unit", "MB"}, {"colors", colors}, {"data", rss_values}}}}},
               height, workload + " " + mode + ": server RSS at maximum throughput",
               "lower is better; highest VmRSS sampled during the best closed-loop window (table: RSS MB peak)");
    page.chart({{"type", "bar"},
                {"legend", false},
                {"labels", labels},
                {"x", number_axis("server CPU per 1,000 requests, ms")},
                {"y", category_axis("server")},
                {"datasets",
                 {{{"label", "CPU per 1k requests"}, {"unit", "ms"}, {"colors", colors}, {"data", cpu_values}}}}},
               height, workload + " " + mode + ": server CPU per 1,000 requests at maximum throughput",
               "lower is better; user + system CPU of the server over the window, per 1,000 completed requests "
               "(table: CPU ms / 1k req)");
    page.end_pair();
  }
  out << "</section>\n";
}

}  // namespace

void write_http_section(Page& page, const std::string& workload) {
  const auto servers = servers_of(page.doc(), workload);
  if (servers.empty()) return;
  auto& out = page.out();
  const auto plan = page.doc().plan.value("server", json::object());
  if (!plan.empty())
    out << "<p class=\"muted\">Load: closed loop at " << esc(plan.value("connections", json::array()).dump())
        << " connections, open loop at " << esc(plan.value("open_percents", json::array()).dump())
        << " % of each server's maximum; " << esc(plan.value("window_ms", json(0)).dump()) << " ms windows after "
        << esc(plan.value("warmup_ms", json(0)).dump()) << " ms warm-up, " << esc(plan.value("rounds", json(0)).dump())
        << " round(s) of server restarts; server CPUs "
        << esc(page.doc().plan.value("variant_cpus", json::array()).dump()) << ", load generator CPUs "
        << esc(page.doc().plan.value("loadgen_cpus", json::array()).dump()) << ".</p>\n";
  write_startup(page, servers);
  for (const auto& mode : modes_of(page.doc(), workload)) write_mode(page, workload, mode, servers);
}

}  // namespace xlb::html
