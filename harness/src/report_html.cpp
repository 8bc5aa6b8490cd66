// HTML reporter: report.html, one self-contained page (no network): summary,
// per-cell ops/s bar charts with 95% CI whiskers drawn by Chart.js (embedded
// inline from node_modules), the numbers behind every chart, Rust/Go ratios.
// Without chart.js the page still has every table and says why charts are missing.
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "analysis.hpp"
#include "format.hpp"
#include "metrics.hpp"
#include "report_common.hpp"

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

// Full-precision-enough number for the data tables (not the k/M shorthand).
std::string plain(double v) {
  if (!std::isfinite(v)) return "-";
  return std::abs(v) >= 100 ? fixed(v, 0) : fixed(v, 3);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* kStyle = R"css(
:root { --go: #00838f; --rust: #c2410c; --ci: #111827; --muted: #6b7280; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; margin: 0 auto;
       max-width: 1200px; padding: 16px 20px 40px; }
h1 { font-size: 1.5rem; margin: .2rem 0 .6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #e5e7eb; }
h3 { font-size: 1.05rem; margin: 1.6rem 0 .4rem; }
table { border-collapse: collapse; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #e5e7eb; padding: 3px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th { background: #f3f4f6; }
.wrap { overflow-x: auto; }
.chart { position: relative; width: 100%; max-width: 1000px; }
.note { background: #fef3c7; border: 1px solid #f59e0b; padding: 8px 12px; border-radius: 4px; }
.bad { color: #b91c1c; font-weight: 600; }
.legend span { display: inline-block; margin-right: 1.2rem; }
.sw { display: inline-block; width: 12px; height: 12px; vertical-align: -1px; margin-right: 4px; }
.muted { color: var(--muted); font-size: .88rem; }
code { font-size: .88em; }
)css";

// The page's script: reads the inline JSON and draws one chart per cell, then
// sets document.body.dataset.chartsReady to the number of charts drawn.
const char* kPageScript = R"js(
(function () {
  var data = JSON.parse(document.getElementById('xlb-data').textContent);
  var colors = { go: '#00838f', rust: '#c2410c' };
  function human(v) {
    var a = Math.abs(v);
    if (a >= 1e9) return (v / 1e9).toPrecision(3) + 'G';
    if (a >= 1e6) return (v / 1e6).toPrecision(3) + 'M';
    if (a >= 1e4) return (v / 1e3).toPrecision(3) + 'k';
    return String(Math.round(v * 100) / 100);
  }
  try {
    if (typeof Chart === 'undefined') throw new Error('Chart.js not loaded');
    var drawn = 0;
    data.cells.forEach(function (cell) {
      var canvas = document.getElementById(cell.canvas);
      if (!canvas || cell.bars.length === 0) return;
      var labels = cell.bars.map(function (b) { return b.variant; });
      var barColors = cell.bars.map(function (b) { return colors[b.language] || '#6b7280'; });
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: labels,
          datasets: [
            { label: '95% CI of the median', data: cell.bars.map(function (b) { return [b.ci_low, b.ci_high]; }),
              backgroundColor: 'rgba(17,24,39,0.85)', borderWidth: 0, grouped: false, barPercentage: 0.18,
              categoryPercentage: 1.0, order: 0 },
            { label: 'median ops/s', data: cell.bars.map(function (b) { return b.median; }),
              backgroundColor: barColors, grouped: false, barPercentage: 0.75, categoryPercentage: 1.0, order: 1 }
          ]
        },
        options: {
          indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: function (ctx) {
              var b = cell.bars[ctx.dataIndex];
              return ctx.datasetIndex === 0
                ? '95% CI: [' + human(b.ci_low) + ', ' + human(b.ci_high) + '] ops/s'
                : 'median: ' + human(b.median) + ' ops/s (' + b.n + ' samples)';
            } } }
          },
          scales: {
            x: { beginAtZero: true, title: { display: true, text: 'operations per second (higher is better)' },
                 ticks: { callback: function (v) { return human(v); } } },
            y: { title: { display: true, text: 'variant' } }
          }
        }
      });
      drawn++;
    });
    document.body.dataset.chartsReady = String(drawn);
  } catch (e) {
    document.body.dataset.chartsError = String(e && e.message || e);
    var note = document.getElementById('chart-error');
    if (note) { note.hidden = false; note.textContent = 'Charts could not be drawn: ' + e.message; }
  }
})();
)js";

