#include "kinds/build/source_lines.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace xlb {
namespace {

bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Bytes in the UTF-8 sequence that starts with `lead` (1 for ASCII or a stray byte).
size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// `mod x {`, `pub mod x {`, `pub(crate) mod x {` ...: a module with a body on this line.
bool opens_module(std::string_view code) {
  if (code.starts_with("pub")) {
    auto mod = code.find(" mod ");
    auto brace = code.find('{');
    return mod != std::string_view::npos && brace != std::string_view::npos && mod < brace;
  }
  return code.starts_with("mod ") && code.find('{') != std::string_view::npos;
}

class Lexer {
 public:
  explicit Lexer(SourceLanguage language) : rust_(language == SourceLanguage::rust) {}

  void line(std::string_view text, LineCounts& counts) {
    bool code = state_ == State::string || state_ == State::raw_string;
    bool comment = state_ == State::block_comment;
    const int depth_at_start = depth_;
    std::string code_text;  // the line's code with literals blanked, for #[cfg(test)] detection
    const size_t n = text.size();
    for (size_t i = 0; i < n; ++i) {
      const char c = text[i];
      const char next = i + 1 < n ? text[i + 1] : '\0';
      switch (state_) {
        case State::block_comment:
          if (rust_ && c == '/' && next == '*') {
            ++block_depth_, ++i;  // Rust block comments nest; Go's do not
          } else if (c == '*' && next == '/') {
            ++i;
            if (--block_depth_ == 0) state_ = State::code;
          }
          continue;
        case State::string:
          code = true;
          if (c == '\\') {
            ++i;  // an escaped character (or, at the end of a line, the newline)
          } else if (c == '"') {
            state_ = State::code;
          }
          continue;
        case State::raw_string:
          code = true;
          if (raw_hashes_ < 0) {
            if (c == '`') state_ = State::code;
          } else if (c == '"' && closes_raw(text, i + 1)) {
            i += static_cast<size_t>(raw_hashes_);
            state_ = State::code;
          }
          continue;
        case State::code:
          break;
      }
      if (is_space(c)) {
        if (!code_text.empty() && code_text.back() != ' ') code_text += ' ';
        continue;
      }
      if (c == '/' && next == '/') {
        comment = true;
        break;  // the rest of the line is a comment
      }
      if (c == '/' && next == '*') {
        comment = true;
        state_ = State::block_comment;
        block_depth_ = 1;
        ++i;
        continue;
      }
      code = true;
      if (c == '"') {
        state_ = State::string;
        code_text += "\"\"";
        continue;
      }
      if (!rust_ && c == '`') {
        state_ = State::raw_string;
        raw_hashes_ = -1;
        code_text += "``";
        continue;
      }
      if (rust_ && c == 'r' && starts_raw_prefix(text, i)) {
        size_t j = i + 1;
        int hashes = 0;
        while (j < n && text[j] == '#') ++hashes, ++j;
        if (j < n && text[j] == '"') {
          state_ = State::raw_string;
          raw_hashes_ = hashes;
          i = j;
          code_text += "r\"\"";
          continue;
        }
      }
      if (c == '\'') {
        if (auto end = char_literal_end(text, i); end != std::string_view::npos) {
          i = end;
          code_text += "' '";
          continue;
        }
      }
      if (c == '{') ++depth_;
      if (c == '}') --depth_;
      code_text += c;
    }
    classify(code, comment, trim(code_text), depth_at_start, counts);
  }

 private:
  enum class State { code, block_comment, string, raw_string };

  // `r` that begins a raw string: not the tail of an identifier, except the `b` of `br"..."`.
  static bool starts_raw_prefix(std::string_view text, size_t i) {
    if (i == 0 || !is_ident_char(text[i - 1])) return true;
    return text[i - 1] == 'b' && (i < 2 || !is_ident_char(text[i - 2]));
  }

  bool closes_raw(std::string_view text, size_t from) const {
    for (int h = 0; h < raw_hashes_; ++h)
      if (from + static_cast<size_t>(h) >= text.size() || text[from + static_cast<size_t>(h)] != '#') return false;
    return true;
  }

