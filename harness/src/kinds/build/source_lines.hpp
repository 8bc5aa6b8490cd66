#pragma once
// Counts lines of Go and Rust source the way "N lines of Go vs M of Rust"
// should be counted: non-blank lines that hold code outside comments.
// Understands // and /* */ comments (nested in Rust), strings and raw strings
// (a comment marker inside a string is code), Rust char literals vs lifetimes,
// and Rust `#[cfg(test)] mod ... { }` blocks, which are counted as test code.
#include <filesystem>
#include <optional>
#include <string_view>

namespace xlb {

enum class SourceLanguage { go, rust };

struct LineCounts {
  long files = 0;
  long code = 0;     // lines with at least one character of code (strings included)
  long comment = 0;  // lines with comments and no code (blank lines inside a block comment too)
  long blank = 0;    // whitespace only, outside any comment or string
  long test = 0;     // code lines inside a Rust #[cfg(test)] module (not in `code`)
  bool generated = false;  // the file says it was generated (is_generated_source)

  LineCounts& operator+=(const LineCounts& o) {
    files += o.files, code += o.code, comment += o.comment, blank += o.blank, test += o.test;
    return *this;
  }
};

// Whether the file's leading comments mark it as generated: Go's convention (a line
// "// Code generated ... DO NOT EDIT.") or "@generated" (prost, tonic and others), so
// protobuf stubs do not count as lines someone wrote.
bool is_generated_source(std::string_view text);

LineCounts count_source_lines(std::string_view text, SourceLanguage language);

// .go -> go, .rs -> rust, anything else: nullopt.
std::optional<SourceLanguage> source_language_of(const std::filesystem::path& file);

// Counts one file (files = 1); throws std::runtime_error when it cannot be read.
LineCounts count_file_lines(const std::filesystem::path& file, SourceLanguage language);

}  // namespace xlb