class HtmlReporter : public Reporter {
 public:
  HtmlReporter(double threshold, std::filesystem::path chart_js) : threshold_(threshold), chart_js_(std::move(chart_js)) {}

  void write(const ResultsDoc& doc, std::ostream& out) const override {
    const std::string chart_lib = chart_js_.empty() ? std::string() : read_file(chart_js_);
    const bool charts = !chart_lib.empty();
    const auto& env = doc.environment;
    const auto& plan = doc.plan;
    auto h = [](const std::string& s) { return html_escape(s); };

    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>xlbench run " << h(doc.run_id) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    out << "<h1>xlbench run " << h(doc.run_id) << "</h1>\n";
    out << "<p>Raw samples and environment: <a href=\"results.json\">results.json</a> (this page is derived from "
           "it; <code>xlbench report results.json -f html</code> re-renders it).</p>\n";
    if (!charts)
      out << "<p class=\"note\" id=\"no-charts\">Charts are not included: the Chart.js library was not found at <code>"
          << h(chart_js_.string())
          << "</code>. Run <code>scripts/setup.sh</code> (it runs <code>npm install</code>) and re-render with "
             "<code>xlbench report results.json -f html</code>. Every number is in the tables below.</p>\n";
    out << "<p class=\"note\" id=\"chart-error\" hidden></p>\n";

    // Summary.
    const double secs = seconds_between(doc.started_at, doc.finished_at);
    out << "<h2>Summary</h2>\n<div class=\"wrap\"><table>\n";
    auto row = [&](const std::string& k, const std::string& v) {
      out << "<tr><th>" << h(k) << "</th><td>" << h(v) << "</td></tr>\n";
    };
    row("status", doc.status);
    row("plan", plan.value("name", std::string("?")) + ": " + std::to_string(plan.value("rounds", 0)) +
                    " interleaved process runs x " + std::to_string(plan.value("samples_per_run", 0)) +
                    " samples of >= " + std::to_string(plan.value("min_sample_ms", 0)) + " ms, after >= " +
                    std::to_string(plan.value("warmup_ms", 0)) + " ms warm-up");
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

    // Per cell: chart, numbers, ratios.
    out << "<h2>Results</h2>\n";
    if (charts)
      out << "<p class=\"legend\"><span><i class=\"sw\" style=\"background:var(--go)\"></i>Go</span>"
             "<span><i class=\"sw\" style=\"background:var(--rust)\"></i>Rust</span>"
             "<span><i class=\"sw\" style=\"background:var(--ci);width:4px\"></i>95% confidence interval of the "
             "median (order statistics)</span></p>\n";
    const auto comparisons = compare_languages(doc, threshold_);
    nlohmann::json cells_json = nlohmann::json::array();
    std::string workload;
    int index = 0;
    for (const auto& cell : cells_of(doc)) {
      const auto& first = *cell.front();
      if (first.workload != workload) {
        workload = first.workload;
        out << "<h2>" << h(workload) << "</h2>\n";
      }
      const std::string canvas = "chart-" + std::to_string(index++);
      out << "<section id=\"" << canvas << "-section\">\n<h3>" << h(first.mode) << " / " << h(first.input) << " ("
          << h(human(static_cast<double>(first.input_bytes))) << "B input)</h3>\n";
      nlohmann::json bars = nlohmann::json::array();
      std::ostringstream table;
      table << "<div class=\"wrap\"><table>\n<tr><th>variant</th><th>label</th><th>status</th>"
               "<th class=\"num\">ops/s median</th><th class=\"num\">95% CI low</th><th class=\"num\">95% CI high</th>"
               "<th class=\"num\">samples</th><th class=\"num\">MB/s median</th><th class=\"num\">ns/op p50</th>"
               "<th class=\"num\">ns/op p95</th><th class=\"num\">CV</th><th class=\"num\">peak RSS MB</th></tr>\n";
      for (const auto* m : cell) {
        const auto text = summarize_row(*m);
        table << "<tr><td>" << h(m->variant_id()) << "</td><td>" << h(m->label) << "</td><td"
              << (m->status == "ok" ? "" : " class=\"bad\"") << ">" << h(m->status) << "</td>";
        if (m->status == "ok" && !m->samples.empty()) {
          auto ops = stats::summarize(metric("ops_per_s").series(*m));
          table << "<td class=\"num\">" << plain(ops.median) << "</td><td class=\"num\">"
                << plain(ops.median_ci.interval.low) << "</td><td class=\"num\">" << plain(ops.median_ci.interval.high)
                << (ops.median_ci.coverage_reached ? "" : " *") << "</td><td class=\"num\">" << ops.n << "</td>";
          bars.push_back({{"variant", m->variant_id()},
                          {"language", m->language},
                          {"median", ops.median},
                          {"ci_low", ops.median_ci.interval.low},
                          {"ci_high", ops.median_ci.interval.high},
                          {"n", ops.n}});
        } else {
          table << "<td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">"
                << m->samples.size() << "</td>";
        }
        table << "<td class=\"num\">" << h(text.mb_s) << "</td><td class=\"num\">" << h(text.ns_p50)
              << "</td><td class=\"num\">" << h(text.ns_p95) << "</td><td class=\"num\">" << h(text.cv)
              << "</td><td class=\"num\">" << h(text.rss_mb) << "</td></tr>\n";
      }
      table << "</table></div>\n";
      if (charts && !bars.empty()) {
        const int height = 70 + 34 * static_cast<int>(bars.size());
        out << "<div class=\"chart\" style=\"height:" << height << "px\"><canvas id=\"" << canvas
            << "\" role=\"img\" aria-label=\"ops/s per variant for " << h(first.cell())
            << ", with 95% confidence intervals\"></canvas></div>\n";
      }
      out << table.str();
      cells_json.push_back({{"canvas", canvas}, {"cell", first.cell()}, {"bars", bars}});

      auto here = comparisons_of_cell(comparisons, first);
      if (!here.empty()) {
        out << "<div class=\"wrap\"><table>\n<tr><th>Rust / Go (ops/s)</th><th>pair</th><th class=\"num\">ratio</th>"
               "<th class=\"num\">95% CI</th><th class=\"num\">Mann-Whitney U</th><th>verdict</th></tr>\n";
        for (const auto* c : here)
          out << "<tr><td>" << h(c->basis) << "</td><td>" << h(c->rust->variant) << " vs " << h(c->go->variant)
              << "</td><td class=\"num\">" << fixed(c->cmp.ratio.ratio, 3) << "x</td><td class=\"num\">["
              << fixed(c->cmp.ratio.ci.low, 3) << ", " << fixed(c->cmp.ratio.ci.high, 3) << "]</td><td class=\"num\">"
              << h(p_value_text(c->cmp.test.p_value)) << "</td><td>" << h(c->verdict) << "</td></tr>\n";
        out << "</table></div>\n";
      }
      out << "</section>\n";
    }

    out << "<h2>How to read this</h2>\n<p class=\"muted\">Each sample times a batch of operations inside the variant "
           "with a monotonic clock; every statistic is computed from the raw samples in results.json. Bars are "
           "medians of ops/s; the dark whisker is the distribution-free 95% confidence interval of the median "
           "(order statistics; * marks intervals whose coverage is below 95% because there are too few samples). "
           "Ratios are medians of Rust over Go throughput with a percentile bootstrap 95% interval; a verdict names "
           "a winner only when the Mann-Whitney U test gives p &lt; 0.05, the interval excludes 1, and the "
           "difference exceeds "
        << fixed(threshold_ * 100, 0)
        << "%. \"baseline\" compares each language's idiomatic default; \"fastest\" the best variant of each. "
           "Invalid and failed measurements are never drawn.</p>\n";

    nlohmann::json data = {{"run_id", doc.run_id}, {"cells", cells_json}};
    out << "<script type=\"application/json\" id=\"xlb-data\">" << script_json(data) << "</script>\n";
    if (charts) {
      out << "<script>/* Chart.js (MIT), embedded from " << html_escape(chart_js_.filename().string()) << " */\n"
          << script_safe(chart_lib) << "\n</script>\n";
      out << "<script>" << kPageScript << "</script>\n";
    }
    out << "</body>\n</html>\n";
  }

 private:
  double threshold_;
  std::filesystem::path chart_js_;
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

std::unique_ptr<Reporter> make_html_reporter(double threshold, const std::filesystem::path& chart_js) {
  return std::make_unique<HtmlReporter>(threshold, chart_js);
}

}  // namespace xlb
