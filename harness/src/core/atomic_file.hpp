#pragma once
#include <filesystem>
#include <string_view>

namespace xlb {

// Writes to a temporary file in the same directory, fsyncs and renames over the
// target, so readers see the old or the new content, never a torn file.
// Throws std::runtime_error naming the path on any failure (disk full included).
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace xlb
