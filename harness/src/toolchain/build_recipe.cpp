#include "toolchain/build_recipe.hpp"

#include <fstream>

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
  static const std::vector<std::string> names = {"clean-release", "noop", "incremental", "clean-debug"};
  return names;
}

BuildScenario build_scenario(const std::string& mode) {
  if (mode == "clean-release") return {mode, BuildProfile::release, true, false};
  if (mode == "noop") return {mode, BuildProfile::release, false, false};
  if (mode == "incremental") return {mode, BuildProfile::release, false, true};
  if (mode == "clean-debug") return {mode, BuildProfile::debug, true, false};
  throw InputError("build workload: unknown mode '" + mode + "' (clean-release, noop, incremental, clean-debug)");
}

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
