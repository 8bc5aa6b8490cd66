#include "os/elf_linkage.hpp"

#include <algorithm>
#include <fstream>
#include <optional>

namespace xlb {
namespace {

constexpr std::uint32_t kPtLoad = 1, kPtDynamic = 2, kPtInterp = 3;
constexpr std::uint64_t kDtNull = 0, kDtNeeded = 1, kDtStrtab = 5;
constexpr std::size_t kMaxDynamicBytes = 1 << 20;  // far above any real dynamic section
constexpr std::size_t kMaxStringBytes = 4096;

struct Segment {
  std::uint32_t type = 0;
  std::uint64_t offset = 0, vaddr = 0, filesz = 0;
};

// Little- or big-endian unsigned fields of 1..8 bytes from a byte string.
class Fields {
 public:
  explicit Fields(bool big_endian) : big_(big_endian) {}
  std::uint64_t get(std::string_view bytes, std::size_t at, std::size_t width) const {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i) {
      const auto byte = static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + (big_ ? i : width - 1 - i)]));
      v = (v << 8) | byte;
    }
    return v;
  }

 private:
  bool big_;
};

std::string c_string(const ByteReader& read, std::uint64_t offset) {
  auto text = read(offset, kMaxStringBytes);
  auto nul = text.find('\0');
  return nul == std::string::npos ? text : text.substr(0, nul);
}

// File offset of a virtual address, through the PT_LOAD segment that maps it.
std::optional<std::uint64_t> file_offset_of(const std::vector<Segment>& segments, std::uint64_t vaddr) {
  for (const auto& s : segments)
    if (s.type == kPtLoad && vaddr >= s.vaddr && vaddr - s.vaddr < s.filesz) return s.offset + (vaddr - s.vaddr);
  return std::nullopt;
}

}  // namespace

ElfLinkage inspect_elf(const ByteReader& read) {
  ElfLinkage out;
  const auto ident = read(0, 64);
  if (ident.size() < 16 || ident.compare(0, 4, "\x7f" "ELF") != 0) return out;
  out.elf = true;
  out.linkage = "malformed ELF";
  const bool is64 = ident[4] == 2;
  if ((ident[4] != 1 && ident[4] != 2) || (ident[5] != 1 && ident[5] != 2)) return out;
  const Fields f(ident[5] == 2);
  if (ident.size() < (is64 ? 64u : 52u)) return out;
  const std::uint64_t phoff = is64 ? f.get(ident, 32, 8) : f.get(ident, 28, 4);
  const std::size_t phentsize = f.get(ident, is64 ? 54 : 42, 2);
  const std::size_t phnum = f.get(ident, is64 ? 56 : 44, 2);
  const std::size_t min_entry = is64 ? 56 : 32;
  if (phnum == 0 || phnum == 0xffff || phentsize < min_entry) return out;
  const auto table = read(phoff, phentsize * phnum);
  if (table.size() < phentsize * phnum) return out;

  std::vector<Segment> segments;
  for (std::size_t i = 0; i < phnum; ++i) {
    const std::size_t at = i * phentsize;
    Segment s;
    s.type = static_cast<std::uint32_t>(f.get(table, at, 4));
    s.offset = is64 ? f.get(table, at + 8, 8) : f.get(table, at + 4, 4);
    s.vaddr = is64 ? f.get(table, at + 16, 8) : f.get(table, at + 8, 4);
    s.filesz = is64 ? f.get(table, at + 32, 8) : f.get(table, at + 16, 4);
    segments.push_back(s);
  }

  const Segment* dynamic = nullptr;
  for (const auto& s : segments) {
    if (s.type == kPtInterp) out.interpreter = c_string(read, s.offset);
    if (s.type == kPtDynamic) dynamic = &s;
  }
  if (dynamic) {
    const std::size_t entry = is64 ? 16 : 8, width = is64 ? 8 : 4;
    const auto bytes = read(dynamic->offset, std::min<std::uint64_t>(dynamic->filesz, kMaxDynamicBytes));
    std::vector<std::uint64_t> needed_offsets;
    std::optional<std::uint64_t> strtab;
    for (std::size_t at = 0; at + entry <= bytes.size(); at += entry) {
      const auto tag = f.get(bytes, at, width), value = f.get(bytes, at + width, width);
      if (tag == kDtNull) break;
      if (tag == kDtNeeded) needed_offsets.push_back(value);
      if (tag == kDtStrtab) strtab = value;
    }
    if (!needed_offsets.empty()) {
      const auto base = strtab ? file_offset_of(segments, *strtab) : std::nullopt;
      if (!base) return out;  // libraries named in a string table we cannot find
      for (auto offset : needed_offsets) out.needed.push_back(c_string(read, *base + offset));
    }
  }
  if (!out.interpreter.empty()) {
    out.linkage = "dynamic";
  } else if (!out.needed.empty()) {
    out.linkage = "shared-object";
  } else {
    out.linkage = dynamic ? "static-pie" : "static";
  }
  return out;
}

ElfLinkage inspect_elf_bytes(std::string_view bytes) {
  return inspect_elf([bytes](std::uint64_t offset, std::size_t size) {
    if (offset >= bytes.size()) return std::string();
    return std::string(bytes.substr(offset, size));
  });
}

ElfLinkage inspect_elf_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  return inspect_elf([&in](std::uint64_t offset, std::size_t size) {
    std::string buf(size, '\0');
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(buf.data(), static_cast<std::streamsize>(size));
    buf.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
    return buf;
  });
}

bool has_elf_magic(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::string_view(magic, 4) == std::string_view("\x7f" "ELF", 4);
}

}  // namespace xlb
