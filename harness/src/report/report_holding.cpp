#include "report/report_holding.hpp"

#include <string>

#include "core/format.hpp"

namespace xlb {
namespace {

std::optional<double> number_fact(const Measurement& m, const char* key) {
  if (!m.facts.is_object() || !m.facts.contains(key) || !m.facts[key].is_number()) return std::nullopt;
  return m.facts[key].get<double>();
}

// The same variant and mode holding nothing: the figure the growth is measured from.
const Measurement* zero_resource_run(const ResultsDoc& doc, const Measurement& m) {
  for (const auto& base : doc.measurements)
    if (base.workload == m.workload && base.mode == m.mode && base.variant_id() == m.variant_id() &&
        base.status == "ok" && number_fact(base, "held_resources") == 0.0 && number_fact(base, "rss_after_kb"))
      return &base;
  return nullptr;
}

std::string mb(double kb) { return fixed(kb / 1024.0, 1); }
std::string opt_text(const std::optional<double>& v, double divisor, int decimals) {
  return v ? fixed(*v / divisor, decimals) : "-";
}

// "Go / Rust: 3.10x the RSS holding 5000, 3.40x the growth per resource", from the first row of each language.
std::string ratio_line(const std::vector<HoldingRow>& rows) {
  const HoldingRow *go = nullptr, *rust = nullptr;
  for (const auto& r : rows) {
    if (r.m->language == "go" && !go) go = &r;
    if (r.m->language == "rust" && !rust) rust = &r;
  }
  if (!go || !rust || rust->rss_held_kb <= 0) return "";
  std::string line = "Go / Rust (" + go->m->variant_id() + " vs " + rust->m->variant_id() + "): " +
                     fixed(go->rss_held_kb / rust->rss_held_kb, 2) + "x the RSS holding " +
                     std::to_string(go->resources);
  if (go->bytes_per_resource && rust->bytes_per_resource && *rust->bytes_per_resource > 0)
    line += ", " + fixed(*go->bytes_per_resource / *rust->bytes_per_resource, 2) + "x the growth per resource";
  return line;
}

}  // namespace

std::vector<HoldingRow> holding_rows(const ResultsDoc& doc, const std::vector<const Measurement*>& cell) {
  std::vector<HoldingRow> rows;
  for (const auto* m : cell) {
    const auto held = number_fact(*m, "held_resources");
    const auto before = number_fact(*m, "rss_before_kb"), after = number_fact(*m, "rss_after_kb");
    if (m->status != "ok" || !held || !before || !after) continue;
    HoldingRow row;
    row.m = m;
    row.resources = static_cast<std::int64_t>(*held);
    row.rss_start_kb = *before;
    row.rss_held_kb = *after;
    row.heap_inuse_bytes = number_fact(*m, "heap_inuse_bytes");
    if (const auto* base = zero_resource_run(doc, *m); base && row.resources > 0) {
      row.growth_kb = *after - *number_fact(*base, "rss_after_kb");
      row.bytes_per_resource = *row.growth_kb * 1024.0 / static_cast<double>(row.resources);
    }
    rows.push_back(row);
  }
  return rows;
}

void write_holding_console(const ResultsDoc& doc, const std::vector<const Measurement*>& cell, std::ostream& out) {
  const auto rows = holding_rows(doc, cell);
  if (rows.empty()) return;
  const std::string n = std::to_string(rows.front().resources);
  out << "  holding state (variant's own VmRSS, last run; Go after runtime.GC()):\n";
  for (const auto& r : rows) {
    out << "    " << r.m->variant_id() << ": RSS at start-up " << mb(r.rss_start_kb) << " MB, RSS holding " << n
        << " resources " << mb(r.rss_held_kb) << " MB";
    if (r.growth_kb)
      out << ", over the n0 run " << mb(*r.growth_kb) << " MB = " << opt_text(r.bytes_per_resource, 1024.0, 1)
          << " KB per resource";
    if (r.heap_inuse_bytes) out << ", Go HeapInuse " << opt_text(r.heap_inuse_bytes, 1024.0 * 1024.0, 1) << " MB";
    out << "\n";
  }
  if (const auto line = ratio_line(rows); !line.empty()) out << "    " << line << "\n";
}

void write_holding_markdown(const ResultsDoc& doc, const std::vector<const Measurement*>& cell, std::ostream& out) {
  const auto rows = holding_rows(doc, cell);
  if (rows.empty()) return;
  const std::string n = std::to_string(rows.front().resources);
  out << "\nHolding state: the variant's own VmRSS (`/proc/self/status`, last process run) before loading and "
         "while holding "
      << n << " decoded resources (Go: after `runtime.GC()`); "
      << (rows.front().resources == 0 ? std::string("this is the baseline the growth of the other inputs is measured from")
                                      : "growth = RSS holding " + n + " minus the same variant's RSS holding 0 (input n0)")
      << ".\n\n"
      << "| variant | RSS at start-up MB | RSS holding " << n
      << " MB | growth over n0 MB | KB per resource | Go HeapInuse MB |\n|---|---|---|---|---|---|\n";
  for (const auto& r : rows)
    out << "| " << r.m->variant_id() << " | " << mb(r.rss_start_kb) << " | " << mb(r.rss_held_kb) << " | "
        << opt_text(r.growth_kb, 1024.0, 1) << " | " << opt_text(r.bytes_per_resource, 1024.0, 1) << " | "
        << opt_text(r.heap_inuse_bytes, 1024.0 * 1024.0, 1) << " |\n";
  if (const auto line = ratio_line(rows); !line.empty()) out << "\n" << line << ".\n";
}

}  // namespace xlb
