#pragma once
// The build workload (kind "build"): clean, no-op and incremental builds of
// the Go and Rust trees in scratch copies, each build a measured child process
// (wall time as the sample, wait4 CPU and peak RSS), plus the footprint: binary
// sizes and lines of code. See workloads/build/README.md.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "kinds/build/footprint.hpp"
#include "model/manifest.hpp"
#include "model/plan.hpp"
#include "model/results.hpp"
#include "model/run_options.hpp"
#include "toolchain/toolchain.hpp"

namespace xlb {

struct BuildCostSelection {
  const WorkloadSpec* workload = nullptr;
  std::vector<const InputSpec*> targets;      // selected inputs: what is built
  std::vector<std::string> modes;             // selected scenarios, manifest order
  std::vector<const VariantSpec*> variants;   // selected toolchains (one per language, or test doubles)
  bool in_suite = false;  // part of the default suite (not named): the footprint is taken even with no build
  int rounds = 0;         // builds per scenario from the manifest's suite part; 0: the plan's
};

// What of a build workload the user's selection asks for; the quick plan
// skips full_only targets; in the default suite (no --workload) the manifest's
// "suite" part for the plan limits modes and inputs. Empty targets, modes or
// variants: nothing to build.
BuildCostSelection select_builds(const WorkloadSpec& w, const Selection& sel, bool quick);

// Checks the selection before anything is measured; InputError naming the
// manifest and field (unknown scenario, malformed target, an edit file that is
// not in the tree under `root`).
void check_build_selection(const BuildCostSelection& sel, const std::filesystem::path& root);

// Measurements this selection will add (one per mode x target x variant), for progress counts.
std::size_t build_measurement_count(const BuildCostSelection& sel);

// Records the footprint in doc.footprint, then runs build_rounds(plan) (or the
// suite's rounds) builds per scenario, target and toolchain (toolchains interleaved), appending one
// measurement each and calling `save` after every build. Build logs go to
// run_dir/build-logs. Returns false when interrupted.
bool run_build_cost(const BuildCostSelection& sel, const Plan& plan, const ProjectPaths& paths,
                    const std::filesystem::path& run_dir, ResultsDoc& doc, const std::function<void()>& save);

// The footprint block: {"code_size": ..., "binaries": [...]}: lines of every
// variant of every workload under `paths.root`, and the size and linkage of
// every variant binary already in the build directory.
Footprint footprint_of_project(const ProjectPaths& paths);

}  // namespace xlb
