// Unit tests for the Go/Rust line counter behind the code-size rows.
#include "kinds/build/source_lines.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

namespace {

using xlb::count_source_lines;
using xlb::LineCounts;
using xlb::SourceLanguage;

LineCounts go(std::string_view text) { return count_source_lines(text, SourceLanguage::go); }
LineCounts rust(std::string_view text) { return count_source_lines(text, SourceLanguage::rust); }

TEST(SourceLines, CountsCodeCommentsAndBlankLines) {
  auto c = go(
      "// Package main says hello.\n"
      "package main\n"
      "\n"
      "import \"fmt\" // trailing comment: still a code line\n"
      "   \t\n"
      "/* a block\n"
      "\n"
      "   comment */\n"
      "func main() { fmt.Println(\"hi\") }\n");
  EXPECT_EQ(c.code, 3);
  EXPECT_EQ(c.comment, 4);  // the blank line inside the block comment is comment
  EXPECT_EQ(c.blank, 2);
  EXPECT_EQ(c.test, 0);
}

TEST(SourceLines, CodeAfterABlockCommentOnTheSameLineCounts) {
  auto c = go("/* lead */ x := 1\n/* only */\nx++ /* tail\n*/\n");
  EXPECT_EQ(c.code, 2);
  EXPECT_EQ(c.comment, 2);
}

TEST(SourceLines, CommentMarkersInsideStringsAreCode) {
  auto c = go("u := \"http://example.com/*\"\nv := `/* not a comment\n// still the raw string\n`\n");
  EXPECT_EQ(c.code, 4);
  EXPECT_EQ(c.comment, 0);
}

TEST(SourceLines, EscapedQuotesDoNotEndAString) {
  auto c = go("s := \"a \\\" // b\"\n// real comment\n");
  EXPECT_EQ(c.code, 1);
  EXPECT_EQ(c.comment, 1);
}

TEST(SourceLines, GoRuneLiteralsHoldingQuotes) {
  auto c = go("q := '\"'\n// comment\nr := '\\''\n// comment\n");
  EXPECT_EQ(c.code, 2);
  EXPECT_EQ(c.comment, 2);
}

TEST(SourceLines, GoBlockCommentsDoNotNest) {
  // In Go the first */ closes the comment, so "x := 1 */" ... is code.
  auto c = go("/* a /* b */\nx := 1\n");
  EXPECT_EQ(c.code, 1);
  EXPECT_EQ(c.comment, 1);
}

TEST(SourceLines, RustBlockCommentsNest) {
  auto c = rust("/* a /* b */\nstill comment\n*/\nfn main() {}\n");
  EXPECT_EQ(c.code, 1);
  EXPECT_EQ(c.comment, 3);
}

TEST(SourceLines, RustDocCommentsAreComments) {
  auto c = rust("//! crate docs\n/// item docs\n/** block docs */\npub fn f() {}\n");
  EXPECT_EQ(c.code, 1);
  EXPECT_EQ(c.comment, 3);
}

TEST(SourceLines, RustRawStringsSpanLinesAndHideCommentMarkers) {
  auto c = rust(
      "let s = r#\"a \"quoted\" // word\n"
      "\n"
      "/* still in the string */\"#;\n"
      "// comment\n"
      "let b = br\"/*\";\n"
      "// comment\n");
  EXPECT_EQ(c.code, 4);  // the blank line inside the raw string is part of a literal
  EXPECT_EQ(c.comment, 2);
  EXPECT_EQ(c.blank, 0);
}

TEST(SourceLines, RustCharLiteralsAndLifetimes) {
  auto c = rust(
      "fn f<'a>(x: &'a str) -> char { '\"' }\n"
      "// comment\n"
      "let q = '\\''; let s = 'x'; let u = 'é';\n"
      "// comment\n"
      "'outer: loop { break 'outer; }\n"
      "// comment\n");
  EXPECT_EQ(c.code, 3);
  EXPECT_EQ(c.comment, 3);
}

TEST(SourceLines, RawIdentifiersAreNotRawStrings) {
  auto c = rust("let r#type = 1; // comment\n// comment\n");
  EXPECT_EQ(c.code, 1);
  EXPECT_EQ(c.comment, 1);
}

TEST(SourceLines, RustCfgTestModulesAreTestCode) {
  auto c = rust(
      "fn add(a: u8, b: u8) -> u8 { a + b }\n"
      "\n"
      "#[cfg(test)]\n"
      "mod tests {\n"
      "    use super::*;\n"
      "    // a comment in the tests\n"
      "    #[test]\n"
      "    fn adds() { assert_eq!(add(1, 2), 3); }\n"
      "}\n"
      "\n"
      "fn after() {}\n");
  EXPECT_EQ(c.code, 2);
  EXPECT_EQ(c.test, 6);  // attribute, mod line, use, #[test], fn, closing brace
  EXPECT_EQ(c.comment, 1);
  EXPECT_EQ(c.blank, 2);
}

TEST(SourceLines, CfgTestOnOneLineAndWithMoreAttributes) {
  auto one = rust("#[cfg(test)] mod tests { fn t() {} }\nfn f() {}\n");
  EXPECT_EQ(one.test, 1);
  EXPECT_EQ(one.code, 1);
  auto more = rust("#[cfg(test)]\n#[allow(dead_code)]\npub(crate) mod tests {\n  fn t() { let s = \"}\"; }\n}\nfn f() {}\n");
  EXPECT_EQ(more.test, 5);  // the brace inside the string does not close the module
  EXPECT_EQ(more.code, 1);
}

TEST(SourceLines, CfgTestOnANonModuleItemIsCode) {
  auto c = rust("#[cfg(test)]\nuse std::fmt;\nfn f() {}\n");
  EXPECT_EQ(c.code, 3);
  EXPECT_EQ(c.test, 0);
}

TEST(SourceLines, GoHasNoCfgTestRule) {
  auto c = go("#[cfg(test)]\nmod tests {\n}\n");  // not Go, but proves the rule is Rust-only
  EXPECT_EQ(c.test, 0);
  EXPECT_EQ(c.code, 3);
}

TEST(SourceLines, LastLineWithoutNewlineAndCrLf) {
  auto c = go("package main\r\n\r\n// x\r\nfunc main() {}");
  EXPECT_EQ(c.code, 2);
  EXPECT_EQ(c.blank, 1);
  EXPECT_EQ(c.comment, 1);
}

TEST(SourceLines, LanguageFromExtension) {
  EXPECT_EQ(xlb::source_language_of("a/main.go"), SourceLanguage::go);
  EXPECT_EQ(xlb::source_language_of("src/lib.rs"), SourceLanguage::rust);
  EXPECT_FALSE(xlb::source_language_of("Cargo.toml").has_value());
}

TEST(SourceLines, CountsAFile) {
  xlb::unit::TempDir dir("lines");
  xlb::unit::write_text(dir / "main.go", "package main\n\n// c\nfunc main() {}\n");
  auto c = xlb::count_file_lines(dir / "main.go", SourceLanguage::go);
  EXPECT_EQ(c.files, 1);
  EXPECT_EQ(c.code, 2);
  EXPECT_THROW(xlb::count_file_lines(dir / "missing.go", SourceLanguage::go), std::runtime_error);
}

TEST(SourceLines, GeneratedFilesAreRecognisedByTheirLeadingComment) {
  using xlb::is_generated_source;
  EXPECT_TRUE(is_generated_source("// Code generated by protoc-gen-go. DO NOT EDIT.\npackage pb\n"));
  EXPECT_TRUE(is_generated_source("// Licence text.\n\n// Code generated by mockgen. DO NOT EDIT.\npackage m\n"));
  EXPECT_TRUE(is_generated_source("// This file is @generated by prost-build.\npub struct M {}\n"));
  EXPECT_FALSE(is_generated_source("package main\n// Code generated by hand. DO NOT EDIT.\n"));  // after the code
  EXPECT_FALSE(is_generated_source("// Code generated by a person, edit freely.\npackage p\n"));
  EXPECT_FALSE(is_generated_source("fn main() { let s = \"@generated\"; }\n"));
  EXPECT_FALSE(is_generated_source(""));
}

}  // namespace
