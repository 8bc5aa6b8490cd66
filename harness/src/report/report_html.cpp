// HTML reporter: report.html, one self-contained page (no network): summary,
// one section per workload with charts drawn by Chart.js (embedded inline from
// node_modules) and the numbers behind every chart, build cost, claims. The
// sections live in report_html_charts_<kind>.cpp; this file is the page around
// them. Without chart.js the page still has every table and says why charts are missing.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "analysis/analysis.hpp"
#include "core/format.hpp"
#include "report/report_build.hpp"
#include "report/report_common.hpp"
#include "report/report_html_assets.hpp"
#include "report/report_html_charts.hpp"

namespace xlb {
namespace {

std::string env_text(const nlohmann::json& env, const char* key) {
  if (!env.contains(key)) return "unknown";
  return env[key].is_string() ? env[key].get<std::string>() : env[key].dump();
}

// Seconds between two "YYYY-MM-DDTHH:MM:SS..." UTC stamps, or -1.
double seconds_between(const std::string& from, const std::string& to) {
  auto parse = [](const std::string& s, std::time_t& out) {
    std::tm tm{};
    if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec) != 6)
      return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    out = timegm(&tm);
    return true;
  };
  std::time_t a = 0, b = 0;
  if (!parse(from, a) || !parse(to, b)) return -1;
  return std::difftime(b, a);
}

std::string duration_text(double s) {
  if (s < 0) return "-";
  long t = std::lround(s);
  char buf[48];
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%ldh %02ldm %02lds", t / 3600, t / 60 % 60, t % 60);
  else if (t >= 60) std::snprintf(buf, sizeof buf, "%ldm %02lds", t / 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%lds", t);
  return buf;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Workloads in document order, with the kind of their first row.
std::vector<std::pair<std::string, std::string>> workloads_of(const ResultsDoc& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& m : doc.measurements)
    if (std::none_of(out.begin(), out.end(), [&](const auto& w) { return w.first == m.workload; }))
      out.emplace_back(m.workload, m.kind);
  return out;
}

bool has_tasks(const ResultsDoc& doc, const std::string& workload) {
  return std::any_of(doc.measurements.begin(), doc.measurements.end(),
                     [&](const Measurement& m) { return m.workload == workload && m.params.contains("tasks"); });
}

void write_summary(const ResultsDoc& doc, std::ostream& out) {
  const auto& env = doc.environment;
  const auto& plan = doc.plan;
  auto h = [](const std::string& s) { return html_escape(s); };
  const double secs = seconds_between(doc.started_at, doc.finished_at);
  out << "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"wrap\"><table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    out << "<tr><th>" << h(k) << "</th><td>" << h(v) << "</td></tr>\n";
  };
  row("status", doc.status);
  row("plan", plan.value("name", std::string("?")) + ": " + std::to_string(plan.value("rounds", 0)) +
                  " interleaved process runs x " + std::to_string(plan.value("samples_per_run", 0)) +
                  " samples of >= " + std::to_string(plan.value("min_sample_ms", 0)) + " ms, after >= " +
                  std::to_string(plan.value("warmup_ms", 0)) + " ms warm-up");
  std::string ran;
  for (const auto& [w, kind] : workloads_of(doc)) ran += (ran.empty() ? "" : ", ") + w + " (" + kind + ")";
  row("what ran", std::to_string(doc.measurements.size()) + " measurements: " + (ran.empty() ? "-" : ran));
  row("started / finished", doc.started_at + " / " + (doc.finished_at.empty() ? "-" : doc.finished_at));
  row("duration", duration_text(secs));
  row("CPU", env_text(env, "cpu_model") + " (" + env_text(env, "logical_cpus") + " logical)");
  row("kernel, governor, ASLR", env_text(env, "kernel") + ", " + env_text(env, "governor") + ", " +
                                    env_text(env, "aslr"));
  row("load average at start", env_text(env, "loadavg"));
  if (env.contains("toolchains") && env["toolchains"].is_object())
    for (const auto& [k, v] : env["toolchains"].items()) row(k, v.is_string() ? v.get<std::string>() : v.dump());
  row("variant CPUs / harness CPUs", plan.value("variant_cpus", nlohmann::json::array()).dump() + " / " +
                                         plan.value("harness_cpus", nlohmann::json::array()).dump());
  row("git commit", env_text(env, "git_commit") + (env.value("git_dirty", false) ? " (dirty)" : ""));
  out << "</table></div>\n";

  auto problems = problem_rows(doc);
  if (problems.empty()) {
    out << "<p>Every measured variant produced the reference checksum and finished.</p>\n";
  } else {
    out << "<h3 class=\"bad\">Invalid and failed measurements (" << problems.size()
        << ")</h3>\n<p>These never enter a chart or a comparison.</p>\n<div class=\"wrap\"><table>\n"
        << "<tr><th>measurement</th><th>outcome</th></tr>\n";
    for (const auto& [id, reason] : problems) out << "<tr><td>" << h(id) << "</td><td>" << h(reason) << "</td></tr>\n";
    out << "</table></div>\n";
  }
  out << "</section>\n";
}

