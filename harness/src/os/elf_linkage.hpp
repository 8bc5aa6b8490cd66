#pragma once
// Whether an executable is static: reads the ELF program headers directly
// (no ldd, which would run the binary's loader) for PT_INTERP and PT_DYNAMIC,
// and the DT_NEEDED libraries of a dynamic one.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace xlb {

struct ElfLinkage {
  bool elf = false;
  // "static" (no dynamic section), "static-pie" (dynamic section, no interpreter,
  // no libraries), "dynamic" (an interpreter: the kernel starts ld.so first),
  // "shared-object" (libraries but no interpreter); "not ELF" or "malformed ELF".
  std::string linkage = "not ELF";
  std::string interpreter;            // e.g. /lib64/ld-linux-x86-64.so.2
  std::vector<std::string> needed;    // DT_NEEDED, e.g. libc.so.6

  bool is_static() const { return linkage == "static" || linkage == "static-pie"; }
};

// Reads `size` bytes at `offset`; returns fewer when the file is shorter.
using ByteReader = std::function<std::string(std::uint64_t offset, std::size_t size)>;

ElfLinkage inspect_elf(const ByteReader& read);
ElfLinkage inspect_elf_bytes(std::string_view bytes);
// A file that cannot be opened is reported as "not ELF".
ElfLinkage inspect_elf_file(const std::filesystem::path& file);

// True when the file starts with the ELF magic (0x7f 'E' 'L' 'F').
bool has_elf_magic(const std::filesystem::path& file);

}  // namespace xlb
