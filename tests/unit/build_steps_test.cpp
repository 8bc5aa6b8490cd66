// How variants become build steps: one per Go variant, one cargo invocation per
// workload for the Rust workspace (so cargo's feature unification stays inside a
// workload), one per external Cargo package.
#include "toolchain/toolchain.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace xlb {
namespace {

VariantSpec variant(const std::string& workload, const std::string& language, const std::string& name,
                    const std::string& target) {
  VariantSpec v;
  v.workload = workload;
  v.language = language;
  v.name = name;
  v.target = target;
  return v;
}

const BuildStep* step_named(const std::vector<BuildStep>& steps, const std::string& name) {
  const auto it = std::find_if(steps.begin(), steps.end(), [&](const BuildStep& s) { return s.name == name; });
  return it == steps.end() ? nullptr : &*it;
}

TEST(BuildSteps, RustVariantsAreBuiltPerWorkloadSoFeaturesDoNotCross) {
  ProjectPaths paths;
  paths.root = "/src";
  paths.build_dir = "/src/build";
  const auto steps = build_steps({variant("http", "rust", "axum", "http_axum"), variant("http", "rust", "hyper", "http_hyper"),
                                  variant("grpc", "rust", "tonic", "grpc_tonic"), variant("http", "go", "gin", "http_gin")},
                                 paths);
  ASSERT_EQ(steps.size(), 3u);
  const auto* http = step_named(steps, "rust:http");
  const auto* grpc = step_named(steps, "rust:grpc");
  ASSERT_TRUE(http && grpc);
  EXPECT_EQ(http->argv, (std::vector<std::string>{"cargo", "build", "--release", "--locked", "--target-dir",
                                                  paths.rust_target_dir().string(), "-p", "http_axum", "-p",
                                                  "http_hyper"}));
  EXPECT_EQ(std::count(grpc->argv.begin(), grpc->argv.end(), "-p"), 1);
  EXPECT_EQ(grpc->argv.back(), "grpc_tonic");
  for (const auto& s : steps) EXPECT_EQ(std::count(s.argv.begin(), s.argv.end(), "--workspace"), 0) << s.name;
  EXPECT_EQ(http->variant_ids, (std::vector<std::string>{"rust/axum", "rust/hyper"}));
  EXPECT_EQ(http->cwd, paths.root / "rust_impls");
  ASSERT_TRUE(step_named(steps, "go:http_gin"));
}

TEST(BuildSteps, ManifestsNameTheirVariantsWorkload) {
  const auto all = discover_workloads(std::filesystem::path(XLB_SOURCE_DIR) / "workloads");
  ASSERT_FALSE(all.empty());
  for (const auto& w : all)
    for (const auto& v : w.variants) EXPECT_EQ(v.workload, w.name) << v.id();
}

}  // namespace
}  // namespace xlb
