// report.html, build cost (kind build; workloads/build): median wall time of
// each build scenario, Go and Rust side by side on a log axis, and the size of
// every variant binary as built and stripped; then every build-cost table of
// the text reports (report_build.hpp), which hold the numbers behind both.
#include <algorithm>
#include <map>

#include "report/report_html_charts.hpp"
#include "stats/stats.hpp"

namespace xlb::html {
namespace {

double median_wall_s(const Measurement& m) {
  std::vector<double> s;
  for (const auto& sample : m.samples) s.push_back(static_cast<double>(sample.ns) / 1e9);
  return s.empty() ? 0.0 : stats::median(s);
}

// "target: scenario" -> Go / Rust median wall seconds (the baseline toolchain when there are several).
struct BuildTimes {
  std::vector<std::string> keys;
  std::map<std::string, std::map<std::string, const Measurement*>> by_language;
};

BuildTimes build_times(const ResultsDoc& doc) {
  BuildTimes t;
  for (const auto& m : doc.measurements) {
    if (m.kind != "build" || (m.language != "go" && m.language != "rust")) continue;
    const std::string key = m.input + ": " + m.mode;
    if (std::find(t.keys.begin(), t.keys.end(), key) == t.keys.end()) t.keys.push_back(key);
    const auto baseline =
        doc.plan.value("baselines", json::object()).value(m.workload, json::object()).value(m.language, "");
    auto& slot = t.by_language[m.language][key];
    if (!slot || m.variant == baseline) slot = &m;
  }
  return t;
}

void write_times_chart(Page& page, const BuildTimes& t) {
  json labels = json::array(), sets = json::array();
  for (const auto& k : t.keys) labels.push_back(k);
  for (const std::string language : {"go", "rust"}) {
    json data = json::array();
    for (const auto& k : t.keys) {
      const auto it = t.by_language.find(language);
      const Measurement* m = it == t.by_language.end() || !it->second.contains(k) ? nullptr : it->second.at(k);
      data.push_back(m && m->status == "ok" && !m->samples.empty() ? log_value(median_wall_s(*m)) : json(nullptr));
    }
    const std::string name = language == "go" ? "Go (go build)" : "Rust (cargo build)";
    sets.push_back({{"label", name}, {"color", language_color(language)}, {"unit", "s"}, {"data", data}});
  }
  page.chart({{"type", "bar"},
              {"legend", true},
              {"labels", labels},
              {"x", number_axis("wall time of the build, s (log scale)", true)},
              {"y", category_axis("target: scenario")},
              {"datasets", sets}},
             90 + 48 * static_cast<int>(t.keys.size()), "Build time, Go vs Rust",
             "lower is better; median of the runs; clean = empty build cache, no-op = nothing changed, "
             "incremental = one line appended to one file (table: Build time)");
}

void write_sizes_chart(Page& page, const json& footprint) {
  json labels = json::array(), built = json::array(), stripped = json::array(), colors = json::array(),
       light = json::array();
  for (const auto& b : footprint.value("binaries", json::array())) {
    if (!b.value("found", false) || !b.contains("bytes")) continue;
    const std::string language = b.value("language", "");
    labels.push_back(b.value("workload", "") + " " + language + "/" + b.value("variant", ""));
    built.push_back(b.value("bytes", 0.0) / (1024.0 * 1024.0));
    const auto& s = b.contains("stripped_bytes") ? b["stripped_bytes"] : json();
    stripped.push_back(s.is_number() ? json(s.get<double>() / (1024.0 * 1024.0)) : json(nullptr));
    colors.push_back(language_color(language));
    light.push_back(light_color(language));
  }
  if (labels.empty()) return;
  page.chart({{"type", "bar"},
              {"legend", false},
              {"labels", labels},
              {"x", number_axis("binary size, MiB")},
              {"y", category_axis("workload and variant")},
              {"datasets",
               {{{"label", "as built"}, {"unit", "MiB"}, {"colors", colors}, {"data", built}},
                {{"label", "stripped"}, {"unit", "MiB"}, {"colors", light}, {"data", stripped}}}}},
             90 + 30 * static_cast<int>(labels.size()), "Binary sizes of the variants",
             "smaller is better; dark = as built (Go: go build -trimpath; Rust: cargo build --release), "
             "light = a stripped copy (table: Variant binaries in the build directory)");
}

}  // namespace

void write_build_section(Page& page) {
  const auto& doc = page.doc();
  const auto tables = build_cost_tables(doc);
  if (tables.empty()) return;
  auto& out = page.out();
  out << "<section class=\"workload\" id=\"workload-build-cost\" data-kind=\"build\">\n<h2>Build cost</h2>\n";
  const auto times = build_times(doc);
  page.begin_pair();
  if (!times.keys.empty()) write_times_chart(page, times);
  write_sizes_chart(page, doc.footprint);
  page.end_pair();
  for (const auto& t : tables) write_text_table(out, t);
  out << "</section>\n";
}

}  // namespace xlb::html
