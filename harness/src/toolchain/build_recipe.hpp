#pragma once
// What one measured build runs: the build workload's targets (manifest inputs)
// and scenarios (modes) turned into a go / cargo command line and environment.
// Pure: nothing here spawns or touches the file system.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/manifest.hpp"

namespace xlb {

enum class BuildProfile { release, debug };

// The scenarios a build workload may list as modes.
struct BuildScenario {
  std::string mode;  // clean-release, noop, incremental (release builds), clean-debug
  BuildProfile profile;
  bool clean;        // empty cache / target dir first
  bool edit;         // a one-line change before the build
};
// Throws InputError for a mode that is not a known scenario.
BuildScenario build_scenario(const std::string& mode);
const std::vector<std::string>& build_scenario_names();

// One input of the build workload, for one language.
struct BuildTarget {
  std::vector<std::string> packages;  // Go: package patterns; Rust: cargo packages (empty: --workspace)
  std::string edit_file;              // relative to go_impls/ or rust_impls/
  std::string edit_line;              // appended for an incremental build, "{n}" -> revision
};

// From input.params[language]: {"target": "<variant target>"} builds that
// variant (Go ./cmd/<t>, Rust -p <t>; edit cmd/<t>/main.go or
// variants/<t>/src/main.rs), no target builds the whole project; "edit"
// overrides the edited file. The appended line comes from the manifest's
// top-level "build": {"edit_lines": {"go": ..., "rust": ...}}.
// Throws InputError naming the manifest and the field.
BuildTarget build_target(const WorkloadSpec& workload, const InputSpec& input, const std::string& language);

struct BuildDirs {
  std::filesystem::path tree;   // the scratch copy of go_impls/ or rust_impls/
  std::filesystem::path cache;  // GOCACHE, or cargo's --target-dir
  std::filesystem::path out;    // Go's -o directory
};

struct BuildInvocation {
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;  // overrides of the harness's environment
  std::filesystem::path cwd;
  std::filesystem::path binaries_dir;      // where the linked executables land
  std::string profile;                     // what the profile means, for the results
};

BuildInvocation go_build(const BuildTarget& t, BuildProfile profile, const BuildDirs& dirs, int jobs);
BuildInvocation cargo_build(const BuildTarget& t, BuildProfile profile, const BuildDirs& dirs, int jobs);
// A manifest variant with an explicit `command` (test doubles): command + <mode> <input> <profile>,
// with XLB_BUILD_CACHE, XLB_BUILD_OUT and XLB_BUILD_JOBS in the environment.
BuildInvocation command_build(const std::vector<std::string>& command, const std::string& mode,
                              const std::string& input, BuildProfile profile, const BuildDirs& dirs, int jobs);

}  // namespace xlb
