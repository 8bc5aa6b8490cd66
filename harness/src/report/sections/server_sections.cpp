// Server workloads (kind server: http, sql-api): start-up (cold start, idle
// RSS), then per endpoint (mode) the maximum req/s of each server with its 95%
// CI, req/s against the closed-loop connection count, latency percentiles at
// each open-loop load from the intended send time, the server's RSS and CPU
// per 1,000 requests, and the database's share. Figures: analysis/http_summary.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "analysis/http_summary.hpp"
#include "core/format.hpp"
#include "model/metrics.hpp"
#include "kinds/server/server_rows.hpp"
#include "report/model/chart_spec.hpp"
#include "report/sections/cell_text.hpp"
#include "report/sections/kind_sections.hpp"

namespace xlb::report {
namespace {

struct Percentile {
  double q;
  const char* label;
};
constexpr std::array<Percentile, 6> kPercentiles{
    {{0.50, "p50"}, {0.75, "p75"}, {0.90, "p90"}, {0.95, "p95"}, {0.99, "p99"}, {0.999, "p99.9"}}};

// Below this share of its threads' CPU time a server was not what limited the rate.
constexpr double kSaturatedShare = 0.9;

std::string mb(double kb) { return kb > 0 ? fixed(kb / 1024.0, 1) : "-"; }
std::string cpu_text(const PhaseFigures& f) { return f.cpu_s_per_1k ? fixed(*f.cpu_s_per_1k * 1000.0, 1) : "-"; }

std::string errors_text(const LoadErrors& e) {
  if (e.total() == 0) return "0";
  std::string parts;
  auto add = [&](std::uint64_t n, const char* what) {
    if (n) parts += (parts.empty() ? "" : ", ") + std::string(what) + " " + std::to_string(n);
  };
  add(e.connect, "connect");
  add(e.read, "read");
  add(e.write, "write");
  add(e.timeout, "timeout");
  add(e.status, "status");
  add(e.body, "body");
  add(e.parse, "parse");
  return std::to_string(e.total()) + " (" + parts + ")";
}


// Both sides' thread counts, and where the servers ran when not here (runs before these fields: nothing).
std::string threads_text(const ResultsDoc& doc) {
  const auto loadgen_cpus = doc.plan.value("loadgen_cpus", json::array());
  std::string text = "; load generator threads " + std::to_string(std::max<std::size_t>(1, loadgen_cpus.size()));
  if (const auto host = doc.plan.value("client_host", json("")); host.is_string() && !host.get<std::string>().empty()) {
    const auto n = doc.plan.value("client_threads", json(0));
    text = "; load generator on " + host.get<std::string>() + " (--client-host), threads " +
           (n.is_number_integer() && n.get<int>() > 0 ? n.dump() : std::string("one per CPU of that host"));
  }
  if (const auto n = doc.plan.value("server_threads", json(0)); n.is_number_integer() && n.get<int>() > 0)
    text += ", server threads " + n.dump() + " (--server-threads)";
  if (const auto host = doc.plan.value("server_host", json("")); host.is_string() && !host.get<std::string>().empty())
    text += "; servers on " + host.get<std::string>() + " (multi-host: server CPUs are that host's)";
  if (const auto host = doc.plan.value("database_host", json("")); host.is_string() && !host.get<std::string>().empty())
    text += "; database on " + host.get<std::string>() + " (--database-host)";
  return text;
}

std::string plan_text(const ResultsDoc& doc) {
  const auto server = doc.plan.value("server", json::object());
  if (server.empty()) return "";
  std::string conns, pcts;
  for (const auto& c : server.value("connections", json::array())) conns += (conns.empty() ? "" : "/") + c.dump();
  for (const auto& p : server.value("open_percents", json::array())) pcts += (pcts.empty() ? "" : "/") + p.dump();
  return "closed loop at " + conns + " connections, open loop at " + pcts + "% of each server's maximum; " +
         server.value("window_ms", json(0)).dump() + " ms windows after " + server.value("warmup_ms", json(0)).dump() +
         " ms warm-up, " + server.value("rounds", json(0)).dump() + " round(s) of server restarts; server CPUs " +
         doc.plan.value("variant_cpus", json::array()).dump() + ", load generator CPUs " +
         doc.plan.value("loadgen_cpus", json::array()).dump() + threads_text(doc);
}

Section startup_section(const ReportContext& ctx, const std::string& workload,
                        const std::vector<const Measurement*>& servers) {
  Section s{"cell-" + workload + "-startup", "start-up (spawn -> first successful response; idle RSS right after it)",
            "server", {}, {}};
  Table t("", {"server", "cold start ms [95% CI]", "ready line ms", "idle RSS MB", "threads", "status"});
  for (const auto* life : servers) {
    const auto f = lifecycle_figures(*life);
    std::string cold = "-", ready = "-", idle = "-";
    if (!f.cold_start_ms.empty()) {
      const auto sum = stats::summarize(f.cold_start_ms);
      cold = with_interval(sum.median, sum.median_ci.interval);
      ready = fixed(stats::median(f.ready_ms), 1);
      idle = mb(stats::median(f.idle_rss_kb));
    }
    t.add({life->variant_id(), cold, ready, idle, f.threads_reported ? std::to_string(*f.threads_reported) : "-",
           life->status == "ok" ? "ok" : life->status + ": " + life->reason},
          life->status == "ok" ? "" : "bad");
  }
  for (const auto& c : ctx.comparisons)
    if (c.workload == workload && c.mode == kLifecycleMode && c.input == kLifecycleInput)
      t.notes.push_back("Rust/Go cold start " + c.basis + " (" + c.rust->variant + " vs " + c.go->variant +
                        ", speed = Go time / Rust time): " + ratio_text(c.cmp.ratio.ratio, c.cmp.ratio.ci) + " " +
                        p_value_text(c.cmp.test.p_value) + " -> " + c.verdict);
  s.table(std::move(t));
  return s;
}

// ok, or the first problem among a server's rows of an endpoint (or of its start-up).
std::string status_of(const std::vector<const Measurement*>& rows, const Measurement& life) {
  for (const auto* m : rows)
    if (m->status != "ok") return m->status + " (" + m->input + "): " + m->reason;
  if (rows.empty()) return life.status == "ok" ? "-" : "not measured: " + life.reason;
  return "ok";
}

class EndpointBuilder {
 public:
  EndpointBuilder(const ReportContext& ctx, const std::string& workload, const std::string& mode,
                  const std::vector<const Measurement*>& servers)
      : ctx_(ctx), doc_(ctx.doc), workload_(workload), mode_(mode), servers_(servers) {}

