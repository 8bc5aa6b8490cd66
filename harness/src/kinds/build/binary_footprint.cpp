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

nlohmann::json footprint_json(const BinaryFootprint& b) {
  nlohmann::json j = {{"name", b.path.filename().string()}, {"path", b.path.string()}, {"found", b.found}};
  if (!b.found) return j;
  j["bytes"] = b.bytes;
  j["stripped_bytes"] = b.stripped_bytes ? nlohmann::json(*b.stripped_bytes) : nlohmann::json();
  if (!b.strip_error.empty()) j["strip_error"] = b.strip_error;
  j["linkage"] = b.linkage.linkage;
  j["static"] = b.linkage.is_static();
  j["interpreter"] = b.linkage.interpreter;
  j["needed"] = b.linkage.needed;
  return j;
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
