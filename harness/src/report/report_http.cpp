#include "report/report_http.hpp"

#include <algorithm>
#include <functional>
#include <vector>

#include "analysis/analysis.hpp"
#include "core/format.hpp"
#include "analysis/http_summary.hpp"
#include "model/metrics.hpp"
#include "report/report_common.hpp"
#include "model/server_rows.hpp"

namespace xlb {
namespace {

using nlohmann::json;

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct Section {
  std::string title;
  Table table;
  std::vector<std::string> notes;  // ratio lines under the table
};

std::string mb(double kb) { return kb > 0 ? fixed(kb / 1024.0, 1) : "-"; }

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

std::string cpu_text(const PhaseFigures& f) { return f.cpu_s_per_1k ? fixed(*f.cpu_s_per_1k * 1000.0, 1) : "-"; }

// Servers in the order their lifecycle rows were written.
std::vector<const Measurement*> servers_of(const ResultsDoc& doc, const std::string& workload) {
  std::vector<const Measurement*> servers;
  for (const auto& m : doc.measurements)
    if (m.workload == workload && is_lifecycle_row(m)) servers.push_back(&m);
  return servers;
}

std::vector<std::string> modes_of(const ResultsDoc& doc, const std::string& workload) {
  std::vector<std::string> modes;
  for (const auto& m : doc.measurements)
    if (m.workload == workload && !is_lifecycle_row(m) && std::find(modes.begin(), modes.end(), m.mode) == modes.end())
      modes.push_back(m.mode);
  return modes;
}

// ok, or the first problem among the rows of a server's endpoint (or of its start-up).
std::pair<std::string, std::string> status_of(const std::vector<const Measurement*>& rows, const Measurement& life) {
  for (const auto* m : rows)
    if (m->status != "ok") return {m->status, m->reason};
  if (rows.empty()) return {life.status == "ok" ? "-" : "not measured", life.status == "ok" ? "" : life.reason};
  return {"ok", ""};
}

Section startup_section(const ResultsDoc& doc, const std::string& workload, double threshold) {
  Section s{"start-up (spawn -> first successful response; idle RSS right after it)",
            {{"server", "cold start ms [95% CI]", "ready line ms", "idle RSS MB", "threads", "status"}, {}},
            {}};
  for (const auto* life : servers_of(doc, workload)) {
    const auto f = lifecycle_figures(*life);
    std::string cold = "-", ready = "-", idle = "-";
    if (!f.cold_start_ms.empty()) {
      const auto sum = stats::summarize(f.cold_start_ms);
      cold = with_interval(sum.median, sum.median_ci.interval);
      ready = fixed(stats::median(f.ready_ms), 1);
      idle = mb(stats::median(f.idle_rss_kb));
    }
    s.table.rows.push_back({life->variant_id(), cold, ready, idle,
                            f.threads_reported ? std::to_string(*f.threads_reported) : "-",
                            life->status == "ok" ? "ok" : life->status + ": " + life->reason});
  }
  for (const auto& c : compare_languages(doc, threshold))
    if (c.workload == workload && c.mode == kLifecycleMode && c.input == kLifecycleInput)
      s.notes.push_back("Rust/Go cold start " + c.basis + " (" + c.rust->variant + " vs " + c.go->variant +
                        ", speed = Go time / Rust time): " + ratio_text(c.cmp.ratio.ratio, c.cmp.ratio.ci) + " " +
                        p_value_text(c.cmp.test.p_value) + " -> " + c.verdict);
  return s;
}

std::string list_text(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

Section max_section(const ResultsDoc& doc, const std::string& workload, const std::string& mode, double threshold) {
  Section s{mode + ": maximum throughput (closed loop, best connection count)",
            {{"server", "max req/s [95% CI]", "at", "CV", "errors", "RSS MB peak / mean", "CPU ms / 1k req", "server CPU busy",
              "status"},
             {}},
            {}};
  // Below this share of its threads' CPU time a server was not what limited the rate.
  constexpr double kSaturatedShare = 0.9;
  const int threads = std::max(1, doc.plan.value("threads", 1));
  std::vector<std::string> not_saturated;
  for (const auto* life : servers_of(doc, workload)) {
    const auto rows = rows_of(doc, workload, life->language, life->variant, mode);
    const auto [status, reason] = status_of(rows, *life);
    std::vector<std::string> row = {life->variant_id(), "-", "-", "-", "-", "-", "-", "-",
                                    status == "ok" || status == "-" ? status : status + ": " + reason};
    if (const auto* best = best_closed_row(doc, workload, life->language, life->variant, mode)) {
      const auto sum = stats::summarize(metric("ops_per_s").series(*best));
      const auto f = *phase_figures(*best);
      row[1] = with_interval(sum.median, sum.median_ci.interval);
      row[2] = f.phase;
      row[3] = fixed(sum.cv * 100, 1) + "%";
      row[4] = errors_text(f.errors);
      row[5] = mb(static_cast<double>(f.rss_peak_kb)) + " / " + mb(f.rss_mean_kb);
      row[6] = cpu_text(f);
      row[7] = fixed(f.cpu_utilization * 100, 0) + "%";
      if (f.cpu_utilization < kSaturatedShare * threads) not_saturated.push_back(life->variant_id());
    }
    s.table.rows.push_back(row);
  }
  if (!not_saturated.empty())
    s.notes.push_back("server CPU busy under " + fixed(kSaturatedShare * 100, 0) + "% of its " + std::to_string(threads) +
                      " thread(s) at the maximum for " + list_text(not_saturated) +
                      ": something else (the load generator, a database, the machine) set that maximum");
  else if (!s.table.rows.empty())
    s.notes.push_back("every server's CPU was at least " + fixed(kSaturatedShare * 100, 0) +
                      "% busy at its maximum: the servers, not the load generator, set it");
  for (const auto& c : max_comparisons(doc, workload, mode, threshold))
    s.notes.push_back("Rust/Go max req/s " + c.basis + " (" + c.rust->variant + " " + c.rust->input + " vs " +
                      c.go->variant + " " + c.go->input + "): " + ratio_text(c.cmp.ratio.ratio, c.cmp.ratio.ci) + " " +
                      p_value_text(c.cmp.test.p_value) + " -> " + c.verdict);
  return s;
}

Section open_section(const ResultsDoc& doc, const std::string& workload, const std::string& mode) {
  Section s{mode + ": latency at fixed load (open loop, from each request's intended send time)",
            {{"server", "load", "target req/s", "achieved req/s", "p50", "p90", "p99", "p99.9", "max", "errors",
              "RSS MB peak / mean", "CPU ms / 1k req"},
             {}},
            {}};
  for (const auto* life : servers_of(doc, workload)) {
    for (const auto* m : rows_of(doc, workload, life->language, life->variant, mode)) {
      const auto f = phase_figures(*m);
      if (!f || !f->open_loop || m->status != "ok") continue;
      const auto& h = f->latency;
      auto pct = [&](double q) { return h.count() ? latency_text(static_cast<double>(h.percentile_ns(q))) : "-"; };
      s.table.rows.push_back({life->variant_id(), f->phase, human(f->target_rate), human(f->achieved_rate), pct(0.50),
                              pct(0.90), pct(0.99), pct(0.999), h.count() ? latency_text(static_cast<double>(h.max_ns())) : "-",
                              errors_text(f->errors), mb(static_cast<double>(f->rss_peak_kb)) + " / " + mb(f->rss_mean_kb),
                              cpu_text(*f)});
    }
  }
  return s;
}

// Workloads with a database (sql-api): where it ran, what it cost per request, and p95.
Section database_section(const ResultsDoc& doc, const std::string& workload, const std::string& mode) {
  Section s{mode + ": the database's share (PostgreSQL processes' CPU over the same windows) and p95",
            {{"server", "load", "achieved req/s", "p95", "server CPU ms / 1k req", "DB CPU ms / 1k req",
              "DB CPU utilization"},
             {}},
            {}};
  for (const auto* life : servers_of(doc, workload))
    for (const auto* m : rows_of(doc, workload, life->language, life->variant, mode)) {
      const auto f = phase_figures(*m);
      if (!f || !f->db_cpu_s_per_1k || m->status != "ok") continue;
      const auto& h = f->latency;
      s.table.rows.push_back({life->variant_id(), f->phase, human(f->achieved_rate),
                              h.count() ? latency_text(static_cast<double>(h.percentile_ns(0.95))) : "-", cpu_text(*f),
                              fixed(*f->db_cpu_s_per_1k * 1000.0, 1), fixed(f->db_cpu_utilization * 100, 0) + "%"});
    }
  const auto db = doc.plan.value("workloads", json::object()).value(workload, json::object()).value("database", json());
  if (db.is_object())
    s.notes.push_back(db.value("version", "PostgreSQL") + " on CPUs " + db.value("cpus", json::array()).dump() +
                      " (load generator CPUs " + doc.plan.value("loadgen_cpus", json::array()).dump() +
                      "): the database shares its core(s) with the load generator; settings " +
                      db.value("settings", json::object()).dump());
  return s;
}

// Rust/Go at each closed-loop connection count, from the shared analysis.
Section sweep_section(const ResultsDoc& doc, const std::string& workload, const std::string& mode, double threshold) {
  Section s{mode + ": Rust / Go req/s at each connection count", {{"phase", "basis", "pair", "ratio [95% CI]", "Mann-Whitney U", "verdict"}, {}}, {}};
  for (const auto& c : compare_languages(doc, threshold)) {
    if (c.workload != workload || c.mode != mode || !c.rust->load.is_object() ||
        c.rust->load.value("loop", "") != "closed")
      continue;
    s.table.rows.push_back({c.input, c.basis, c.rust->variant + " vs " + c.go->variant,
                            ratio_text(c.cmp.ratio.ratio, c.cmp.ratio.ci), p_value_text(c.cmp.test.p_value), c.verdict});
  }
  return s;
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
         doc.plan.value("loadgen_cpus", json::array()).dump();
}

std::vector<Section> sections(const ResultsDoc& doc, const std::string& workload, double threshold, bool detailed) {
  std::vector<Section> out;
  if (servers_of(doc, workload).empty()) return out;
  out.push_back(startup_section(doc, workload, threshold));
  for (const auto& mode : modes_of(doc, workload)) {
    out.push_back(max_section(doc, workload, mode, threshold));
    auto open = open_section(doc, workload, mode);
    if (!open.table.rows.empty()) out.push_back(std::move(open));
    if (auto db = database_section(doc, workload, mode); !db.table.rows.empty()) out.push_back(std::move(db));
    if (detailed) {
      auto sweep = sweep_section(doc, workload, mode, threshold);
      if (!sweep.table.rows.empty()) out.push_back(std::move(sweep));
    }
  }
  return out;
}

size_t width_of(const std::string& s) {
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  return chars;
}

void write_console_table(const Table& t, std::ostream& out) {
  std::vector<size_t> widths(t.header.size(), 0);
  auto widen = [&](const std::vector<std::string>& row) {
    // The last column (status) may be long: it does not set a width.
    for (size_t i = 0; i + 1 < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], width_of(row[i]));
  };
  widen(t.header);
  for (const auto& r : t.rows) widen(r);
  auto line = [&](const std::vector<std::string>& row) {
    out << "  ";
    for (size_t i = 0; i < row.size(); ++i) {
      out << row[i];
      if (i + 1 < row.size()) out << std::string(widths[i] - width_of(row[i]) + 2, ' ');
    }
    out << "\n";
  };
  line(t.header);
  for (const auto& r : t.rows) line(r);
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

void write_markdown_table(const Table& t, std::ostream& out) {
  out << "|";
  for (const auto& h : t.header) out << " " << md_cell(h) << " |";
  out << "\n|";
  for (size_t i = 0; i < t.header.size(); ++i) out << "---|";
  out << "\n";
  for (const auto& r : t.rows) {
    out << "|";
    for (const auto& c : r) out << " " << md_cell(c) << " |";
    out << "\n";
  }
}

}  // namespace


void write_http_console(const ResultsDoc& doc, const std::string& workload, double threshold, std::ostream& out) {
  out << "\n" << workload << " (servers under load: " << plan_text(doc) << ")\n";
  for (const auto& s : sections(doc, workload, threshold, false)) {
    out << "\n " << s.title << "\n";
    write_console_table(s.table, out);
    for (const auto& note : s.notes) out << "  " << note << "\n";
  }
}

void write_http_markdown(const ResultsDoc& doc, const std::string& workload, double threshold, std::ostream& out) {
  const auto plan = plan_text(doc);
  if (!plan.empty()) out << "Load: " << plan << ".\n\n";
  for (const auto& s : sections(doc, workload, threshold, true)) {
    out << "### " << s.title << "\n\n";
    write_markdown_table(s.table, out);
    if (!s.notes.empty()) out << "\n";
    for (const auto& note : s.notes) out << "- " << md_cell(note) << "\n";
    out << "\n";
  }
  out << "Max req/s is the median of " << doc.plan.value("server", json::object()).value("interval_ms", json(0)).dump()
      << " ms throughput samples of each server's best closed-loop phase, with a distribution-free 95% interval; "
         "latency percentiles come from every request of the open-loop windows (HDR-style histogram, about 1% "
         "resolution), measured from each request's intended send time. RSS is the server's VmRSS sampled during "
         "the windows; CPU is its utime + stime per 1,000 completed requests.\n\n";
}

}  // namespace xlb
