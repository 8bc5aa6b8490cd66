#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/format.hpp"
#include "history/show.hpp"
#include "report/report_common.hpp"
#include "report/render/html_assets.hpp"

namespace xlb {
namespace {

using nlohmann::json;

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return in ? std::string(std::istreambuf_iterator<char>(in), {}) : std::string();
}

// The chart data of every series: labels, values and the indexes of its change points.
json charts_json(const CheckResult& r) {
  json all = json::array();
  for (const auto& c : r.series) {
    json labels = json::array(), values = json::array(), marks = json::array();
    for (const auto& p : c.series.points) {
      labels.push_back(p.run_id + " " + p.git_commit.substr(0, 7));
      values.push_back(p.value);
    }
    for (const auto& cp : c.change_points) marks.push_back(cp.index);
    all.push_back({{"labels", labels}, {"values", values}, {"marks", marks}, {"unit", c.series.unit}});
  }
  return all;
}

void write_table(const SeriesCheck& c, double threshold, std::ostream& out) {
  const auto& s = c.series;
  out << "<table><tr><th>run</th><th>started</th><th>commit</th><th>value (" << html_escape(s.unit)
      << ")</th><th>process runs</th><th>change</th></tr>\n";
  for (std::size_t i = 0; i < s.points.size(); ++i) {
    const auto& p = s.points[i];
    std::string change;
    for (const auto& cp : c.change_points)
      if (cp.index == i)
        change = percent_text(cp.magnitude) + ", p = " + p_text(cp.p_value) +
                 (is_regression(s, cp, threshold) ? ", regression" : "");
    out << "<tr" << (change.empty() ? "" : " class=\"cp\"") << "><td>" << html_escape(p.run_id) << "</td><td>"
        << html_escape(p.started_at) << "</td><td><code>" << html_escape(p.git_commit.substr(0, 10))
        << "</code></td><td>" << human(p.value) << "</td><td>" << p.process_runs << "</td><td>" << html_escape(change)
        << "</td></tr>\n";
  }
  out << "</table>\n";
}

// Draws each series; like report.html, each chart marks its canvas with data-drawn = the points
// it drew and the body gets data-rendered = the canvases marked (the browser test reads them).
const char* kDrawCharts = R"JS(
(function () {
  var marker = { id: 'xlbDrawn', afterRender: function (chart) {
    var n = 0;
    chart.data.datasets.forEach(function (d) { d.data.forEach(function (v) { if (v !== null) n++; }); });
    chart.canvas.setAttribute('data-drawn', String(n));
  } };
  try {
    if (typeof Chart === 'undefined') throw new Error('Chart.js did not load');
    document.querySelectorAll('canvas[data-series]').forEach(function (canvas) {
      var s = XLB_HISTORY[Number(canvas.dataset.series)];
      var marks = s.values.map(function (v, i) { return s.marks.indexOf(i) >= 0 ? v : null; });
      new Chart(canvas, {
        type: 'line',
        plugins: [marker],
        data: { labels: s.labels, datasets: [
          { label: 'median per run (' + s.unit + ')', data: s.values, borderColor: '#3366cc', pointRadius: 2,
            tension: 0 },
          { label: 'change point', data: marks, showLine: false, pointStyle: 'triangle', pointRadius: 9,
            backgroundColor: '#dc3912', borderColor: '#dc3912' } ] },
        options: { animation: false, maintainAspectRatio: false, scales: { x: { ticks: { maxRotation: 60 } } } }
      });
    });
  } catch (e) {
    window.xlbRecordError('error: ' + e.message);
  }
  document.body.setAttribute('data-rendered', String(document.querySelectorAll('canvas[data-drawn]').length));
})();
)JS";

}  // namespace

void write_history_html(const CheckResult& r, const std::filesystem::path& chart_js, std::ostream& out) {
  const std::string chart_lib = chart_js.empty() ? std::string() : read_text(chart_js);
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>xlbench history</title>\n"
      << "<style>body{font-family:sans-serif;max-width:1100px;margin:auto}table{border-collapse:collapse;"
         "margin-bottom:2em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}tr.cp{background:#fde}"
         ".chart{height:260px;position:relative}.errors{color:#b91c1c}</style></head><body>\n"
      << "<div id=\"xlb-errors-box\" class=\"errors\" hidden><strong>Errors while drawing this page:</strong>"
         "<ol id=\"xlb-errors\" data-count=\"0\"></ol></div>\n<script>"
      << html::error_collector_script() << "</script>\n"
      << "<h1>Benchmark history</h1>\n<p>" << r.series.size()
      << " series. Change points by the Hunter/Otava method (e-divisive means split, Student t-test, p &le; "
      << p_text(r.options.detector.max_p_value) << "); a newest change point that is a regression beyond "
      << fixed(r.options.threshold * 100, 1) << "% fails the gate (" << r.regressions << " do).</p>\n";
  if (chart_lib.empty())
    out << "<p class=\"note\" id=\"no-charts\">Charts are not included: the Chart.js library was not found at <code>"
        << html_escape(chart_js.string()) << "</code> (npm ci installs it).</p>\n";
  for (std::size_t i = 0; i < r.series.size(); ++i) {
    const auto& c = r.series[i];
    out << "<h2>" << html_escape(c.series.measurement + " " + c.series.metric) << "</h2>\n<p>branch "
        << html_escape(c.series.branch) << ", machine <code>" << html_escape(c.series.machine) << "</code>, "
        << c.change_points.size() << " change point(s)" << (c.newest_is_regression ? ", <b>newest is a regression</b>" : "")
        << "</p>\n";
    if (!chart_lib.empty()) out << "<div class=\"chart\"><canvas data-series=\"" << i << "\"></canvas></div>\n";
    write_table(c, r.options.threshold, out);
  }
  if (!chart_lib.empty())
    out << "<script>/* Chart.js (MIT), embedded from " << html_escape(chart_js.filename().string()) << " */\n"
        << script_safe(chart_lib) << "\n</script>\n<script>var XLB_HISTORY = " << script_json(charts_json(r))
        << ";\n" << kDrawCharts << "</script>\n";
  out << "</body></html>\n";
}

}  // namespace xlb
