// Build cost (kind build; workloads/build): build times Go vs Rust with
// ratios, CPU and memory of the build; binaries (as built, stripped, linkage);
// code size per variant. A chart of the build times on a log axis and one of
// the variant binaries' sizes.
#include <algorithm>
#include <map>

#include "core/format.hpp"
#include "kinds/build/footprint.hpp"
#include "model/metrics.hpp"
#include "report/model/chart_spec.hpp"
#include "report/sections/kind_sections.hpp"
#include "stats/stats.hpp"

namespace xlb::report {
namespace {

std::vector<double> wall_seconds(const Measurement& m) {
  std::vector<double> s;
  for (const auto& sample : m.samples) s.push_back(static_cast<double>(sample.ns) / 1e9);
  return s;
}

std::string seconds(double s) { return s < 10 ? fixed(s, 2) + " s" : fixed(s, 1) + " s"; }

std::string mib(double bytes) { return fixed(bytes / (1024.0 * 1024.0), 1); }

std::string wall_text(const Measurement* m) {
  if (!m) return "-";
  if (m->status != "ok") return m->status;
  const auto s = wall_seconds(*m);
  if (s.empty()) return "-";
  std::string text = seconds(stats::median(s));
  if (s.size() > 1)
    text += " [" + fixed(*std::min_element(s.begin(), s.end()), 1) + "-" +
            fixed(*std::max_element(s.begin(), s.end()), 1) + "]";
  return text;
}

std::string ratio_cell(const Measurement* go, const Measurement* rust) {
  if (!go || !rust || go->status != "ok" || rust->status != "ok" || go->samples.empty() || rust->samples.empty())
    return "-";
  const auto g = wall_seconds(*go), r = wall_seconds(*rust);
  if (g.size() < 2 || r.size() < 2) return fixed(stats::median(r) / stats::median(g), 2) + "x";
  const auto cmp = stats::compare_samples(r, g);
  return ratio_text(cmp.ratio.ratio, cmp.ratio.ci);
}

std::string cpu_ratio_cell(const Measurement* go, const Measurement* rust) {
  if (!go || !rust || go->status != "ok" || rust->status != "ok" || go->runs.empty() || rust->runs.empty()) return "-";
  const double g = cpu_seconds_per_run(*go), r = cpu_seconds_per_run(*rust);
  return g > 0 ? fixed(r / g, 2) + "x" : "-";
}

std::string cpu_cell(const Measurement* m) {
  return m && !m->runs.empty() ? fixed(cpu_seconds_per_run(*m), 1) : "-";
}

// "largest process / whole tree" peak resident memory, MB.
std::string rss_cell(const Measurement* m) {
  if (!m || m->runs.empty()) return "-";
  long tree = 0;
  for (const auto& v : m->facts.value("tree_rss_peak_kb", json::array()))
    if (v.is_number()) tree = std::max(tree, v.get<long>());
  return fixed(peak_rss_kb(*m) / 1024.0, 0) + " / " + fixed(tree / 1024.0, 0);
}

// Median summed linker time per build and its share of the median wall time (Rust rows: link_times.hpp).
std::string link_cell(const Measurement* m) {
  if (!m || m->status != "ok" || !m->facts.contains("link_s")) return "-";
  std::vector<double> link;
  for (const auto& v : m->facts["link_s"])
    if (v.is_number()) link.push_back(v.get<double>());
  const auto wall = wall_seconds(*m);
  if (link.empty() || wall.empty()) return "-";
  const double l = stats::median(link), w = stats::median(wall);
  return seconds(l) + (w > 0 ? " (" + fixed(100.0 * l / w, 0) + "%)" : "");
}

std::string linkage_text(const BinaryRow& b) {
  if (b.is_static) return b.linkage;
  std::string libs;
  for (const auto& lib : b.needed) libs += (libs.empty() ? "" : ", ") + lib;
  return libs.empty() ? b.linkage : b.linkage + " (" + libs + ")";
}

std::string stripped_text(const BinaryRow& b) {
  return b.stripped_bytes ? mib(static_cast<double>(*b.stripped_bytes)) : "-";
}

// The Go and Rust measurement of each (target, scenario), in document order;
// the manifest's baseline toolchain of each language when there are several.
struct BuildPair {
  std::string target, scenario;
  const Measurement* go = nullptr;
  const Measurement* rust = nullptr;
};

std::vector<BuildPair> build_pairs(const ResultsDoc& doc) {
  std::vector<BuildPair> pairs;
  std::map<std::string, size_t> index;
  for (const auto& m : doc.measurements) {
    if (m.kind != "build" || (m.language != "go" && m.language != "rust")) continue;
    const auto key = m.input + "/" + m.mode;
    auto [it, fresh] = index.emplace(key, pairs.size());
    if (fresh) pairs.push_back({m.input, m.mode});
    auto& pair = pairs[it->second];
    const auto baseline = doc.plan.value("baselines", json::object()).value(m.workload, json::object()).value(m.language, "");
    auto& slot = m.language == "go" ? pair.go : pair.rust;
    if (!slot || m.variant == baseline) slot = &m;
  }
  return pairs;
}

Table times_table(const ResultsDoc& doc, const std::vector<BuildPair>& pairs) {
  const auto bc = doc.plan.value("build_cost", json::object());
  Table t;
  t.title = "Build time";
  t.header = {"target", "scenario", "Go wall", "Rust wall", "Rust/Go", "Rust link (share)", "Go CPU s", "Rust CPU s",
              "Rust/Go CPU", "Go RSS MiB", "Rust RSS MiB"};
  for (const auto& p : pairs)
    t.add({p.target, p.scenario, wall_text(p.go), wall_text(p.rust), ratio_cell(p.go, p.rust), link_cell(p.rust),
           cpu_cell(p.go), cpu_cell(p.rust), cpu_ratio_cell(p.go, p.rust), rss_cell(p.go), rss_cell(p.rust)});
  t.notes.push_back("Wall time of each build as a child process: median [min-max] of " + std::to_string(bc.value("rounds", 0)) +
           " run(s); a ratio interval needs two runs per side. Builds ran on CPUs " + bc.value("cpus", json::array()).dump() +
           " with " + std::to_string(bc.value("jobs", 0)) +
           " job(s) (go build -p, cargo --jobs). Dependencies are downloaded before any build. fresh-release / "
           "fresh-debug: fresh checkout, warm toolchain: empty project cache and target dir, the standard library "
           "already compiled (Go: a GOCACHE holding only std, compiled untimed; Rust's ships prebuilt). "
           "clean-release / clean-debug: cold toolchain: empty GOCACHE, so Go compiles its standard library in the "
           "timed build. incremental: one line appended to the target's main file of a scratch copy; "
           "incremental-shared: to the shared driver it imports. build-test: fresh checkout, then go test / cargo "
           "test (tests compiled and run). Rust link: the summed wall time of the linker runs cargo made in the build "
           "(the binary, build scripts, test binaries; cargo linked through xlbench-link-timer), median per build, and "
           "its share of the median wall time; Go's link step is not timed apart. CPU: user + system of the whole build tree (wait4), mean per build; "
           "wall time also counts waiting for a busy CPU, so on a shared machine read the CPU ratio too (the load "
           "average before each build is in facts.loadavg_before). RSS: the largest "
           "single process (wait4 ru_maxrss) / the sum over the tree sampled every " +
           std::to_string(bc.value("tree_rss_sample_ms", 0)) + " ms.");
  return t;
}

Table built_binaries_table(const std::vector<BuildPair>& pairs) {
  Table t;
  t.title = "Binaries of the fresh and clean builds";
  t.header = {"target", "scenario", "language", "binaries", "as built MiB", "stripped MiB", "linkage"};
  for (const auto& p : pairs) {
    for (const auto* m : {p.go, p.rust}) {
      if (!m || !m->facts.contains("binaries")) continue;
      const auto list = read_binary_rows(m->facts["binaries"], m->workload + "/" + m->input + "/" + m->mode + " " + m->variant_id() + ": facts.binaries");
      std::string linkage;
      for (const auto& b : list) {
        const auto text = linkage_text(b);
        if (linkage.find(text) == std::string::npos) linkage += (linkage.empty() ? "" : "; ") + text;
      }
      const std::string name = list.size() == 1 ? list[0].name : std::to_string(list.size()) + " executables";
      t.add({p.target, p.scenario, m->language, name,
                        mib(m->facts.value("binaries_total_bytes", 0.0)),
                        mib(m->facts.value("binaries_total_stripped_bytes", 0.0)), linkage});
    }
  }
  t.notes.push_back("Sizes of every executable the build linked (totals for several); stripped = a copy through `strip`.");
  return t;
}

Table variant_binaries_table(const Footprint& footprint) {
  Table t;
  t.title = "Variant binaries in the build directory";
  t.header = {"workload", "variant", "as built MiB", "stripped MiB", "linkage"};
  for (const auto& b : footprint.binaries) {
    const std::string id = b.language + "/" + b.variant;
    if (!b.found) {
      t.add({b.workload, id, "not built", "-", "-"});
      continue;
    }
    t.add({b.workload, id, mib(static_cast<double>(b.bytes)), stripped_text(b), linkage_text(b)});
  }
  t.notes.push_back("Release binaries as `xlbench build` left them (Go: go build -trimpath; Rust: cargo build --release).");
  return t;
}

Table code_size_table(const Footprint& footprint) {
  Table t;
  t.title = "Code size per variant";
  t.header = {"workload", "variant", "files", "code lines", "test lines", "build.rs lines"};
  for (const auto& v : footprint.code_variants) {
    std::string id = v.language + "/" + v.variant + (v.baseline ? " *" : "");
    if (!v.found) {
      t.add({v.workload, id, "source not found", "-", "-", "-"});
      continue;
    }
    t.add({v.workload, id, std::to_string(v.lines.files), std::to_string(v.lines.code_lines),
           std::to_string(v.lines.test_lines), v.language == "rust" ? std::to_string(v.lines.build_script_lines) : "-"});
  }
  t.notes.push_back("Non-blank, non-comment lines of each variant's own source (go_impls/cmd/<variant>, "
           "rust_impls/variants/<variant>/src), without its tests (_test.go, tests/, #[cfg(test)] modules) and "
           "without the shared packages below. * = the workload's baseline variant.");
  return t;
}

Table baseline_pairs_table(const Footprint& footprint) {
  Table t;
  t.title = "Code size, baseline pairs";
  t.header = {"workload", "Go variant", "Go lines", "Rust variant", "Rust lines", "Rust/Go"};
  std::map<std::string, std::pair<const CodeSizeRow*, const CodeSizeRow*>> pairs;
  std::vector<std::string> order;
  for (const auto& v : footprint.code_variants) {
    if (!v.baseline || !v.found) continue;
    if (!pairs.contains(v.workload)) order.push_back(v.workload);
    (v.language == "go" ? pairs[v.workload].first : pairs[v.workload].second) = &v;
  }
  for (const auto& w : order) {
    const auto& [go, rust] = pairs[w];
    if (!go || !rust) continue;
    const long g = go->lines.code_lines, r = rust->lines.code_lines;
    t.add({w, go->variant, std::to_string(g), rust->variant, std::to_string(r),
           g > 0 ? fixed(static_cast<double>(r) / static_cast<double>(g), 2) + "x" : "-"});
  }
  return t;
}

Table shared_code_table(const Footprint& footprint) {
  Table t;
  t.title = "Shared packages (drivers and workload libraries)";
  t.header = {"language", "package", "files", "code lines", "test lines", "generated lines"};
  for (const auto& s : footprint.shared)
    t.add({s.language, s.dir, std::to_string(s.lines.files), std::to_string(s.lines.code_lines),
           std::to_string(s.lines.test_lines), std::to_string(s.lines.generated_lines)});
  t.notes.push_back("Generated lines: files whose leading comments mark them generated (Go's \"Code generated ... DO "
                    "NOT EDIT.\", or \"@generated\"), such as protobuf stubs; they are not in the code lines.");
  return t;
}

double median_wall_s(const Measurement& m) {
  const auto s = wall_seconds(m);
  return s.empty() ? 0.0 : stats::median(s);
}

Chart times_chart(const std::vector<BuildPair>& pairs) {
  json labels = json::array(), go = json::array(), rust = json::array();
  auto value = [](const Measurement* m) {
    return m && m->status == "ok" && !m->samples.empty() ? log_value(median_wall_s(*m)) : json(nullptr);
  };
  for (const auto& p : pairs) {
    labels.push_back(p.target + ": " + p.scenario);
    go.push_back(value(p.go));
    rust.push_back(value(p.rust));
  }
  return {{{"type", "bar"},
           {"legend", true},
           {"labels", labels},
           {"x", number_axis("wall time of the build, s (log scale)", true)},
           {"y", category_axis("target: scenario")},
           {"datasets",
            {{{"label", "Go (go build)"}, {"color", language_color("go")}, {"unit", "s"}, {"data", go}},
             {{"label", "Rust (cargo build)"}, {"color", language_color("rust")}, {"unit", "s"}, {"data", rust}}}}},
          90 + 48 * static_cast<int>(pairs.size()), "Build time, Go vs Rust",
          "lower is better; median of the runs; fresh = empty project cache with the toolchain's std compiled, clean = "
          "cold toolchain (empty cache), no-op = nothing changed, incremental = one line appended to one file "
          "(table: Build time)"};
}

std::vector<Chart> sizes_chart(const Footprint& footprint) {
  json labels = json::array(), built = json::array(), stripped = json::array(), colors = json::array(),
       light = json::array();
  constexpr double kMiB = 1024.0 * 1024.0;
  for (const auto& b : footprint.binaries) {
    if (!b.found) continue;
    labels.push_back(b.workload + " " + b.language + "/" + b.variant);
    built.push_back(static_cast<double>(b.bytes) / kMiB);
    stripped.push_back(b.stripped_bytes ? json(static_cast<double>(*b.stripped_bytes) / kMiB) : json(nullptr));
    colors.push_back(language_color(b.language));
    light.push_back(light_color(b.language));
  }
  if (labels.empty()) return {};
  return {{{{"type", "bar"},
            {"legend", false},
            {"labels", labels},
            {"x", number_axis("binary size, MiB")},
            {"y", category_axis("workload and variant")},
            {"datasets",
             {{{"label", "as built"}, {"unit", "MiB"}, {"colors", colors}, {"data", built}},
              {{"label", "stripped"}, {"unit", "MiB"}, {"colors", light}, {"data", stripped}}}}},
           90 + 30 * static_cast<int>(labels.size()), "Binary sizes of the variants",
           "smaller is better; dark = as built (Go: go build -trimpath; Rust: cargo build --release), light = a "
           "stripped copy (table: Variant binaries in the build directory)"}};
}

}  // namespace

Table build_time_findings(const ReportContext& ctx) {
  Table t("Build time (wall, median of runs; Rust / Go > 1: Rust slower)",
          {"target: scenario", "Go", "Rust", "Rust / Go [95% CI]"});
  for (const auto& p : build_pairs(ctx.doc))
    if (p.go && p.rust) t.add({p.target + ": " + p.scenario, wall_text(p.go), wall_text(p.rust), ratio_cell(p.go, p.rust)});
  return t;
}

Section build_cost_section(const ReportContext& ctx) {
  const auto& doc = ctx.doc;
  Section s{"workload-build-cost", "Build cost", "build", {}, {}};
  const auto pairs = build_pairs(doc);
  const auto footprint = read_footprint(doc.footprint);
  std::vector<Chart> charts;
  if (!pairs.empty()) charts.push_back(times_chart(pairs));
  for (auto& c : sizes_chart(footprint)) charts.push_back(std::move(c));
  s.charts(std::move(charts));
  if (!pairs.empty()) {
    s.table(times_table(doc, pairs));
    if (auto bins = built_binaries_table(pairs); !bins.rows.empty()) s.table(std::move(bins));
  }
  for (auto t : {variant_binaries_table(footprint), code_size_table(footprint), baseline_pairs_table(footprint),
                 shared_code_table(footprint)})
    if (!t.rows.empty()) s.table(std::move(t));
  return s;
}

}  // namespace xlb::report
