#pragma once
// Holding-state figures (workloads/holding/README.md): for a spawn cell whose
// variants report the facts held_resources, rss_before_kb and rss_after_kb,
// the RSS at start-up, the RSS while holding N resources, and the growth over
// the same variant's 0-resource run.
#include <optional>
#include <vector>

#include "model/results.hpp"

namespace xlb {

struct HoldingRow {
  const Measurement* m = nullptr;
  std::int64_t resources = 0;
  double rss_start_kb = 0, rss_held_kb = 0;  // the variant's own VmRSS, last process run
  std::optional<double> growth_kb;           // rss_held - rss_held of the 0-resource run
  std::optional<double> bytes_per_resource;  // growth / resources
  std::optional<double> heap_inuse_bytes;    // Go's HeapInuse after runtime.GC()
};

// One row per ok measurement of the cell that carries the holding facts; empty otherwise.
std::vector<HoldingRow> holding_rows(const ResultsDoc& doc, const std::vector<const Measurement*>& cell);

}  // namespace xlb
