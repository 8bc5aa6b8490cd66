// Unit tests for scratch copies: build outputs stay behind, edits change the
// copy by exactly one line and never the tree they were copied from.
#include "kinds/build/scratch_tree.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "test_util.hpp"

namespace {

namespace fs = std::filesystem;
using xlb::unit::TempDir;
using xlb::unit::write_text;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every entry below `root` with its content and modification time.
std::map<std::string, std::string> fingerprint(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const auto rel = e.path().lexically_relative(root).string();
    if (e.is_symlink()) {
      out[rel] = "link:" + fs::read_symlink(e.path()).string();
    } else if (e.is_regular_file()) {
      out[rel] = read_text(e.path()) + "@" + std::to_string(e.last_write_time().time_since_epoch().count());
    } else {
      out[rel] = "dir";
    }
  }
  return out;
}

class ScratchTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_text(tree_ / "go.mod", "module x\n");
    write_text(tree_ / "cmd/app/main.go", "package main\n\nfunc main() {}\n");
    write_text(tree_ / "internal/build/tags.go", "package build\n");  // a package named build: a source
    write_text(tree_ / "build/bin/app", "binary");
    write_text(tree_ / "build-extra/x", "junk");
    write_text(tree_ / "target/release/app", "binary");
    write_text(tree_ / ".git/HEAD", "ref");
    fs::create_symlink("cmd/app/main.go", tree_ / "main-link.go");
  }
  TempDir src_{"scratch-src"};
  fs::path tree_ = src_.path() / "go_impls";
};

TEST_F(ScratchTreeTest, CopiesSourcesAndSkipsTopLevelBuildOutputs) {
  TempDir dst("scratch-dst");
  const auto stats = xlb::copy_source_tree(tree_, dst.path());
  EXPECT_EQ(stats.files, 3);
  EXPECT_TRUE(fs::exists(dst / "go.mod"));
  EXPECT_TRUE(fs::exists(dst / "cmd/app/main.go"));
  EXPECT_TRUE(fs::exists(dst / "internal/build/tags.go"));
  EXPECT_FALSE(fs::exists(dst / "build"));
  EXPECT_FALSE(fs::exists(dst / "build-extra"));
  EXPECT_FALSE(fs::exists(dst / "target"));
  EXPECT_FALSE(fs::exists(dst / ".git"));
  ASSERT_TRUE(fs::is_symlink(dst / "main-link.go"));
  EXPECT_EQ(fs::read_symlink(dst / "main-link.go"), "cmd/app/main.go");
  EXPECT_THROW(xlb::copy_source_tree(src_.path() / "missing", dst.path()), std::runtime_error);
}

TEST_F(ScratchTreeTest, EditsChangeTheCopyByOneLineAndNeverTheTree) {
  TempDir dst("scratch-dst");
  xlb::copy_source_tree(tree_, dst.path());
  const auto before = fingerprint(tree_);
  const std::string original = read_text(dst / "cmd/app/main.go");

  xlb::LineEdit edit(dst.path(), "cmd/app/main.go", "var edited = {n} // {n}");
  EXPECT_EQ(edit.apply(1), "var edited = 1 // 1");
  EXPECT_EQ(read_text(dst / "cmd/app/main.go"), original + "var edited = 1 // 1\n");
  edit.apply(2);  // replaces the previous revision: still one line more than the original
  EXPECT_EQ(read_text(dst / "cmd/app/main.go"), original + "var edited = 2 // 2\n");
  edit.restore();
  EXPECT_EQ(read_text(dst / "cmd/app/main.go"), original);

  EXPECT_EQ(fingerprint(tree_), before);
}

TEST_F(ScratchTreeTest, AFileWithoutFinalNewlineGetsOne) {
  TempDir dst("scratch-dst");
  write_text(dst / "a.rs", "fn main() {}");
  xlb::LineEdit edit(dst.path(), "a.rs", "// {n}");
  edit.apply(7);
  EXPECT_EQ(read_text(dst / "a.rs"), "fn main() {}\n// 7\n");
}

TEST_F(ScratchTreeTest, EditsRefusePathsOutsideTheCopy) {
  TempDir dst("scratch-dst");
  xlb::copy_source_tree(tree_, dst.path());
  EXPECT_THROW(xlb::LineEdit(dst.path(), "../go_impls/go.mod", "x {n}"), std::runtime_error);
  EXPECT_THROW(xlb::LineEdit(dst.path(), (tree_ / "go.mod").string(), "x {n}"), std::runtime_error);
  EXPECT_THROW(xlb::LineEdit(dst.path(), "cmd/app/missing.go", "x {n}"), std::runtime_error);
  // A link that leads back into the original tree is refused too.
  fs::create_symlink(tree_ / "go.mod", dst / "escape.mod");
  EXPECT_THROW(xlb::LineEdit(dst.path(), "escape.mod", "x {n}"), std::runtime_error);
  EXPECT_EQ(read_text(tree_ / "go.mod"), "module x\n");
}

TEST(ScratchDir, IsRemovedWithItsContents) {
  fs::path kept;
  {
    xlb::ScratchDir dir("unit");
    kept = dir.path();
    write_text(dir.path() / "a/b/c.txt", "x");
    EXPECT_TRUE(fs::exists(kept / "a/b/c.txt"));
  }
  EXPECT_FALSE(fs::exists(kept));
}

TEST(ScratchTree, BuildOutputNames) {
  for (const char* name : {"target", "build", "build-asan", "node_modules", ".git"})
    EXPECT_TRUE(xlb::is_build_output_dir(name)) << name;
  for (const char* name : {"cmd", "internal", "variants", "builder", "src"})
    EXPECT_FALSE(xlb::is_build_output_dir(name)) << name;
}

}  // namespace
