#include "report/sections/holding_rows.hpp"

#include <string>


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

}  // namespace xlb
