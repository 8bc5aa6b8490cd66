#pragma once
// The environment block of every results file: machine, OS knobs that move
// numbers, toolchains and flags, the commit, the command line.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace xlb {

nlohmann::json collect_environment(const std::filesystem::path& project_root,
                                   const std::vector<std::string>& command_line);

// Toolchain versions only (also shown by `xlbench list`).
nlohmann::json toolchain_versions();

}  // namespace xlb