// One <section> per workload, by kind; build cost and claims after them.
void write_workloads(html::Page& page) {
  const auto& doc = page.doc();
  const auto comparisons = compare_languages(doc, page.threshold());
  const auto cells = cells_of(doc);
  for (const auto& [workload, kind] : workloads_of(doc)) {
    if (kind == "build") continue;  // the build-cost section below
    auto& out = page.out();
    out << "<section class=\"workload\" id=\"workload-" << html_escape(workload) << "\" data-kind=\""
        << html_escape(kind) << "\">\n<h2>" << html_escape(workload) << "</h2>\n";
    const auto info = doc.plan.value("workloads", nlohmann::json::object()).value(workload, nlohmann::json::object());
    if (info.is_object() && !info.value("description", "").empty())
      out << "<p class=\"muted\">" << html_escape(info["description"].get<std::string>()) << ".</p>\n";
    if (kind == "server") {
      html::write_http_section(page, workload);
    } else if (kind == "spawn" && html::write_holding_section(page, workload)) {
      // holding state: RSS at start-up and while holding N
    } else if (kind == "spawn" && has_tasks(doc, workload)) {
      html::write_fanout_section(page, workload);
    } else {
      for (const auto& cell : cells)
        if (cell.front()->workload == workload) html::write_batch_cell(page, cell, comparisons);
    }
    page.out() << "</section>\n";
  }
  html::write_build_section(page);
  html::write_claims_html(page);
}

class HtmlReporter : public Reporter {
 public:
  HtmlReporter(double threshold, std::filesystem::path chart_js, ClaimsRef claims)
      : threshold_(threshold), chart_js_(std::move(chart_js)), claims_(std::move(claims)) {}

