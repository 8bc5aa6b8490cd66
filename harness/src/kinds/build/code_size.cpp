#include "kinds/build/code_size.hpp"

#include <algorithm>
#include <set>

#include "kinds/build/scratch_tree.hpp"

namespace xlb {
namespace fs = std::filesystem;
namespace {

std::vector<fs::path> files_below(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it.depth() == 0 && is_build_output_dir(it->path().filename().string())) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && source_language_of(it->path())) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Test lines of a file: all of its code when it is a test file, else its #[cfg(test)] modules.
void add_file(SourceSplit& split, const fs::path& file, SourceLanguage language, bool test_file, bool build_script) {
  const auto c = count_file_lines(file, language);
  if (c.generated) {
    split.generated += c;
  } else if (build_script) {
    split.build_script += c;
  } else if (test_file) {
    LineCounts t = c;
    t.test += t.code;
    t.code = 0;
    split.tests += t;
  } else {
    LineCounts source = c;
    source.test = 0;
    split.source += source;
    if (c.test > 0) {
      LineCounts t;
      t.test = c.test;
      split.tests += t;
    }
  }
}

LineCountFields line_fields(const SourceSplit& s) {
  LineCountFields l;
  l.files = static_cast<long>(s.source.files);
  l.code_lines = static_cast<long>(s.source.code);
  l.comment_lines = static_cast<long>(s.source.comment);
  l.blank_lines = static_cast<long>(s.source.blank);
  l.test_lines = static_cast<long>(s.tests.test);
  l.build_script_lines = static_cast<long>(s.build_script.code);
  l.generated_lines = static_cast<long>(s.generated.code);
  return l;
}

}  // namespace

SourceSplit count_package(const fs::path& dir, SourceLanguage language) {
  SourceSplit split;
  for (const auto& file : files_below(dir)) {
    if (source_language_of(file) != language) continue;
    const auto relative = file.lexically_relative(dir);
    const auto first = relative.begin()->string();
    if (language == SourceLanguage::go) {
      add_file(split, file, language, file.filename().string().ends_with("_test.go"), false);
    } else if (relative == "build.rs") {
      add_file(split, file, language, false, true);
    } else if (first == "tests" || first == "benches" || first == "examples") {
      add_file(split, file, language, true, false);
    } else if (first == "src") {
      add_file(split, file, language, false, false);
    }
  }
  return split;
}

Footprint measure_code_size(const std::vector<WorkloadSpec>& workloads, const fs::path& root) {
  Footprint out;
  for (const auto& w : workloads) {
    if (w.kind == "build") continue;  // its variants are toolchains, not programs
    for (const auto& v : w.variants) {
      if (!v.command.empty()) continue;
      const bool go = v.language == "go";
      const fs::path relative = go ? fs::path("go_impls") / "cmd" / v.target : fs::path("rust_impls") / "variants" / v.target;
      CodeSizeRow row;
      row.workload = w.name;
      row.language = v.language;
      row.variant = v.name;
      row.target = v.target;
      row.dir = relative.string();
      row.baseline = w.baseline.contains(v.language) && w.baseline.at(v.language) == v.name;
      std::error_code ec;
      row.found = fs::is_directory(root / relative, ec);
      if (row.found) row.lines = line_fields(count_package(root / relative, go ? SourceLanguage::go : SourceLanguage::rust));
      out.code_variants.push_back(row);
    }
  }
  auto add_shared = [&](const std::string& language, const fs::path& relative) {
    const auto split = count_package(root / relative, language == "go" ? SourceLanguage::go : SourceLanguage::rust);
    out.shared.push_back({language, relative.filename().string(), relative.string(), line_fields(split)});
  };
  std::error_code ec;
  std::set<fs::path> go_dirs, rust_dirs;
  for (const auto& e : fs::directory_iterator(root / "go_impls" / "internal", ec))
    if (e.is_directory()) go_dirs.insert(e.path().lexically_relative(root));
  for (const auto& e : fs::directory_iterator(root / "rust_impls", ec))
    if (e.is_directory() && e.path().filename() != "variants" && !is_build_output_dir(e.path().filename().string()) &&
        fs::exists(e.path() / "Cargo.toml"))
      rust_dirs.insert(e.path().lexically_relative(root));
  for (const auto& d : go_dirs) add_shared("go", d);
  for (const auto& d : rust_dirs) add_shared("rust", d);
  return out;
}

}  // namespace xlb
