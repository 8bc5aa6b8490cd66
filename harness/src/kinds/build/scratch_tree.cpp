#include "kinds/build/scratch_tree.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace xlb {
namespace fs = std::filesystem;

ScratchDir::ScratchDir(const std::string& tag) {
  std::string pattern = (fs::temp_directory_path() / ("xlbench-" + tag + "-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a scratch directory in " + pattern);
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

bool is_build_output_dir(const std::string& name) {
  return name == "target" || name == "build" || name.starts_with("build-") || name == "node_modules" ||
         name == ".git";
}

CopyStats copy_source_tree(const fs::path& from, const fs::path& to) {
  if (!fs::is_directory(from)) throw std::runtime_error(from.string() + ": not a directory");
  CopyStats stats;
  fs::create_directories(to);
  for (auto it = fs::recursive_directory_iterator(from); it != fs::recursive_directory_iterator(); ++it) {
    const auto relative = it->path().lexically_relative(from);
    const auto target = to / relative;
    if (it->is_symlink()) {
      fs::copy_symlink(it->path(), target);
    } else if (it->is_directory()) {
      if (it.depth() == 0 && is_build_output_dir(it->path().filename().string())) {
        it.disable_recursion_pending();
        continue;
      }
      fs::create_directories(target);
    } else if (it->is_regular_file()) {
      fs::copy_file(it->path(), target);
      ++stats.files;
      stats.bytes += it->file_size();
    }
  }
  return stats;
}

LineEdit::LineEdit(fs::path root, const fs::path& relative, std::string line_template)
    : template_(std::move(line_template)) {
  if (relative.empty() || relative.is_absolute())
    throw std::runtime_error("edit file '" + relative.string() + "' must be a relative path");
  const auto canonical_root = fs::canonical(root);
  file_ = fs::weakly_canonical(canonical_root / relative);
  const auto inside = file_.lexically_relative(canonical_root);
  if (inside.empty() || *inside.begin() == "..")
    throw std::runtime_error("edit file '" + relative.string() + "' is outside the scratch copy " + root.string());
  if (!fs::is_regular_file(file_))
    throw std::runtime_error("edit file '" + relative.string() + "' is not a file in " + root.string());
  std::ifstream in(file_, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  original_ = text.str();
}

std::string LineEdit::apply(int revision) {
  std::string line = template_;
  for (auto pos = line.find("{n}"); pos != std::string::npos; pos = line.find("{n}", pos))
    line.replace(pos, 3, std::to_string(revision));
  std::ofstream out(file_, std::ios::binary | std::ios::trunc);
  out << original_ << (original_.empty() || original_.back() == '\n' ? "" : "\n") << line << "\n";
  if (!out.flush()) throw std::runtime_error(file_.string() + ": cannot write the edit");
  return line;
}

void LineEdit::restore() {
  std::ofstream out(file_, std::ios::binary | std::ios::trunc);
  out << original_;
  if (!out.flush()) throw std::runtime_error(file_.string() + ": cannot restore");
}

}  // namespace xlb
