#pragma once
// The fixed text of report.html (html_assets.cpp).
namespace xlb::html {

const char* page_style();
// First script of <body>: records errors into #xlb-errors (inside #xlb-errors-box).
const char* error_collector_script();
// Reads the chart specs from #xlb-data, draws them with Chart.js, marks
// <canvas data-drawn="N"> and <body data-rendered="N">.
const char* page_script();

}  // namespace xlb::html
