#include "toolchain/build_recipe.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <tuple>

#include "core/errors.hpp"
#include "core/names.hpp"

namespace xlb {
namespace {

using nlohmann::json;

json raw_manifest(const WorkloadSpec& w) {
  std::ifstream in(w.manifest_path);
  try {
    return json::parse(in);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number too large
    throw InputError(w.manifest_path.string() + ": not valid JSON: " + e.what());
  }
}

std::string string_field(const json& obj, const std::string& key, const std::string& where) {
  if (!obj.contains(key)) return {};
  if (!obj[key].is_string() || obj[key].get<std::string>().empty()) throw InputError(where + "." + key + ": must be a non-empty string");
  return obj[key].get<std::string>();
}

// A relative path inside the language tree: no absolute paths, no "..".
void check_relative(const std::string& path, const std::string& where) {
  if (path.starts_with("/") || path.find("..") != std::string::npos)
    throw InputError(where + ": '" + path + "' must be a relative path inside the language tree");
}

}  // namespace

const std::vector<std::string>& build_scenario_names() {
  static const std::vector<std::string> names = {
      "fresh-release", "noop", "incremental", "incremental-shared", "fresh-debug", "incremental-debug",
      "incremental-shared-debug", "clean-release", "clean-debug", "build-test"};
  return names;
}

BuildScenario build_scenario(const std::string& mode) {
  using P = BuildProfile;
  //                                                  profile     clean  warm   edit   shared test
  static const std::map<std::string, std::tuple<P, bool, bool, bool, bool, bool>> table = {
      {"fresh-release", {P::release, true, true, false, false, false}},
      {"fresh-debug", {P::debug, true, true, false, false, false}},
      {"clean-release", {P::release, true, false, false, false, false}},
      {"clean-debug", {P::debug, true, false, false, false, false}},
      {"noop", {P::release, false, false, false, false, false}},
      {"incremental", {P::release, false, false, true, false, false}},
      {"incremental-shared", {P::release, false, false, true, true, false}},
      {"incremental-debug", {P::debug, false, false, true, false, false}},
      {"incremental-shared-debug", {P::debug, false, false, true, true, false}},
      {"build-test", {P::debug, true, true, false, false, true}},
  };
  const auto it = table.find(mode);
  if (it == table.end()) {
    std::string known;
    for (const auto& n : build_scenario_names()) known += (known.empty() ? "" : ", ") + n;
    throw InputError("build workload: unknown mode '" + mode + "' (" + known + ")");
  }
  BuildScenario s;
  s.mode = mode;
  std::tie(s.profile, s.clean, s.warm_toolchain, s.edit, s.shared_edit, s.test) = it->second;
  return s;
}

std::string BuildScenario::describe() const {
  const std::string profile_text = profile == BuildProfile::release ? "release" : "debug";
  if (test) return "build + test: fresh checkout, warm toolchain, then go test / cargo test (compile and run the tests)";
  if (clean && warm_toolchain) return "fresh checkout, warm toolchain (" + profile_text + "): project and dependency outputs empty, the standard library already compiled";
  if (clean) return "cold toolchain (" + profile_text + "): empty cache, Go compiles its standard library too";
  if (shared_edit) return "incremental (" + profile_text + ") after a one-line edit of a widely imported file";
  if (edit) return "incremental (" + profile_text + ") after a one-line edit of the target's own main file";
  return "no-op (" + profile_text + "): the same build again";
}

bool toolchain_compiles_std(const std::string& language) { return language == "go"; }

BuildTarget build_target(const WorkloadSpec& w, const InputSpec& input, const std::string& language) {
  const std::string file = w.manifest_path.string();
  const std::string where = file + ": inputs '" + input.name + "'.params." + language;
  BuildTarget t;
  const json params = input.params.contains(language) ? input.params[language] : json::object();
  if (!params.is_object()) throw InputError(where + ": must be an object");
  const auto target = string_field(params, "target", where);
  if (!target.empty() && !is_identifier(target))
    throw InputError(where + ".target: '" + target + "' is not a variant target name");
  const bool go = language == "go";
  if (target.empty()) {
    if (go) t.packages = {"./..."};  // Rust: no packages means --workspace
  } else {
    t.packages = {go ? "./cmd/" + target : target};
    t.edit_file = go ? "cmd/" + target + "/main.go" : "variants/" + target + "/src/main.rs";
  }
  if (auto edit = string_field(params, "edit", where); !edit.empty()) t.edit_file = edit;
  if (t.edit_file.empty()) throw InputError(where + ": the whole project needs an 'edit' file for the incremental build");
  check_relative(t.edit_file, where + ".edit");
  t.shared_edit_file = string_field(params, "shared_edit", where);
  if (!t.shared_edit_file.empty()) check_relative(t.shared_edit_file, where + ".shared_edit");

  const json raw = raw_manifest(w);
  const std::string lines_where = file + ": build.edit_lines." + language;
  if (!raw.contains("build") || !raw["build"].is_object() || !raw["build"].contains("edit_lines") ||
      !raw["build"]["edit_lines"].is_object())
    throw InputError(file + ": build: needs an object 'edit_lines' {\"go\": ..., \"rust\": ...}");
  t.edit_line = string_field(raw["build"]["edit_lines"], language, file + ": build.edit_lines");
  if (t.edit_line.empty()) throw InputError(lines_where + ": missing");
  if (t.edit_line.find("{n}") == std::string::npos || t.edit_line.find('\n') != std::string::npos)
    throw InputError(lines_where + ": must be one line containing {n} (each incremental build changes it)");
  return t;
}

BuildInvocation go_build(const BuildTarget& t, BuildProfile profile, const BuildDirs& dirs, int jobs) {
  BuildInvocation b;
  b.argv = {"go", "build", "-trimpath", "-p", std::to_string(jobs)};
  if (profile == BuildProfile::debug) b.argv.push_back("-gcflags=all=-N -l");
  // A directory ending in a slash: every main package is linked into it, also for ./...
  b.argv.insert(b.argv.end(), {"-o", dirs.out.string() + "/"});
  b.argv.insert(b.argv.end(), t.packages.begin(), t.packages.end());
  // An empty GOCACHE for a clean build; no network, no toolchain switch, no workspace file from outside.
  b.env = {{"GOCACHE", dirs.cache.string()}, {"GOPROXY", "off"}, {"GOTOOLCHAIN", "local"}, {"GOWORK", "off"}};
  b.cwd = dirs.tree;
  b.binaries_dir = dirs.out;
  b.profile = profile == BuildProfile::release
                  ? "go build -trimpath (the default: optimised, inlined, with DWARF)"
                  : "go build -trimpath -gcflags=all=-N -l (optimisations and inlining off, as debuggers want; Go has no "
                    "separate debug profile)";
  return b;
}

BuildInvocation cargo_build(const BuildTarget& t, BuildProfile profile, const BuildDirs& dirs, int jobs) {
  BuildInvocation b;
  b.argv = {"cargo", "build"};
  if (profile == BuildProfile::release) b.argv.push_back("--release");
  b.argv.insert(b.argv.end(), {"--locked", "--jobs", std::to_string(jobs), "--target-dir", dirs.cache.string()});
  if (t.packages.empty()) b.argv.push_back("--workspace");
  for (const auto& p : t.packages) b.argv.insert(b.argv.end(), {"-p", p});
  b.env = {{"CARGO_NET_OFFLINE", "true"}, {"CARGO_TERM_COLOR", "never"}};
  b.cwd = dirs.tree;
  b.binaries_dir = dirs.cache / (profile == BuildProfile::release ? "release" : "debug");
  b.profile = profile == BuildProfile::release
                  ? "cargo build --release (opt-level 3, no debug info, not incremental, workspace Cargo.toml profile)"
                  : "cargo build (dev profile: opt-level 0, debug info, incremental)";
  return b;
}

BuildInvocation go_test(const BuildTarget& t, const BuildDirs& dirs, int jobs) {
  BuildInvocation b = go_build(t, BuildProfile::release, dirs, jobs);
  // go test links each test binary in a temporary directory and runs it (vet's default checks first).
  b.argv = {"go", "test", "-trimpath", "-p", std::to_string(jobs), "-count=1"};
  b.argv.insert(b.argv.end(), t.packages.begin(), t.packages.end());
  b.binaries_dir.clear();
  b.profile = "go test -trimpath -count=1 (test binaries built and run, vet's default checks)";
  return b;
}

BuildInvocation cargo_test(const BuildTarget& t, const BuildDirs& dirs, int jobs) {
  BuildInvocation b = cargo_build(t, BuildProfile::debug, dirs, jobs);
  b.argv[1] = "test";
  b.binaries_dir.clear();
  b.profile = "cargo test (dev profile: unit, integration and doc tests built and run)";
  return b;
}

BuildInvocation go_warm_std(const BuildScenario& scenario, const BuildDirs& dirs, int jobs) {
  BuildTarget std_target;
  std_target.packages = {"std"};
  // go test builds its packages with the release flags.
  BuildInvocation b = go_build(std_target, scenario.test ? BuildProfile::release : scenario.profile, dirs, jobs);
  // Compiled into the cache only: go build of several packages writes no binary without -o.
  b.argv.erase(std::find(b.argv.begin(), b.argv.end(), "-o"), b.argv.end() - 1);
  b.binaries_dir.clear();
  b.profile = "go build std (untimed: the standard library compiled into the cache)";
  return b;
}

BuildInvocation command_build(const std::vector<std::string>& command, const std::string& mode,
                              const std::string& input, BuildProfile profile, const BuildDirs& dirs, int jobs) {
  BuildInvocation b;
  b.argv = command;
  b.argv.insert(b.argv.end(), {mode, input, profile == BuildProfile::release ? "release" : "debug"});
  b.env = {{"XLB_BUILD_CACHE", dirs.cache.string()},
           {"XLB_BUILD_OUT", dirs.out.string()},
           {"XLB_BUILD_JOBS", std::to_string(jobs)}};
  b.cwd = dirs.tree;
  b.binaries_dir = dirs.out;
  b.profile = "explicit command from the manifest";
  return b;
}

}  // namespace xlb
