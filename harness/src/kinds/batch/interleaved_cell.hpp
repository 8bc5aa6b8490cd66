#pragma once
// The unit of the batch and spawn kinds: one cell, its variants' process runs interleaved
// round by round (A B, then B A), each run folded into that variant's measurement and saved.
#include <functional>
#include <memory>

#include "kinds/batch/batch_job.hpp"
#include "kinds/cells.hpp"

namespace xlb {

// Runs one process of `job` (round 0 first) and folds it into `m`.
using RunOnce = std::function<void(const BatchJob& job, const Plan& plan, const std::filesystem::path& request,
                                   int round, Measurement& m)>;

struct InterleavedCellOptions {
  int rounds = 1;                    // process runs per variant
  RunOnce run_once;
  bool count_instructions = false;  // afterwards, one callgrind run per variant (--instructions)
};

std::unique_ptr<WorkUnit> interleaved_cell_unit(Cell cell, InterleavedCellOptions options);

// A batch-like kind's plan: the workload's cells (checksum rules, reference variants allowed),
// one interleaved unit each.
std::vector<std::unique_ptr<WorkUnit>> interleaved_units(const WorkloadSpec& w, PlanContext& ctx,
                                                         const InterleavedCellOptions& options);

}  // namespace xlb
