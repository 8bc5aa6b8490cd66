#pragma once
// Checks before a run starts, so that a run which cannot keep its results
// fails in its first second, not after twenty minutes of measuring.
#include <cstdint>
#include <filesystem>

namespace xlb {

// results.json is rewritten after every process run (twice its size while the
// temporary file exists) and a full run's documents reach a few MB.
inline constexpr std::uintmax_t kMinFreeResultsBytes = 8u << 20;

// Creates the directory if needed, writes and removes a probe file, and checks
// the free space. Throws InputError naming the directory and the problem.
void check_results_dir(const std::filesystem::path& results_dir,
                       std::uintmax_t min_free_bytes = kMinFreeResultsBytes);

}  // namespace xlb
