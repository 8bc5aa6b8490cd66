#pragma once
// Runs one process of a batch variant and folds what it printed into a Measurement.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kinds/batch/batch_job.hpp"
#include "model/plan.hpp"
#include "model/results.hpp"

namespace xlb {

// A fresh measurement for a job, before any process ran.
Measurement new_measurement(const BatchJob& job);

// Writes the request file, runs the variant once, appends samples and process
// facts to `m`. A crash, hang, protocol error or a checksum that differs from
// the reference marks `m` failed or invalid; nothing is thrown for those.
void run_batch_once(const BatchJob& job, const Plan& plan, const std::filesystem::path& request_path,
                    Measurement& m);

}  // namespace xlb