  // Index of the quote closing a char (rune) literal that opens at `i`, or npos:
  // in Rust a quote not closed after one character is a lifetime or a label.
  size_t char_literal_end(std::string_view text, size_t i) const {
    const size_t n = text.size();
    if (i + 1 >= n) return std::string_view::npos;
    if (rust_ && text[i + 1] != '\\') {
      const size_t close = i + 1 + utf8_length(static_cast<unsigned char>(text[i + 1]));
      return close < n && text[close] == '\'' ? close : std::string_view::npos;
    }
    for (size_t j = i + 1; j < n; ++j) {
      if (text[j] == '\\') {
        ++j;
      } else if (text[j] == '\'') {
        return j;
      }
    }
    return std::string_view::npos;
  }

  void classify(bool code, bool comment, std::string_view code_text, int depth_at_start, LineCounts& counts) {
    if (!code) {
      ++(comment || state_ == State::block_comment ? counts.comment : counts.blank);
      return;
    }
    if (rust_ && !in_test_) track_test_attribute(code_text, depth_at_start, counts);
    ++(in_test_ ? counts.test : counts.code);
    if (in_test_ && depth_ <= test_depth_) in_test_ = false;
  }

  // `#[cfg(test)]` (alone, or followed by more attributes) and then `mod name {`.
  void track_test_attribute(std::string_view code_text, int depth_at_start, LineCounts& counts) {
    std::string_view rest = code_text;
    const bool attribute_here = rest.starts_with("#[cfg(test)]");
    if (attribute_here) rest = trim(rest.substr(12));
    if ((attribute_here || pending_attribute_lines_ > 0) && opens_module(rest)) {
      in_test_ = true;
      test_depth_ = depth_at_start;
      counts.code -= pending_attribute_lines_;  // the attribute lines belong to the test module
      counts.test += pending_attribute_lines_;
      pending_attribute_lines_ = 0;
      return;
    }
    if (attribute_here && rest.empty()) {
      pending_attribute_lines_ = 1;
    } else if (pending_attribute_lines_ > 0 && code_text.starts_with("#[")) {
      ++pending_attribute_lines_;  // #[cfg(test)] #[allow(...)] mod tests {
    } else {
      pending_attribute_lines_ = 0;
    }
  }

  bool rust_;
  State state_ = State::code;
  int block_depth_ = 0;
  int raw_hashes_ = -1;  // -1: a Go `raw string`; n >= 0: Rust r#"..."# with n hashes
  int depth_ = 0;        // brace depth of code, for the end of a test module
  bool in_test_ = false;
  int test_depth_ = 0;
  long pending_attribute_lines_ = 0;
};

}  // namespace

LineCounts count_source_lines(std::string_view text, SourceLanguage language) {
  LineCounts counts;
  Lexer lexer(language);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lexer.line(text.substr(start, end - start), counts);
    start = end + 1;
  }
  return counts;
}

std::optional<SourceLanguage> source_language_of(const std::filesystem::path& file) {
  const auto ext = file.extension();
  if (ext == ".go") return SourceLanguage::go;
  if (ext == ".rs") return SourceLanguage::rust;
  return std::nullopt;
}

bool is_generated_source(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    auto end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(at, end - at);
    at = end + 1;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    line = line.substr(first);
    const bool comment = line.starts_with("//") || line.starts_with("/*") || line.starts_with("*");
    if (!comment) return false;  // the markers stand before the first code
    if (line.find("@generated") != std::string_view::npos) return true;
    if (line.starts_with("// Code generated ") && line.find("DO NOT EDIT") != std::string_view::npos) return true;
  }
  return false;
}

LineCounts count_file_lines(const std::filesystem::path& file, SourceLanguage language) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  auto counts = count_source_lines(text.str(), language);
  counts.files = 1;
  counts.generated = is_generated_source(text.str());
  return counts;
}

}  // namespace xlb
