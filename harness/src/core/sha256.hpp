#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace xlb {

// Lower-case hex SHA-256 of a file's bytes; throws InputError if unreadable.
std::string sha256_file(const std::filesystem::path& path);
std::string sha256_hex(std::string_view bytes);

}  // namespace xlb
