#pragma once
// Runs one process of a spawn variant (docs/protocol.md, spawn protocol): the
// whole process is the sample.
#include <filesystem>

#include "model/plan.hpp"
#include "model/results.hpp"
#include "kinds/batch/runner.hpp"

namespace xlb {

// A warm-up run is checked (checksum, clean exit) but not kept as a sample.
void run_spawn_once(const BatchJob& job, const Plan& plan, const std::filesystem::path& request_path,
                    bool warmup, Measurement& m);

}  // namespace xlb
