#pragma once
// Where the checkout and the build directory are, and where built variants land.
#include <filesystem>
#include <string>

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
  // Build outputs of a workload that brings its own Go module or Cargo package.
  std::filesystem::path workload_build_dir(const std::string& workload) const { return build_dir / "ext" / workload; }
};

}  // namespace xlb
