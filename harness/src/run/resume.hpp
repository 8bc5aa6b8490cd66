#pragma once
// `xlbench run --resume <run-id>`: what a run stores so that it can be planned
// again, and how an interrupted run's results are picked up where they stopped.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/plan.hpp"
#include "model/results.hpp"
#include "model/resumable_rows.hpp"
#include "model/run_options.hpp"

namespace xlb {

nlohmann::json selection_json(const Selection& selection);
// Both throw InputError naming `source` and the field.
Selection selection_from_json(const nlohmann::json& j, const std::string& source);
// The inverse of plan_json: starts from the named plan, then applies every stored field.
Plan plan_from_json(const nlohmann::json& j, const std::string& source);

// What a resumed run needs from the stopped one.
struct ResumePoint {
  ResultsDoc doc;
  Selection selection;
  Plan plan;
  std::filesystem::path data_dir;  // as the run used it; empty when it had none
  std::vector<std::filesystem::path> workload_dirs;  // --workloads of the run (plan.workload_dirs)
  std::vector<std::pair<std::string, std::filesystem::path>> input_files;  // --input-file (plan.input_files)
};

// Loads <results_dir>/<run_id>/results.json of a run that did not complete
// (status running, interrupted or failed); InputError otherwise.
ResumePoint load_resume_point(const std::filesystem::path& results_dir, const std::string& run_id);

// Refuses to mix measurements of different input bytes across the two halves of a run.
void check_same_inputs(const nlohmann::json& before, const nlohmann::json& now, const std::string& run_id);

}  // namespace xlb
