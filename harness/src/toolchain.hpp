#pragma once
// How Go and Rust variants are built and where their binaries land.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "manifest.hpp"

namespace xlb {

struct ProjectPaths {
  std::filesystem::path root;       // the checkout: workloads/, go_impls/, rust_impls/
  std::filesystem::path build_dir;  // root/build unless overridden
  std::filesystem::path rust_target;  // empty: build_dir/rust-target

  std::filesystem::path go_bin_dir() const { return build_dir / "bin" / "go"; }
  std::filesystem::path rust_target_dir() const {
    return rust_target.empty() ? build_dir / "rust-target" : rust_target;
  }
  std::filesystem::path input_cache() const { return build_dir / "inputs"; }
};

struct BuildStep {
  std::string name;  // "go:json_encoding_json", "rust:workspace"
  std::vector<std::string> argv;
  std::filesystem::path cwd;
  std::vector<std::string> variant_ids;  // variants this step produces
};

// One step per Go variant (a broken one does not block the others) and one
// cargo invocation for the whole Rust workspace (shared dependency builds).
std::vector<BuildStep> build_steps(const std::vector<VariantSpec>& variants, const ProjectPaths& paths);

// argv to start a built variant (without protocol arguments).
std::vector<std::string> variant_command(const VariantSpec& v, const ProjectPaths& paths);

// Profiles and flags both languages are built with, recorded in every results file.
nlohmann::json build_flags();

}  // namespace xlb
