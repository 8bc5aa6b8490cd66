#pragma once
// Scratch copies of a language tree (go_impls/, rust_impls/) for build-cost
// measurements: builds and one-line edits happen in the copy, never in the tree.
#include <cstdint>
#include <filesystem>
#include <string>

namespace xlb {

// A fresh directory under the system temp dir ($TMPDIR), removed with all its
// contents when the object goes away.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Top-level directories of a language tree that hold build outputs or VCS
// data, never sources: target, build, build-*, node_modules, .git.
bool is_build_output_dir(const std::string& top_level_name);

struct CopyStats {
  long files = 0;
  std::uintmax_t bytes = 0;
};

// Copies `from` into the directory `to` (created if missing), skipping the
// build-output directories at its top level; symbolic links stay links.
CopyStats copy_source_tree(const std::filesystem::path& from, const std::filesystem::path& to);

// One line appended to one file of a scratch copy. Each revision writes the
// original text plus a line made from the template ("{n}" -> revision), so
// successive revisions differ by exactly one line.
class LineEdit {
 public:
  // Throws std::runtime_error when `relative` is absolute, leaves `root`
  // (.. or a symbolic link out of it) or names no regular file.
  LineEdit(std::filesystem::path root, const std::filesystem::path& relative, std::string line_template);

  std::string apply(int revision);  // returns the line written
  void restore();                   // the original text again
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::string original_, template_;
};

}  // namespace xlb
