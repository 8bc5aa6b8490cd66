#pragma once
// What the user asked a run to do: the selection, the plan, paths and switches.
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/manifest.hpp"
#include "model/plan.hpp"
#include "model/project_paths.hpp"

namespace xlb {

struct Selection {
  std::vector<std::string> workloads, languages, variants, inputs, modes;  // empty: all
};

// Whether a selection list picks `name` (or its other spelling `alt`, e.g. "go/gin" for "gin").
inline bool is_selected(const std::vector<std::string>& wanted, const std::string& name, const std::string& alt = "") {
  if (wanted.empty()) return true;
  for (const auto& w : wanted)
    if (w == name || (!alt.empty() && w == alt)) return true;
  return false;
}

struct RunOptions {
  Selection selection;
  Plan plan;
  ProjectPaths paths;
  std::filesystem::path data_dir;     // may be empty
  std::filesystem::path results_dir;  // run goes to results_dir/<run_id>/
  std::string run_id;                 // empty: from the clock
  // Workloads from outside the tree (--workloads DIR), next to the built-in ones.
  std::vector<std::filesystem::path> workload_dirs;
  // Files of the user's for existing workloads (--input-file <workload>=<path>): workload, path.
  std::vector<std::pair<std::string, std::filesystem::path>> input_files;
  bool build = true;
  std::vector<std::string> command_line;
  bool resume = false;            // continue the stopped run `run_id` (xlbench run --resume)
  bool allow_concurrent = false;  // run even when another run holds the machine lock
  bool instructions = false;  // also count instructions per operation (batch workloads, callgrind)
  // Measured right after the selected variant of the same language and name
  // minus the suffix (xlbench ab: "<name>@base"), keyed by workload.
  std::map<std::string, std::vector<VariantSpec>> companion_variants;
};

}  // namespace xlb
