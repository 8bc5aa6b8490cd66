#pragma once
// A whole run: select, pre-flight inputs and checksums, build, measure with
// interleaved variants, save after every process run, then write the reports.
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "manifest.hpp"
#include "plan.hpp"
#include "toolchain.hpp"

namespace xlb {

struct Selection {
  std::vector<std::string> workloads, languages, variants, inputs, modes;  // empty: all
};

struct RunOptions {
  Selection selection;
  Plan plan;
  ProjectPaths paths;
  std::filesystem::path data_dir;     // may be empty
  std::filesystem::path results_dir;  // run goes to results_dir/<run_id>/
  std::string run_id;                 // empty: from the clock
  bool build = true;
  std::vector<std::string> command_line;
  bool resume = false;            // continue the stopped run `run_id` (xlbench run --resume)
  bool allow_concurrent = false;  // run even when another run holds the machine lock
  bool instructions = false;  // also count instructions per operation (batch workloads, callgrind)
  // Measured right after the selected variant of the same language and name
  // minus the suffix (xlbench ab: "<name>@base"), keyed by workload.
  std::map<std::string, std::vector<VariantSpec>> companion_variants;
};

// Returns the process exit status: 0 done (invalid or failed variants are
// reported, not fatal), 130 interrupted. Throws InputError before measuring
// anything when the selection, a manifest or an input is bad.
int run_suite(const RunOptions& options, std::ostream& out);

}  // namespace xlb
