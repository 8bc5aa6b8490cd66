#pragma once
// Rust-vs-Go comparisons of a results document, computed from the raw samples
// by one code path so every report says the same thing.
#include <optional>
#include <string>
#include <vector>

#include "model/results.hpp"
#include "stats/stats.hpp"

namespace xlb {

struct LanguageComparison {
  std::string workload, mode, input;
  std::string basis;  // "baseline" (the manifest's idiomatic pair) or "fastest" (best of each language)
  const Measurement* rust = nullptr;
  const Measurement* go = nullptr;
  stats::Comparison cmp;  // on ops/s: ratio = rust / go
  std::string verdict;    // "Rust faster", "Go faster", "no significant difference"
};

// Valid measurements only; invalid and failed ones never enter a comparison.
std::vector<LanguageComparison> compare_languages(const ResultsDoc& doc, double threshold);

// "Rust 2.31x faster", "Go 1.20x faster" or "no clear difference", given significance and threshold.
std::string verdict_text(const stats::Comparison& cmp, double threshold);

// Spawn workloads: bytes per task against the same variant and mode at tasks = 0, from the median
// per-run peak RSS (model/metrics.hpp): (peak(N) - peak(0)) / N.
std::optional<double> bytes_per_task(const ResultsDoc& doc, const Measurement& m);

// Measurements grouped per cell (workload/mode/input) in document order.
std::vector<std::vector<const Measurement*>> cells_of(const ResultsDoc& doc);

}  // namespace xlb