  Section build() {
    Section s{"cell-" + workload_ + "-" + mode_, "endpoint " + mode_, "server", {}, {}};
    auto max_table = maximum();
    auto sweep_table = sweep();
    if (!labels_.empty()) s.charts({max_chart(), sweep_chart()});
    s.table(std::move(max_table));
    s.table(std::move(sweep_table));
    if (auto ratios = sweep_ratios(); !ratios.rows.empty()) s.table(std::move(ratios));
    if (!percents_.empty()) {
      std::vector<Chart> charts;
      auto latency_table = latency(charts);
      s.charts(std::move(charts));
      s.table(std::move(latency_table));
    }
    if (!labels_.empty()) s.charts(footprint_charts());
    if (auto db = database(); !db.rows.empty()) s.table(std::move(db));
    return s;
  }

 private:
  Table maximum() {
    Table t("maximum throughput (closed loop, best connection count)",
            {"server", "max req/s [95% CI]", "at", "CV", "errors", "RSS MB peak / mean", "CPU ms / 1k req",
             "server CPU busy", "status"});
    const int threads = std::max(1, doc_.plan.value("threads", 1));
    std::vector<std::string> not_saturated;
    for (const auto* life : servers_) {
      const auto rows = rows_of(doc_, workload_, life->language, life->variant, mode_);
      const auto status = status_of(rows, *life);
      const auto* best = best_closed_row(doc_, workload_, life->language, life->variant, mode_);
      if (!best) {
        t.add({life->variant_id(), "-", "-", "-", "-", "-", "-", "-", status}, "bad");
        continue;
      }
      const auto sum = stats::summarize(metric("ops_per_s").series(*best));
      const auto f = *phase_figures(*best);
      t.add({life->variant_id(), with_interval(sum.median, sum.median_ci.interval), f.phase,
             fixed(sum.cv * 100, 1) + "%", errors_text(f.errors),
             mb(static_cast<double>(f.rss_peak_kb)) + " / " + mb(f.rss_mean_kb), cpu_text(f),
             fixed(f.cpu_utilization * 100, 0) + "%", status},
            status == "ok" ? "" : "bad");
      if (f.cpu_utilization < kSaturatedShare * threads) not_saturated.push_back(life->variant_id());
      labels_.push_back(life->variant_id());
      medians_.push_back(sum.median);
      intervals_.push_back({sum.median_ci.interval.low, sum.median_ci.interval.high});
      colors_.push_back(language_color(life->language));
      rss_.push_back(f.rss_peak_kb > 0 ? json(f.rss_peak_kb / 1024.0) : json(nullptr));
      cpu_.push_back(f.cpu_s_per_1k ? json(*f.cpu_s_per_1k * 1000.0) : json(nullptr));
    }
    if (!not_saturated.empty())
      t.notes.push_back("server CPU busy under " + fixed(kSaturatedShare * 100, 0) + "% of its " +
                        std::to_string(threads) + " thread(s) at the maximum for " + list_text(not_saturated) +
                        ": something else (the load generator, a database, the machine) set that maximum");
    else if (!t.rows.empty())
      t.notes.push_back("every server's CPU was at least " + fixed(kSaturatedShare * 100, 0) +
                        "% busy at its maximum: the servers, not the load generator, set it");
    for (const auto& c : max_comparisons(doc_, workload_, mode_, ctx_.threshold))
      t.notes.push_back("Rust/Go max req/s " + c.basis + " (" + c.rust->variant + " " + c.rust->input + " vs " +
                        c.go->variant + " " + c.go->input + "): " + ratio_text(c.cmp.ratio.ratio, c.cmp.ratio.ci) +
                        " " + p_value_text(c.cmp.test.p_value) + " -> " + c.verdict);
    return t;
  }

