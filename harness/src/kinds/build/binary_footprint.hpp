#pragma once
// Size of a built executable as built and stripped (a copy goes through
// `strip`; the original is never touched), and whether it is static.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kinds/build/footprint.hpp"
#include "os/elf_linkage.hpp"

namespace xlb {

struct BinaryFootprint {
  std::filesystem::path path;
  bool found = false;
  std::uintmax_t bytes = 0;
  std::optional<std::uintmax_t> stripped_bytes;  // absent when strip failed (see strip_error)
  std::string strip_error;
  ElfLinkage linkage;
};

// `scratch` is a directory for the stripped copy (deleted afterwards).
BinaryFootprint measure_binary(const std::filesystem::path& file, const std::filesystem::path& scratch);

// The results row of a measured binary (workload, language and variant left for the caller).
BinaryRow binary_row(const BinaryFootprint& b);

// ELF executables (regular files, executable bit) directly in `dir`, sorted by name:
// what a build linked there (cargo also puts .d files and rlibs next to them).
std::vector<std::filesystem::path> executables_in(const std::filesystem::path& dir);

}  // namespace xlb
