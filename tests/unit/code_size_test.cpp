// Unit tests for code size per variant and shared package, on a small fake tree.
#include "kinds/build/code_size.hpp"

#include <gtest/gtest.h>

#include "model/manifest.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::unit::TempDir;
using xlb::unit::write_text;

xlb::VariantSpec variant(const std::string& language, const std::string& name, const std::string& target) {
  xlb::VariantSpec v;
  v.language = language;
  v.name = name;
  v.target = target;
  v.library = name;
  return v;
}

class CodeSizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& r = root_.path();
    write_text(r / "go_impls/cmd/srv/main.go", "// Package main.\npackage main\n\nfunc main() {\n\tserve()\n}\n");
    write_text(r / "go_impls/cmd/srv/routes.go", "package main\n\n/* routes */\nfunc serve() {}\n");
    write_text(r / "go_impls/cmd/srv/main_test.go", "package main\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n");
    write_text(r / "go_impls/internal/driver/driver.go", "package driver\n\nfunc Run() {}\n");
    write_text(r / "go_impls/build/junk.go", "package junk\n");
    write_text(r / "rust_impls/variants/srv_rs/src/main.rs",
               "//! The server.\nfn main() {\n    println!(\"hi\");\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n");
    write_text(r / "rust_impls/variants/srv_rs/tests/cli.rs", "#[test]\nfn cli() {}\n");
    write_text(r / "rust_impls/variants/srv_rs/build.rs", "fn main() {\n    xlb_build::emit();\n}\n");
    write_text(r / "rust_impls/variants/srv_rs/Cargo.toml", "[package]\nname = \"srv_rs\"\n");
    write_text(r / "rust_impls/xlb_driver/Cargo.toml", "[package]\nname = \"xlb_driver\"\n");
    write_text(r / "rust_impls/xlb_driver/src/lib.rs", "pub fn run() {}\n");
    write_text(r / "rust_impls/target/release/junk.rs", "fn junk() {}\n");
  }

  std::vector<xlb::WorkloadSpec> workloads() const {
    xlb::WorkloadSpec w;
    w.name = "http";
    w.kind = "server";
    w.variants = {variant("go", "gin", "srv"), variant("rust", "actix", "srv_rs"),
                  variant("rust", "missing", "no_such_dir"), variant("go", "fake", "fake")};
    w.variants.back().command = {"/bin/true"};
    w.baseline = {{"go", "gin"}, {"rust", "actix"}};
    xlb::WorkloadSpec build;
    build.name = "build";
    build.kind = "build";
    build.variants = {variant("go", "go", "go")};
    return {w, build};
  }

  TempDir root_{"code-size"};
};

TEST_F(CodeSizeTest, CountsEachVariantsOwnSourceWithTestsApart) {
  const auto variants = xlb::measure_code_size(workloads(), root_.path()).code_variants;
  ASSERT_EQ(variants.size(), 3u);  // the test double and the build workload's toolchains are not programs
  const auto& go = variants[0];
  EXPECT_EQ(go.variant, "gin");
  EXPECT_EQ(go.dir, "go_impls/cmd/srv");
  EXPECT_TRUE(go.found);
  EXPECT_TRUE(go.baseline);
  EXPECT_EQ(go.lines.files, 2);  // main_test.go is a test
  EXPECT_EQ(go.lines.code_lines, 6);
  EXPECT_EQ(go.lines.comment_lines, 2);
  EXPECT_EQ(go.lines.test_lines, 3);
  const auto& rust = variants[1];
  EXPECT_EQ(rust.dir, "rust_impls/variants/srv_rs");
  EXPECT_EQ(rust.lines.files, 1);
  EXPECT_EQ(rust.lines.code_lines, 3);      // fn main, println, closing brace
  EXPECT_EQ(rust.lines.test_lines, 5 + 2);  // the #[cfg(test)] module and tests/cli.rs
  EXPECT_EQ(rust.lines.build_script_lines, 3);
  EXPECT_FALSE(variants[2].found);
  EXPECT_FALSE(variants[2].baseline);
}

TEST_F(CodeSizeTest, SharedPackagesAreListedSeparately) {
  const auto shared = xlb::measure_code_size(workloads(), root_.path()).shared;
  ASSERT_EQ(shared.size(), 2u);  // go_impls/internal/driver and rust_impls/xlb_driver; not variants/ or target/
  EXPECT_EQ(shared[0].language, "go");
  EXPECT_EQ(shared[0].dir, "go_impls/internal/driver");
  EXPECT_EQ(shared[0].lines.code_lines, 2);
  EXPECT_EQ(shared[1].language, "rust");
  EXPECT_EQ(shared[1].package, "xlb_driver");
  EXPECT_EQ(shared[1].lines.code_lines, 1);
}

TEST_F(CodeSizeTest, TheRealTreeHasAMeasuredRowForEveryVariant) {
  const auto all = xlb::discover_workloads(std::filesystem::path(XLB_SOURCE_DIR) / "workloads");
  const auto variants = xlb::measure_code_size(all, XLB_SOURCE_DIR).code_variants;
  ASSERT_FALSE(variants.empty());
  for (const auto& v : variants) {
    EXPECT_TRUE(v.found) << v.dir;
    if (v.found) {
      EXPECT_GT(v.lines.code_lines, 0) << v.dir;
    }
  }
}

}  // namespace