  // Closed-loop sweep: req/s per connection count; also notes which open-loop loads ran.
  Table sweep() {
    Table t("closed-loop sweep (numbers behind \"throughput by connection count\")",
            {"server", "connections", "req/s median [95% CI]", "errors", "RSS MB peak", "CPU ms / 1k req", "status"});
    t.detail = true;
    for (const auto* life : servers_) {
      std::map<int, double> points;
      for (const auto* m : rows_of(doc_, workload_, life->language, life->variant, mode_)) {
        const auto f = phase_figures(*m);
        if (!f) continue;
        if (f->open_loop) {
          if (m->status == "ok" && f->latency.count() > 0) percents_.insert(f->percent);
          continue;
        }
        std::string median = "-";
        if (m->status == "ok" && !m->samples.empty()) {
          const auto sum = stats::summarize(metric("ops_per_s").series(*m));
          median = with_interval(sum.median, sum.median_ci.interval);
          points[f->connections] = sum.median;
          connections_.insert(f->connections);
        }
        t.add({life->variant_id(), std::to_string(f->connections), median, errors_text(f->errors),
               mb(static_cast<double>(f->rss_peak_kb)), cpu_text(*f), m->status},
              m->status == "ok" ? "" : "bad");
      }
      sweep_points_.emplace_back(life, points);
    }
    return t;
  }

  Table sweep_ratios() const {
    Table t("Rust / Go req/s at each connection count", {"phase", "basis", "pair", "ratio [95% CI]", "Mann-Whitney U", "verdict"});
    t.detail = true;
    for (const auto& c : ctx_.comparisons) {
      if (c.workload != workload_ || c.mode != mode_) continue;
      if (const auto phase = phase_figures(*c.rust); !phase || phase->open_loop) continue;
      t.add({c.input, c.basis, c.rust->variant + " vs " + c.go->variant, ratio_text(c.cmp.ratio.ratio, c.cmp.ratio.ci),
             p_value_text(c.cmp.test.p_value), c.verdict});
    }
    return t;
  }

