#include "toolchain/toolchain.hpp"

#include <cstdlib>
#include <map>

#include "core/names.hpp"

namespace xlb {

std::vector<BuildStep> build_steps(const std::vector<VariantSpec>& variants, const ProjectPaths& paths) {
  std::vector<BuildStep> steps;
  std::map<std::string, BuildStep> workspace_steps;       // workload -> its Rust variants, one cargo invocation
  std::map<std::filesystem::path, BuildStep> own_crates;  // a workload's own Cargo package: one step each
  for (const auto& v : variants) {
    if (!v.command.empty()) continue;  // prebuilt (test doubles)
    if (!v.project_dir.empty()) {
      const auto out = paths.workload_build_dir(v.project_owner);
      if (v.language == "go") {
        steps.push_back({"go:" + v.project_owner + ":" + v.name,
                         {"go", "build", "-trimpath", "-o", (out / "go" / std::string(path_leaf(v.target))).string(),
                          v.target},
                         v.project_dir,
                         {v.build_key()}});
      } else {
        auto [it, fresh] = own_crates.try_emplace(v.project_dir);
        if (fresh)
          it->second = {"rust:" + v.project_owner,
                        {"cargo", "build", "--release", "--locked", "--target-dir", (out / "rust-target").string()},
                        v.project_dir,
                        {}};
        it->second.variant_ids.push_back(v.build_key());
      }
      continue;
    }
    if (v.language == "go") {
      steps.push_back({"go:" + v.target,
                       {"go", "build", "-trimpath", "-o", (paths.go_bin_dir() / v.target).string(),
                        "./cmd/" + v.target},
                       paths.root / "go_impls",
                       {v.id()}});
    } else if (v.language == "rust") {
      auto [it, fresh] = workspace_steps.try_emplace(v.workload);
      if (fresh)
        it->second = {"rust:" + v.workload,
                      {"cargo", "build", "--release", "--locked", "--target-dir", paths.rust_target_dir().string()},
                      paths.root / "rust_impls",
                      {}};
      it->second.argv.insert(it->second.argv.end(), {"-p", v.target});
      it->second.variant_ids.push_back(v.id());
    }
  }
  for (auto& [workload, step] : workspace_steps) steps.push_back(std::move(step));
  for (auto& [dir, step] : own_crates) steps.push_back(std::move(step));
  return steps;
}

std::vector<std::string> variant_command(const VariantSpec& v, const ProjectPaths& paths) {
  if (!v.command.empty()) return v.command;
  if (!v.project_dir.empty()) {
    const auto out = paths.workload_build_dir(v.project_owner);
    if (v.language == "go") return {(out / "go" / std::string(path_leaf(v.target))).string()};
    return {(out / "rust-target" / "release" / v.target).string()};
  }
  if (v.language == "go") return {(paths.go_bin_dir() / v.target).string()};
  return {(paths.rust_target_dir() / "release" / v.target).string()};
}

nlohmann::json build_flags() {
  const char* rustflags = std::getenv("RUSTFLAGS");
  return {{"go", {{"command", "go build -trimpath"}, {"GOAMD64", "toolchain default (see go_env)"}}},
          {"rust", {{"command", "cargo build --release --locked"},
                    {"profile", "release (opt-level 3, default codegen-units, no LTO)"},
                    {"RUSTFLAGS", rustflags ? rustflags : ""}}}};
}

}  // namespace xlb