  void write(const ResultsDoc& doc, std::ostream& out) const override {
    const std::string chart_lib = chart_js_.empty() ? std::string() : read_file(chart_js_);
    const bool charts = !chart_lib.empty();
    auto h = [](const std::string& s) { return html_escape(s); };

    html::Page page(doc, threshold_, charts, claims_or_default(claims_, doc));
    write_workloads(page);

    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>xlbench run " << h(doc.run_id) << "</title>\n<style>" << html::page_style()
        << "</style>\n</head>\n<body>\n";
    out << "<div id=\"xlb-errors-box\" class=\"errors\" hidden><strong>Errors while drawing this page:</strong>"
           "<ol id=\"xlb-errors\" data-count=\"0\"></ol></div>\n<script>"
        << html::error_collector_script() << "</script>\n";
    out << "<h1>xlbench run " << h(doc.run_id) << "</h1>\n";
    out << "<p>Raw samples and environment: <a href=\"results.json\">results.json</a> (this page is derived from "
           "it; <code>xlbench report results.json -f html</code> re-renders it).</p>\n";
    if (!charts)
      out << "<p class=\"note\" id=\"no-charts\">Charts are not included: the Chart.js library was not found at <code>"
          << h(chart_js_.string())
          << "</code>. Run <code>scripts/setup.sh</code> (it runs <code>npm install</code>) and re-render with "
             "<code>xlbench report results.json -f html</code>. Every number is in the tables below.</p>\n";
    out << "<nav class=\"toc\">Sections: <a href=\"#summary\">summary</a>";
    for (const auto& [workload, kind] : workloads_of(doc))
      if (kind != "build") out << "<a href=\"#workload-" << h(workload) << "\">" << h(workload) << "</a>";
    if (!build_cost_tables(doc).empty()) out << "<a href=\"#workload-build-cost\">build cost</a>";
    out << "<a href=\"#workload-claims\">claims</a><a href=\"#how-to-read\">how to read this</a></nav>\n";
    if (charts)
      out << "<p class=\"legend\"><span><i class=\"sw\" style=\"background:var(--go)\"></i>Go</span>"
             "<span><i class=\"sw\" style=\"background:var(--rust)\"></i>Rust</span>"
             "<span><i class=\"sw\" style=\"background:var(--ci);width:4px\"></i>95% confidence interval of the "
             "median (order statistics)</span></p>\n";

    write_summary(doc, out);
    out << page.html();

    out << "<section id=\"how-to-read\">\n<h2>How to read this</h2>\n<p class=\"muted\">Each sample times a batch "
           "of operations inside the variant with a monotonic clock (spawn workloads: one process run per sample; "
           "servers: completed requests per 100 ms interval of the load generator); every statistic is computed "
           "from the raw samples in results.json. Bars are medians; the dark whisker is the distribution-free 95% "
           "confidence interval of the median (order statistics; * marks intervals whose coverage is below 95% "
           "because there are too few samples). Ratios are medians of Rust over Go throughput with a percentile "
           "bootstrap 95% interval; a verdict names a winner only when the Mann-Whitney U test gives p &lt; 0.05, "
           "the interval excludes 1, and the difference exceeds "
        << fixed(threshold_ * 100, 0)
        << "%. \"baseline\" compares each language's idiomatic default; \"fastest\" the best variant of each. "
           "Invalid and failed measurements are never drawn. docs/reports.md says what each chart shows.</p>\n"
           "</section>\n";

    nlohmann::json data = {{"run_id", doc.run_id}, {"charts", page.specs()}};
    out << "<script type=\"application/json\" id=\"xlb-data\">" << script_json(data) << "</script>\n";
    if (charts) {
      out << "<script>/* Chart.js (MIT), embedded from " << html_escape(chart_js_.filename().string()) << " */\n"
          << script_safe(chart_lib) << "\n</script>\n";
      out << "<script>" << html::page_script() << "</script>\n";
    }
    out << "</body>\n</html>\n";
  }

 private:
  double threshold_;
  std::filesystem::path chart_js_;
  ClaimsRef claims_;
};

}  // namespace

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string script_json(const nlohmann::json& j) {
  // '<', '>' and '&' only occur inside JSON strings, where \u escapes keep the
  // value and keep "</script>" or "<!--" from ever appearing in the page.
  const std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

std::string script_safe(const std::string& code) {
  // A library file must not close the <script> element early.
  std::string out;
  out.reserve(code.size());
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '<' && i + 1 < code.size() && code[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else {
      out += code[i];
    }
  }
  return out;
}

std::filesystem::path default_chart_js_path() {
  if (const char* env = std::getenv("XLBENCH_CHART_JS")) return env;
  std::filesystem::path root = XLB_SOURCE_DIR;
  if (const char* env = std::getenv("XLBENCH_ROOT")) root = env;
  return root / "node_modules" / "chart.js" / "dist" / "chart.umd.js";
}

std::unique_ptr<Reporter> make_html_reporter(double threshold, const std::filesystem::path& chart_js,
                                             ClaimsRef claims) {
  return std::make_unique<HtmlReporter>(threshold, chart_js, std::move(claims));
}

}  // namespace xlb