  Chart max_chart() const {
    return {{{"type", "bar"},
             {"legend", false},
             {"labels", labels_},
             {"x", number_axis("requests per second")},
             {"y", category_axis("server")},
             {"datasets",
              {{{"label", "95% CI of the median"}, {"role", "ci"}, {"unit", "req/s"}, {"data", intervals_}},
               {{"label", "max req/s"}, {"overlay", true}, {"unit", "req/s"}, {"colors", colors_}, {"data", medians_}}}}},
            std::max(170, 80 + 40 * static_cast<int>(labels_.size())), workload_ + " " + mode_ + ": maximum throughput",
            "higher is better; closed loop, each server at its best connection count; bar = median of the 100 ms "
            "throughput samples, dark whisker = 95% CI"};
  }

  Chart sweep_chart() {
    json connection_labels = json::array(), sets = json::array();
    for (int c : connections_) connection_labels.push_back(std::to_string(c));
    for (const auto& [life, points] : sweep_points_) {
      json ys = json::array();
      for (int c : connections_) ys.push_back(points.contains(c) ? json(points.at(c)) : json(nullptr));
      sets.push_back({{"label", life->variant_id()},
                      {"color", palette_.color(life->language, life->variant_id())},
                      {"unit", "req/s"},
                      {"data", ys}});
    }
    return {{{"type", "line"},
             {"legend", true},
             {"labels", connection_labels},
             {"x", category_axis("concurrent connections")},
             {"y", number_axis("requests per second")},
             {"datasets", sets}},
            std::max(280, 140 + 40 * static_cast<int>(labels_.size())),
            workload_ + " " + mode_ + ": throughput by connection count",
            "higher is better; closed loop: each connection sends its next request when the last response arrived; "
            "median of the 100 ms samples"};
  }

  // One latency chart per open-loop percentage of each server's maximum, one table for all.
  Table latency(std::vector<Chart>& charts) {
    Table t("latency at fixed load (open loop, from each request's intended send time)",
            {"server", "load", "target req/s", "achieved req/s", "p50", "p75", "p90", "p95", "p99", "p99.9", "max",
             "requests", "errors", "RSS MB peak / mean", "CPU ms / 1k req"});
    json percentile_labels = json::array();
    for (const auto& p : kPercentiles) percentile_labels.push_back(p.label);
    for (int percent : percents_) {
      json sets = json::array();
      for (const auto* life : servers_) {
        for (const auto* m : rows_of(doc_, workload_, life->language, life->variant, mode_)) {
          const auto f = phase_figures(*m);
          if (!f || !f->open_loop || f->percent != percent || m->status != "ok" || f->latency.count() == 0) continue;
          json ys = json::array();
          std::vector<std::string> row = {life->variant_id(), f->phase, human(f->target_rate), human(f->achieved_rate)};
          for (const auto& p : kPercentiles) {
            const double ns = static_cast<double>(f->latency.percentile_ns(p.q));
            ys.push_back(log_value(ns / 1e6));
            row.push_back(latency_text(ns));
          }
          row.push_back(latency_text(static_cast<double>(f->latency.max_ns())));
          row.push_back(std::to_string(f->latency.count()));
          row.push_back(errors_text(f->errors));
          row.push_back(mb(static_cast<double>(f->rss_peak_kb)) + " / " + mb(f->rss_mean_kb));
          row.push_back(cpu_text(*f));
          t.add(std::move(row));
          sets.push_back({{"label", life->variant_id()},
                          {"color", palette_.color(life->language, life->variant_id())},
                          {"unit", "ms"},
                          {"data", ys}});
        }
      }
      charts.push_back({{{"type", "line"},
                         {"legend", true},
                         {"labels", percentile_labels},
                         {"x", category_axis("percentile of request latency")},
                         {"y", number_axis("latency, ms (log scale)", true)},
                         {"datasets", sets}},
                        340, workload_ + " " + mode_ + ": latency at " + std::to_string(percent) + "% of each server's maximum",
                        "lower is better; open loop (constant rate), measured from each request's intended send time, "
                        "so queueing delay counts; every request of every round in one histogram"});
    }
    return t;
  }

