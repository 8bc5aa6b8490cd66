#pragma once
// Workload manifests (workloads/<name>/workload.json): discovery and validation.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace xlb {

struct InputSpec {
  std::string name;
  std::string schema;                     // typed shape the variants decode into
  std::optional<std::string> file;        // relative to the data directory
  std::optional<std::filesystem::path> local_file;  // "path": a file of the workload's own, absolute
  std::optional<std::string> sha256;      // required with `file`, optional with `path`
  std::optional<nlohmann::json> generate; // generator name + params
  nlohmann::json params = nlohmann::json::object();  // passed to variants in the request
  bool full_only = false;  // too slow for the quick plan
  std::vector<std::string> modes;  // the modes this input runs in; empty: every mode of the workload
  bool user_file = false;  // given by the user at run time (--input-file), not by the manifest

  // Neither a file nor generated: a parameter point (e.g. a task count).
  bool params_only() const { return !file && !local_file && !generate; }
};

struct VariantSpec {
  std::string language;  // "go" or "rust"
  std::string name;      // identifier, unique per language within a workload
  std::string target;    // Go command dir under go_impls/cmd, or cargo binary name
  std::string library;
  std::string label;     // "idiomatic" or "tuned"
  std::vector<std::string> command;  // optional prebuilt command; skips the build
  std::vector<std::string> skip_inputs;  // inputs this variant is not run on (e.g. 1M OS threads)
  std::vector<std::string> full_only_inputs;  // inputs this variant skips in the quick plan
  // Built from the workload's own project ("project" in its manifest): the Go module or Cargo
  // package directory, absolute. Empty: the project's go_impls/ or rust_impls/.
  std::filesystem::path project_dir;
  std::string project_owner;  // the workload that owns project_dir (its build outputs' folder)
  std::string workload;       // the manifest this variant comes from

  std::string id() const { return language + "/" + name; }
  // Unique across workloads: a workload's own variant may share an id with a built-in one.
  std::string build_key() const { return project_owner.empty() ? id() : project_owner + ":" + id(); }
};

// What a workload contributes when it runs as part of the default suite rather
// than named with --workload: some of its modes and inputs (e.g. the build
// workload's cheap scenarios), and how many rounds (0: the plan's).
struct SuitePart {
  std::vector<std::string> modes, inputs;
  int rounds = 0;
};

struct WorkloadSpec {
  std::filesystem::path manifest_path;
  std::string name;
  std::string kind;  // a kind of the registry (run/kind_registry.hpp): batch, spawn, server, build
  std::string description;
  bool in_default_suite = true;  // "default": false -> runs only when named with --workload
  std::vector<std::string> modes;
  std::vector<InputSpec> inputs;
  // Manifest "suite": {"full": {...}, "quick": {...}}: plan name -> part run in the default
  // suite. A plan not listed: the whole workload.
  std::map<std::string, SuitePart> suite;
  nlohmann::json checksum;  // per-mode checksum rules
  std::vector<VariantSpec> variants;
  std::map<std::string, std::string> baseline;  // language -> variant name
  // Server workloads: {"engine": "postgresql", ...}: the runner starts a throwaway
  // database before the servers and passes its URL in params (null: none).
  nlohmann::json database;
  // Files a user may bring at run time (--input-file <workload>=<path>): the modes they run in
  // and the schema and params they are given (manifest "user_inputs"). Unset: none accepted.
  std::optional<InputSpec> user_inputs;
  // Where the manifest came from: "built-in" (workloads/) or the --workloads directory.
  std::string origin = "built-in";

  std::filesystem::path dir() const { return manifest_path.parent_path(); }
};

// Parses and validates one manifest; throws InputError naming file and field.
WorkloadSpec load_manifest(const std::filesystem::path& manifest_path);

// The input spec of a user's own file for `workload` (xlbench run --input-file), named
// "file-<file name stem>". Throws InputError naming the option when the workload's manifest
// accepts no user files or the file is not there.
InputSpec user_input(const WorkloadSpec& workload, const std::filesystem::path& file);

// Every workloads/*/workload.json below root, sorted by name.
std::vector<WorkloadSpec> discover_workloads(const std::filesystem::path& workloads_dir);

// Workloads that live outside the tree (xlbench run --workloads DIR): DIR is one workload
// (DIR/workload.json) or holds several (DIR/*/workload.json). Throws InputError naming DIR when
// it holds none.
std::vector<WorkloadSpec> discover_external_workloads(const std::filesystem::path& dir);

// The built-in workloads and those of each external directory, sorted by name. Throws InputError
// naming both manifests when two workloads share a name.
std::vector<WorkloadSpec> discover_all_workloads(const std::filesystem::path& workloads_dir,
                                                 const std::vector<std::filesystem::path>& external_dirs);

}  // namespace xlb
