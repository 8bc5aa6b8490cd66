#include "report/report_build.hpp"

#include <algorithm>
#include <map>

#include "core/format.hpp"
#include "model/metrics.hpp"
#include "stats/stats.hpp"

namespace xlb {
namespace {

using nlohmann::json;

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

std::string linkage_text(const json& b) {
  std::string text = b.value("linkage", "?");
  if (b.value("static", false)) return text;
  std::string libs;
  for (const auto& lib : b.value("needed", json::array())) libs += (libs.empty() ? "" : ", ") + lib.get<std::string>();
  return libs.empty() ? text : text + " (" + libs + ")";
}

std::string stripped_text(const json& b) {
  const auto& s = b.contains("stripped_bytes") ? b["stripped_bytes"] : json();
  return s.is_number() ? mib(s.get<double>()) : "-";
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

TextTable times_table(const ResultsDoc& doc, const std::vector<BuildPair>& pairs) {
  const auto bc = doc.plan.value("build_cost", json::object());
  TextTable t;
  t.title = "Build time";
  t.header = {"target", "scenario", "Go wall", "Rust wall", "Rust/Go", "Go CPU s", "Rust CPU s", "Rust/Go CPU",
              "Go RSS MiB", "Rust RSS MiB"};
  for (const auto& p : pairs)
    t.rows.push_back({p.target, p.scenario, wall_text(p.go), wall_text(p.rust), ratio_cell(p.go, p.rust),
                      cpu_cell(p.go), cpu_cell(p.rust), cpu_ratio_cell(p.go, p.rust), rss_cell(p.go),
                      rss_cell(p.rust)});
  t.note = "Wall time of each build as a child process: median [min-max] of " + std::to_string(bc.value("rounds", 0)) +
           " run(s); a ratio interval needs two runs per side. Builds ran on CPUs " + bc.value("cpus", json::array()).dump() +
           " with " + std::to_string(bc.value("jobs", 0)) +
           " job(s) (go build -p, cargo --jobs). Clean: empty GOCACHE / cargo target dir, dependencies already "
           "downloaded (Go compiles the standard library too; Rust's comes prebuilt). Incremental: one line appended to "
           "one source file of a scratch copy. CPU: user + system of the whole build tree (wait4), mean per build; "
           "wall time also counts waiting for a busy CPU, so on a shared machine read the CPU ratio too (the load "
           "average before each build is in facts.loadavg_before). RSS: the largest "
           "single process (wait4 ru_maxrss) / the sum over the tree sampled every " +
           std::to_string(bc.value("tree_rss_sample_ms", 0)) + " ms.";
  return t;
}

TextTable built_binaries_table(const std::vector<BuildPair>& pairs) {
  TextTable t;
  t.title = "Binaries of the clean builds";
  t.header = {"target", "scenario", "language", "binaries", "as built MiB", "stripped MiB", "linkage"};
  for (const auto& p : pairs) {
    for (const auto* m : {p.go, p.rust}) {
      if (!m || !m->facts.contains("binaries")) continue;
      const auto& list = m->facts["binaries"];
      std::string linkage;
      for (const auto& b : list) {
        const auto text = linkage_text(b);
        if (linkage.find(text) == std::string::npos) linkage += (linkage.empty() ? "" : "; ") + text;
      }
      const std::string name = list.size() == 1 ? list[0].value("name", "") : std::to_string(list.size()) + " executables";
      t.rows.push_back({p.target, p.scenario, m->language, name,
                        mib(m->facts.value("binaries_total_bytes", 0.0)),
                        mib(m->facts.value("binaries_total_stripped_bytes", 0.0)), linkage});
    }
  }
  t.note = "Sizes of every executable the build linked (totals for several); stripped = a copy through `strip`.";
  return t;
}

TextTable variant_binaries_table(const json& footprint) {
  TextTable t;
  t.title = "Variant binaries in the build directory";
  t.header = {"workload", "variant", "as built MiB", "stripped MiB", "linkage"};
  for (const auto& b : footprint.value("binaries", json::array())) {
    const std::string id = b.value("language", "") + "/" + b.value("variant", "");
    if (!b.value("found", false)) {
      t.rows.push_back({b.value("workload", ""), id, "not built", "-", "-"});
      continue;
    }
    t.rows.push_back({b.value("workload", ""), id, mib(b.value("bytes", 0.0)), stripped_text(b), linkage_text(b)});
  }
  t.note = "Release binaries as `xlbench build` left them (Go: go build -trimpath; Rust: cargo build --release).";
  return t;
}

TextTable code_size_table(const json& footprint) {
  TextTable t;
  t.title = "Code size per variant";
  t.header = {"workload", "variant", "files", "code lines", "test lines", "build.rs lines"};
  for (const auto& v : footprint.value("code_size", json::object()).value("variants", json::array())) {
    std::string id = v.value("language", "") + "/" + v.value("variant", "") + (v.value("baseline", false) ? " *" : "");
    if (!v.value("found", false)) {
      t.rows.push_back({v.value("workload", ""), id, "source not found", "-", "-", "-"});
      continue;
    }
    t.rows.push_back({v.value("workload", ""), id, std::to_string(v.value("files", 0)),
                      std::to_string(v.value("code_lines", 0)), std::to_string(v.value("test_lines", 0)),
                      v.value("language", "") == "rust" ? std::to_string(v.value("build_script_lines", 0)) : "-"});
  }
  t.note = "Non-blank, non-comment lines of each variant's own source (go_impls/cmd/<variant>, "
           "rust_impls/variants/<variant>/src), without its tests (_test.go, tests/, #[cfg(test)] modules) and "
           "without the shared packages below. * = the workload's baseline variant.";
  return t;
}

TextTable baseline_pairs_table(const json& footprint) {
  TextTable t;
  t.title = "Code size, baseline pairs";
  t.header = {"workload", "Go variant", "Go lines", "Rust variant", "Rust lines", "Rust/Go"};
  std::map<std::string, std::pair<json, json>> pairs;
  std::vector<std::string> order;
  for (const auto& v : footprint.value("code_size", json::object()).value("variants", json::array())) {
    if (!v.value("baseline", false) || !v.value("found", false)) continue;
    const auto w = v.value("workload", "");
    if (!pairs.contains(w)) order.push_back(w);
    (v.value("language", "") == "go" ? pairs[w].first : pairs[w].second) = v;
  }
  for (const auto& w : order) {
    const auto& [go, rust] = pairs[w];
    if (go.is_null() || rust.is_null()) continue;
    const double g = go.value("code_lines", 0), r = rust.value("code_lines", 0);
    t.rows.push_back({w, go.value("variant", ""), std::to_string(static_cast<long>(g)), rust.value("variant", ""),
                      std::to_string(static_cast<long>(r)), g > 0 ? fixed(r / g, 2) + "x" : "-"});
  }
  return t;
}

TextTable shared_code_table(const json& footprint) {
  TextTable t;
  t.title = "Shared packages (drivers and workload libraries)";
  t.header = {"language", "package", "files", "code lines", "test lines"};
  for (const auto& s : footprint.value("code_size", json::object()).value("shared", json::array()))
    t.rows.push_back({s.value("language", ""), s.value("dir", ""), std::to_string(s.value("files", 0)),
                      std::to_string(s.value("code_lines", 0)), std::to_string(s.value("test_lines", 0))});
  return t;
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c == '\n' ? ' ' : c);
  return out;
}

size_t display_width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::vector<TextTable> build_cost_tables(const ResultsDoc& doc) {
  std::vector<TextTable> tables;
  const auto pairs = build_pairs(doc);
  if (!pairs.empty()) {
    tables.push_back(times_table(doc, pairs));
    auto bins = built_binaries_table(pairs);
    if (!bins.rows.empty()) tables.push_back(bins);
  }
  if (!doc.footprint.empty()) {
    for (auto t : {variant_binaries_table(doc.footprint), code_size_table(doc.footprint),
                   baseline_pairs_table(doc.footprint), shared_code_table(doc.footprint)})
      if (!t.rows.empty()) tables.push_back(std::move(t));
  }
  return tables;
}

void write_build_cost_console(const ResultsDoc& doc, std::ostream& out) {
  const auto tables = build_cost_tables(doc);
  if (tables.empty()) return;
  out << "\nbuild cost\n";
  for (const auto& t : tables) {
    out << "\n  " << t.title << "\n";
    std::vector<size_t> width(t.header.size());
    for (size_t c = 0; c < t.header.size(); ++c) width[c] = display_width(t.header[c]);
    for (const auto& row : t.rows)
      for (size_t c = 0; c < row.size() && c < width.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
    auto line = [&](const std::vector<std::string>& cells) {
      out << "  ";
      for (size_t c = 0; c < cells.size(); ++c)
        out << "  " << cells[c] << (c + 1 < cells.size() ? std::string(width[c] - display_width(cells[c]), ' ') : "");
      out << "\n";
    };
    line(t.header);
    for (const auto& row : t.rows) line(row);
  }
}

void write_build_cost_markdown(const ResultsDoc& doc, std::ostream& out) {
  const auto tables = build_cost_tables(doc);
  if (tables.empty()) return;
  out << "## Build cost\n\n";
  for (const auto& t : tables) {
    out << "### " << t.title << "\n\n|";
    for (const auto& h : t.header) out << " " << md_cell(h) << " |";
    out << "\n|";
    for (size_t c = 0; c < t.header.size(); ++c) out << "---|";
    out << "\n";
    for (const auto& row : t.rows) {
      out << "|";
      for (const auto& cell : row) out << " " << md_cell(cell) << " |";
      out << "\n";
    }
    out << "\n";
    if (!t.note.empty()) out << t.note << "\n\n";
  }
}

}  // namespace xlb
