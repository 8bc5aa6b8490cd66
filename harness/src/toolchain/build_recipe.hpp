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

// The scenarios a build workload may list as modes, named by what a developer
// lives (workloads/build/README.md): fresh checkout with a warm toolchain,
// cold toolchain, no-op, incremental after an edit, build + test.
struct BuildScenario {
  std::string mode;
  BuildProfile profile;
  bool clean = false;           // the project's outputs empty first
  bool warm_toolchain = false;  // with clean: the toolchain's own std already compiled (Go: a warmed GOCACHE)
  bool edit = false;            // a one-line change before the build
  bool shared_edit = false;     // with edit: in the widely imported file, not the target's own main
  bool test = false;            // go test / cargo test instead of a build
  // Builds that share a cache: release and debug builds, and test builds apart from both.
  std::string state() const { return test ? "test" : profile == BuildProfile::release ? "release" : "debug"; }
  std::string describe() const;  // one line for the results and the report
};
// Throws InputError for a mode that is not a known scenario.
BuildScenario build_scenario(const std::string& mode);
const std::vector<std::string>& build_scenario_names();

// One input of the build workload, for one language.
struct BuildTarget {
  std::vector<std::string> packages;  // Go: package patterns; Rust: cargo packages (empty: --workspace)
  std::string edit_file;              // relative to go_impls/ or rust_impls/
  std::string edit_line;              // appended for an incremental build, "{n}" -> revision
  std::string shared_edit_file;       // a widely imported file (incremental-shared); empty: none named
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
// Compile and run the target's tests: go test <packages> / cargo test (dev profile).
BuildInvocation go_test(const BuildTarget& t, const BuildDirs& dirs, int jobs);
BuildInvocation cargo_test(const BuildTarget& t, const BuildDirs& dirs, int jobs);
// Go's standard library compiled into dirs.cache with the flags the timed build of
// `scenario` uses (cache keys include them): what a toolchain that has built
// anything before already has. Rust ships its std prebuilt: no equivalent.
BuildInvocation go_warm_std(const BuildScenario& scenario, const BuildDirs& dirs, int jobs);
// Whether a language's toolchain compiles its own standard library into the build cache.
bool toolchain_compiles_std(const std::string& language);
// A manifest variant with an explicit `command` (test doubles): command + <mode> <input> <profile>,
// with XLB_BUILD_CACHE, XLB_BUILD_OUT and XLB_BUILD_JOBS in the environment.
BuildInvocation command_build(const std::vector<std::string>& command, const std::string& mode,
                              const std::string& input, BuildProfile profile, const BuildDirs& dirs, int jobs);

}  // namespace xlb