  std::vector<Chart> footprint_charts() const {
    const int height = std::max(150, 80 + 34 * static_cast<int>(labels_.size()));
    auto bar = [&](const std::string& axis, const std::string& label, const std::string& unit, const json& data) {
      return json{{"type", "bar"},
                  {"legend", false},
                  {"labels", labels_},
                  {"x", number_axis(axis)},
                  {"y", category_axis("server")},
                  {"datasets", {{{"label", label}, {"unit", unit}, {"colors", colors_}, {"data", data}}}}};
    };
    return {{bar("server peak RSS, MB", "peak RSS", "MB", rss_), height,
             workload_ + " " + mode_ + ": server RSS at maximum throughput",
             "lower is better; highest VmRSS sampled during the best closed-loop window (table: RSS MB peak)"},
            {bar("server CPU per 1,000 requests, ms", "CPU per 1k requests", "ms", cpu_), height,
             workload_ + " " + mode_ + ": server CPU per 1,000 requests at maximum throughput",
             "lower is better; user + system CPU of the server over the window, per 1,000 completed requests "
             "(table: CPU ms / 1k req)"}};
  }

  // Workloads with a database (sql-api): what it cost per request, and p95.
  Table database() const {
    Table t("the database's share (PostgreSQL processes' CPU over the same windows) and p95",
            {"server", "load", "achieved req/s", "p95", "server CPU ms / 1k req", "DB CPU ms / 1k req",
             "DB CPU utilization"});
    for (const auto* life : servers_)
      for (const auto* m : rows_of(doc_, workload_, life->language, life->variant, mode_)) {
        const auto f = phase_figures(*m);
        if (!f || !f->db_cpu_s_per_1k || m->status != "ok") continue;
        const auto& h = f->latency;
        t.add({life->variant_id(), f->phase, human(f->achieved_rate),
               h.count() ? latency_text(static_cast<double>(h.percentile_ns(0.95))) : "-", cpu_text(*f),
               fixed(*f->db_cpu_s_per_1k * 1000.0, 1), fixed(f->db_cpu_utilization * 100, 0) + "%"});
      }
    const auto db = doc_.plan.value("workloads", json::object()).value(workload_, json::object()).value("database", json());
    if (db.is_object() && !t.rows.empty()) {
      const std::string host = db.value("database_host", "");
      t.notes.push_back(db.value("version", "PostgreSQL") +
                        (host.empty() ? " on CPUs " + db.value("cpus", json::array()).dump() + " (load generator CPUs " +
                                            doc_.plan.value("loadgen_cpus", json::array()).dump() +
                                            "): the database shares its core(s) with the load generator"
                                      : " on the database host " + host + " (--database-host)") +
                        "; settings " + db.value("settings", json::object()).dump());
    }
    return t;
  }

  const ReportContext& ctx_;
  const ResultsDoc& doc_;
  const std::string& workload_;
  const std::string& mode_;
  const std::vector<const Measurement*>& servers_;
  VariantPalette palette_;
  json labels_ = json::array(), medians_ = json::array(), intervals_ = json::array(), colors_ = json::array(),
       rss_ = json::array(), cpu_ = json::array();
  std::set<int> percents_, connections_;
  std::vector<std::pair<const Measurement*, std::map<int, double>>> sweep_points_;
};

}  // namespace

void add_server_sections(const ReportContext& ctx, const std::string& workload, Section& into) {
  const auto servers = server_lifecycle_rows(ctx.doc, workload);
  if (servers.empty()) return;
  if (const auto plan = plan_text(ctx.doc); !plan.empty()) into.paragraph("Load: " + plan + ".", Tone::muted);
  into.children.push_back(startup_section(ctx, workload, servers));
  for (const auto& mode : server_row_modes(ctx.doc, workload))
    into.children.push_back(EndpointBuilder(ctx, workload, mode, servers).build());
  into.paragraph("Max req/s is the median of " +
                     ctx.doc.plan.value("server", json::object()).value("interval_ms", json(0)).dump() +
                     " ms throughput samples of each server's best closed-loop phase, with a distribution-free 95% "
                     "interval; latency percentiles come from every request of the open-loop windows (HDR-style "
                     "histogram, about 1% resolution), measured from each request's intended send time. RSS is the "
                     "server's VmRSS sampled during the windows; CPU is its utime + stime per 1,000 completed requests.",
                 Tone::muted);
}

}  // namespace xlb::report
