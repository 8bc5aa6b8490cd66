#include "kinds/build/binary_footprint.hpp"

#include <algorithm>

#include "os/process.hpp"

namespace xlb {
namespace fs = std::filesystem;

BinaryFootprint measure_binary(const fs::path& file, const fs::path& scratch) {
  BinaryFootprint b;
  b.path = file;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return b;
  b.found = true;
  b.bytes = fs::file_size(file, ec);
  b.linkage = inspect_elf_file(file);
  const auto stripped = scratch / (file.filename().string() + ".stripped");
  ChildLimits limits;
  limits.timeout = std::chrono::minutes(2);
  auto r = run_child({"strip", "-o", stripped.string(), file.string()}, limits,
                     [](const std::string&) { return std::nullopt; });
  if (r.ok() && fs::is_regular_file(stripped, ec)) {
    b.stripped_bytes = fs::file_size(stripped, ec);
  } else {
    b.strip_error = "strip: " + r.describe() + (r.stderr_tail.empty() ? "" : ": " + r.stderr_tail);
  }
  fs::remove(stripped, ec);
  return b;
}

BinaryRow binary_row(const BinaryFootprint& b) {
  BinaryRow row;
  row.name = b.path.filename().string();
  row.path = b.path.string();
  row.found = b.found;
  row.bytes = b.bytes;
  row.stripped_bytes = b.stripped_bytes;
  row.strip_error = b.strip_error;
  row.linkage = b.linkage.linkage;
  row.is_static = b.linkage.is_static();
  row.interpreter = b.linkage.interpreter;
  row.needed = b.linkage.needed;
  return row;
}

std::vector<fs::path> executables_in(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const auto perms = entry.status().permissions();
    if ((perms & fs::perms::owner_exec) == fs::perms::none) continue;
    if (has_elf_magic(entry.path())) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace xlb
