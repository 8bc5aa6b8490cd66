// The fixed parts of report.html: its style sheet, the error collector that
// runs before anything else, and the script that turns the chart specs
// (report/model/chart_spec.hpp) into Chart.js charts.
#include "report/render/html_assets.hpp"

namespace xlb::html {

const char* page_style() {
  return R"css(
:root { --go: #00838f; --rust: #c2410c; --ci: #111827; --muted: #6b7280; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; margin: 0 auto;
       max-width: 1280px; padding: 16px 20px 40px; }
h1 { font-size: 1.5rem; margin: .2rem 0 .6rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 2px solid #e5e7eb; padding-bottom: .2rem; }
h3 { font-size: 1.08rem; margin: 1.6rem 0 .4rem; } h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
nav.toc { font-size: .92rem; margin: .4rem 0 1rem; } nav.toc a { margin-right: 1rem; white-space: nowrap; }
table { border-collapse: collapse; margin: .4rem 0 1rem; font-size: .86rem; }
th, td { border: 1px solid #e5e7eb; padding: 3px 7px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th { background: #f3f4f6; }
tr.bad td { color: #b91c1c; }
.wrap { overflow-x: auto; max-width: 100%; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 0 24px; }
.chart-box { margin: .6rem 0 .8rem; min-width: 0; }
.chart-box figcaption { font-size: .9rem; margin-bottom: .3rem; }
.chart { position: relative; width: 100%; }
.src { font-size: .8rem; color: var(--muted); margin: .2rem 0 0; }
.table-caption { font-size: .88rem; margin: .6rem 0 .1rem; }
.note { background: #fef3c7; border: 1px solid #f59e0b; padding: 8px 12px; border-radius: 4px; }
.errors { background: #fee2e2; border: 1px solid #b91c1c; padding: 8px 12px; border-radius: 4px; }
.bad { color: #b91c1c; font-weight: 600; }
.legend span { display: inline-block; margin-right: 1.2rem; }
.sw { display: inline-block; width: 12px; height: 12px; vertical-align: -1px; margin-right: 4px; }
.muted { color: var(--muted); font-size: .88rem; }
code { font-size: .88em; }
.badge { padding: 0 6px; border-radius: 3px; white-space: nowrap; font-weight: 600; }
.v-supported td:first-child, .badge.v-supported { background: #dcfce7; color: #14532d; }
.v-contradicted td:first-child, .badge.v-contradicted { background: #fee2e2; color: #7f1d1d; }
.v-inconclusive td:first-child, .badge.v-inconclusive { background: #fef3c7; color: #78350f; }
.v-not-measured td:first-child, .badge.v-not-measured { background: #f3f4f6; color: #374151; }
.v-untestable td:first-child, .badge.v-untestable { background: #f9fafb; color: #6b7280; }
tr[class^="v-"] td:first-child { font-weight: 600; white-space: nowrap; }
table.claims { width: 100%; } table.claims td { overflow-wrap: anywhere; }
table.claims td:nth-child(2) { min-width: 9rem; } table.claims td:nth-child(3) { min-width: 13rem; }
table.claims td:nth-child(4) { min-width: 11rem; overflow-wrap: normal; word-break: break-word; }
table.claims td:last-child { min-width: 13rem; }
details summary { cursor: pointer; margin: .6rem 0; }
@media (max-width: 700px) { body { padding: 10px; } .pair { grid-template-columns: 1fr; } }
)css";
}

const char* error_collector_script() {
  // Runs first: every uncaught error, rejected promise, console.error and
  // console.warn becomes an <li> of #xlb-errors, visible on the page and in a
  // dumped DOM (the browser test reads it).
  return R"js(
(function () {
  function record(text) {
    var list = document.getElementById('xlb-errors');
    var box = document.getElementById('xlb-errors-box');
    if (!list) return;
    var item = document.createElement('li');
    item.textContent = String(text);
    list.appendChild(item);
    list.setAttribute('data-count', String(list.children.length));
    if (box) box.hidden = false;
  }
  window.xlbRecordError = record;
  window.addEventListener('error', function (e) {
    var where = e.filename ? ' (' + e.filename.split('/').pop() + ':' + e.lineno + ')' : '';
    record('error: ' + (e.message || e.type) + where);
  });
  window.addEventListener('unhandledrejection', function (e) {
    record('unhandled rejection: ' + (e.reason && e.reason.message ? e.reason.message : e.reason));
  });
  ['error', 'warn'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      record('console.' + level + ': ' + Array.prototype.map.call(arguments, String).join(' '));
      return original.apply(console, arguments);
    };
  });
})();
)js";
}

const char* page_script() {
  // Draws every chart spec without animation; each chart marks its canvas
  // with data-drawn = the number of bars/points it drew, and the body gets
  // data-rendered = the number of canvases marked.
  return R"js(
(function () {
  var specs = JSON.parse(document.getElementById('xlb-data').textContent).charts;
  function human(v) {
    if (v === null || v === undefined || !isFinite(v)) return '-';
    var a = Math.abs(v);
    if (a >= 1e9) return +(v / 1e9).toPrecision(3) + 'G';
    if (a >= 1e6) return +(v / 1e6).toPrecision(3) + 'M';
    if (a >= 1e4) return +(v / 1e3).toPrecision(3) + 'k';
    if (a >= 100) return String(Math.round(v));
    return String(+v.toPrecision(3));
  }
  function withUnit(v, unit) { return human(v) + (unit ? ' ' + unit : ''); }
  function axis(a) {
    var o = { title: { display: !!a.title, text: a.title || '', font: { size: 13 } } };
    if (a.kind === 'category') { o.type = 'category'; o.ticks = { autoSkip: false }; return o; }
    o.type = a.log ? 'logarithmic' : 'linear';
    if (!a.log) o.beginAtZero = true;
    if (a.log) o.afterDataLimits = function (scale) {  // whole decades, so the axis always has labels
      if (scale.min > 0) scale.min = Math.pow(10, Math.floor(Math.log10(scale.min) + 1e-9));
      if (scale.max > 0) scale.max = Math.pow(10, Math.ceil(Math.log10(scale.max) - 1e-9));
    };
    o.ticks = { maxRotation: 0, autoSkipPadding: 8, callback: function (v) {
      if (a.log) {  // label 1, 2 and 5 of each decade only
        var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
        if ([1, 2, 5].every(function (k) { return Math.abs(m - k) > 1e-6; })) return '';
      }
      return human(v);
    } };
    return o;
  }
  function dataset(d, spec) {
    var ds = { label: d.label, data: d.data, xlbUnit: d.unit || '', xlbTips: d.tips || null };
    var color = d.colors || d.color || '#6b7280';
    if (spec.type === 'line') {
      ds.borderColor = color; ds.backgroundColor = color; ds.borderWidth = 2; ds.pointRadius = 3.5;
      ds.tension = 0; ds.spanGaps = false;
      if (d.dash) ds.borderDash = [6, 4];
    } else {
      ds.backgroundColor = color; ds.borderWidth = 0;
      if (d.role === 'ci') {
        if (!d.colors && !d.color) ds.backgroundColor = 'rgba(17,24,39,0.85)';
        ds.grouped = false; ds.barPercentage = 0.22; ds.categoryPercentage = 1.0; ds.order = 0;
      } else if (d.overlay) {
        ds.grouped = false; ds.barPercentage = 0.75; ds.categoryPercentage = 1.0; ds.order = 1;
      }
      if (d.width) ds.barPercentage = d.width;
    }
    return ds;
  }
  function tooltipLabel(ctx) {
    var ds = ctx.dataset, raw = ctx.raw;
    if (ds.xlbTips && ds.xlbTips[ctx.dataIndex]) return ds.xlbTips[ctx.dataIndex];
    if (Array.isArray(raw))
      return ds.label + ': [' + withUnit(raw[0], ds.xlbUnit) + ', ' + withUnit(raw[1], ds.xlbUnit) + ']';
    var horizontal = ctx.chart.options.indexAxis === 'y';
    var v = horizontal ? ctx.parsed.x : ctx.parsed.y;
    return ds.label + ': ' + withUnit(v, ds.xlbUnit);
  }
  var marker = {
    id: 'xlbDrawn',
    afterRender: function (chart) {
      var n = 0;
      chart.data.datasets.forEach(function (d, i) {
        chart.getDatasetMeta(i).data.forEach(function (el, j) {
          var v = d.data[j];
          if (v !== null && v !== undefined && !(typeof v === 'object' && !Array.isArray(v) && v.y === null)) n++;
        });
      });
      chart.canvas.setAttribute('data-drawn', String(n));
    }
  };
  function finish() {
    document.body.setAttribute('data-rendered', String(document.querySelectorAll('canvas[data-drawn]').length));
  }
  try {
    if (typeof Chart === 'undefined') throw new Error('Chart.js did not load');
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#1f2937';
    specs.forEach(function (spec) {
      var canvas = document.getElementById(spec.id);
      if (!canvas) throw new Error('no canvas for ' + spec.id);
      var scales = { x: axis(spec.x), y: axis(spec.y) };
      var config = {
        type: spec.type,
        data: { datasets: spec.datasets.map(function (d) { return dataset(d, spec); }) },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          indexAxis: spec.type === 'bar' && spec.y.kind === 'category' ? 'y' : 'x',
          interaction: { mode: 'nearest', intersect: true },
          plugins: {
            legend: { display: spec.legend !== false, position: 'bottom', labels: { boxWidth: 14 } },
            tooltip: { callbacks: { label: tooltipLabel } }
          },
          scales: scales
        },
        plugins: [marker]
      };
      if (spec.labels) config.data.labels = spec.labels;
      new Chart(canvas, config);
    });
  } catch (e) {
    window.xlbRecordError('charts: ' + (e && e.message ? e.message : e));
  }
  finish();
  window.addEventListener('load', finish);
})();
)js";
}

}  // namespace xlb::html
