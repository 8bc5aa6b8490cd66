#pragma once
// The plug-in interface of a workload kind (batch, spawn, server, build): the scheduler
// (run/suite.cpp) asks each selected workload's kind for units of work at pre-flight, builds
// the variants they name, then measures the units in order. It knows no kind by name; the
// registry (run/kind_registry.cpp) maps a manifest's "kind" to its implementation.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "inputs/inputs.hpp"
#include "model/manifest.hpp"
#include "model/results.hpp"
#include "model/run_options.hpp"

namespace xlb {

// What a kind's plan() may read and add to at pre-flight, before anything is built or timed.
struct PlanContext {
  const RunOptions& options;
  InputContext inputs;                 // where inputs are found and generated
  ResultsDoc& doc;                     // plan() records each input it resolves in doc.inputs
  std::vector<VariantSpec>& to_build;  // variants the units will start
  bool quick() const { return options.plan.name == "quick"; }
};

// [done/total] progress lines over the whole run.
struct Progress {
  std::size_t done = 0, total = 0;
};

// What a unit measures with: the run's results document, saved after every process run.
struct MeasureContext {
  const RunOptions& options;
  std::filesystem::path run_dir;
  ResultsDoc& doc;
  const std::map<std::string, std::string>& build_failed;  // variant id -> reason
  std::function<void()> checkpoint;                        // save results.json (throws when it cannot)
  Progress& progress;
  std::function<std::string(const Measurement&)> describe;  // a progress line's figures for a row
};

// One piece of a run: the cells of one workload and input, or one build plan.
class WorkUnit {
 public:
  virtual ~WorkUnit() = default;
  // Steps this unit adds to the [done/total] counter (0: it logs its own progress).
  virtual std::size_t progress_steps() const = 0;
  // Units of a later stage run after every unit of an earlier one (builds load the machine: last).
  virtual int stage() const { return 0; }
  // Measures into ctx.doc; false when the user interrupted (nothing more is started).
  virtual bool measure(MeasureContext& ctx) = 0;
};

class WorkloadKind {
 public:
  virtual ~WorkloadKind() = default;
  virtual std::string name() const = 0;
  // The units a selected workload needs (none when the selection leaves nothing of it).
  // Throws InputError naming the manifest and field, or the input, for anything that cannot run.
  virtual std::vector<std::unique_ptr<WorkUnit>> plan(const WorkloadSpec& workload, PlanContext& ctx) const = 0;
  // Whether the workload's variants are programs the harness builds (the build kind's are toolchains).
  virtual bool builds_variants() const { return true; }
};

}  // namespace xlb
