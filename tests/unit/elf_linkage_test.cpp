// Unit tests for the ELF static/dynamic check: hand-made headers of each
// kind (64- and 32-bit, both byte orders) and this test binary itself.
#include "os/elf_linkage.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

using xlb::inspect_elf_bytes;

struct Phdr {
  std::uint32_t type;
  std::uint64_t offset, vaddr, filesz;
};

// A minimal ELF image: header, program headers, then `payload` at offset 0x200.
class ElfBuilder {
 public:
  ElfBuilder(bool is64, bool big_endian) : is64_(is64), big_(big_endian) {}

  std::string build(const std::vector<Phdr>& phdrs, const std::string& payload) const {
    std::string out(0x200, '\0');
    out[0] = 0x7f, out[1] = 'E', out[2] = 'L', out[3] = 'F';
    out[4] = is64_ ? 2 : 1;
    out[5] = big_ ? 2 : 1;
    out[6] = 1;
    const std::size_t phoff = is64_ ? 64 : 52, phentsize = is64_ ? 56 : 32;
    put(out, is64_ ? 32 : 28, phoff, is64_ ? 8 : 4);
    put(out, is64_ ? 54 : 42, phentsize, 2);
    put(out, is64_ ? 56 : 44, phdrs.size(), 2);
    for (std::size_t i = 0; i < phdrs.size(); ++i) {
      const std::size_t at = phoff + i * phentsize;
      const auto& p = phdrs[i];
      put(out, at, p.type, 4);
      if (is64_) {
        put(out, at + 8, p.offset, 8), put(out, at + 16, p.vaddr, 8), put(out, at + 32, p.filesz, 8);
      } else {
        put(out, at + 4, p.offset, 4), put(out, at + 8, p.vaddr, 4), put(out, at + 16, p.filesz, 4);
      }
    }
    return out + payload;
  }

  // Dynamic entries (tag, value) in this image's word size and byte order.
  std::string dynamic(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& entries) const {
    const std::size_t w = is64_ ? 8 : 4;
    std::string out(entries.size() * 2 * w, '\0');
    for (std::size_t i = 0; i < entries.size(); ++i) {
      put(out, i * 2 * w, entries[i].first, w);
      put(out, i * 2 * w + w, entries[i].second, w);
    }
    return out;
  }

 private:
  void put(std::string& s, std::size_t at, std::uint64_t v, std::size_t width) const {
    for (std::size_t i = 0; i < width; ++i) {
      const std::size_t pos = big_ ? at + width - 1 - i : at + i;
      s[pos] = static_cast<char>((v >> (8 * i)) & 0xff);
    }
  }
  bool is64_, big_;
};

TEST(ElfLinkage, StaticWithoutDynamicSection) {
  ElfBuilder b(true, false);
  auto info = inspect_elf_bytes(b.build({{1, 0, 0x400000, 0x200}}, ""));
  EXPECT_TRUE(info.elf);
  EXPECT_EQ(info.linkage, "static");
  EXPECT_TRUE(info.is_static());
  EXPECT_TRUE(info.interpreter.empty());
}

// payload at 0x200: interpreter string, string table, dynamic section.
std::string dynamic_image(const ElfBuilder& b, bool with_interp, bool with_needed) {
  const std::string interp = std::string("/lib/ld-test.so.2") + '\0';            // 0x200, 18 bytes
  const std::string strtab = std::string("\0libc.so.6\0libm.so.6\0", 21);        // 0x212
  const std::uint64_t strtab_off = 0x200 + interp.size();
  const std::uint64_t dyn_off = strtab_off + strtab.size();
  std::vector<std::pair<std::uint64_t, std::uint64_t>> entries;
  if (with_needed) entries = {{1, 1}, {1, 11}};
  entries.push_back({5, 0x10000 + strtab_off});  // DT_STRTAB as a virtual address
  entries.push_back({0, 0});
  const auto dyn = b.dynamic(entries);
  std::vector<Phdr> phdrs = {{1, 0, 0x10000, 0x400}, {2, dyn_off, 0x10000 + dyn_off, dyn.size()}};
  if (with_interp) phdrs.push_back({3, 0x200, 0x10200, interp.size()});
  return b.build(phdrs, interp + strtab + dyn);
}

TEST(ElfLinkage, DynamicWithInterpreterAndLibraries) {
  for (bool is64 : {true, false})
    for (bool big : {false, true}) {
      ElfBuilder b(is64, big);
      auto info = inspect_elf_bytes(dynamic_image(b, true, true));
      SCOPED_TRACE(std::string(is64 ? "64" : "32") + (big ? " big-endian" : " little-endian"));
      EXPECT_EQ(info.linkage, "dynamic");
      EXPECT_FALSE(info.is_static());
      EXPECT_EQ(info.interpreter, "/lib/ld-test.so.2");
      EXPECT_EQ(info.needed, (std::vector<std::string>{"libc.so.6", "libm.so.6"}));
    }
}

TEST(ElfLinkage, StaticPieHasADynamicSectionButNoInterpreterOrLibraries) {
  ElfBuilder b(true, false);
  auto info = inspect_elf_bytes(dynamic_image(b, false, false));
  EXPECT_EQ(info.linkage, "static-pie");
  EXPECT_TRUE(info.is_static());
}

TEST(ElfLinkage, LibrariesWithoutInterpreterIsASharedObject) {
  ElfBuilder b(true, false);
  auto info = inspect_elf_bytes(dynamic_image(b, false, true));
  EXPECT_EQ(info.linkage, "shared-object");
  EXPECT_FALSE(info.is_static());
}

TEST(ElfLinkage, NotElfAndTruncatedHeaders) {
  EXPECT_FALSE(inspect_elf_bytes("#!/bin/sh\necho hi\n").elf);
  EXPECT_EQ(inspect_elf_bytes("").linkage, "not ELF");
  ElfBuilder b(true, false);
  auto image = b.build({{1, 0, 0, 0x200}}, "");
  auto cut = inspect_elf_bytes(std::string_view(image).substr(0, 40));
  EXPECT_TRUE(cut.elf);
  EXPECT_EQ(cut.linkage, "malformed ELF");
  // Program headers pointing past the end of the file.
  auto past = b.build({{1, 0, 0, 0x200}}, "");
  past[36] = 0x01;  // e_phoff = 2^32 + 64: far past the end
  EXPECT_EQ(inspect_elf_bytes(past).linkage, "malformed ELF");
}

TEST(ElfLinkage, ThisTestBinaryIsDynamicAndNeedsLibc) {
  auto info = xlb::inspect_elf_file("/proc/self/exe");
  ASSERT_TRUE(info.elf);
  EXPECT_EQ(info.linkage, "dynamic");
  EXPECT_FALSE(info.interpreter.empty());
  bool libc = false;
  for (const auto& lib : info.needed) libc = libc || lib.starts_with("libc.so");
  EXPECT_TRUE(libc);
  EXPECT_TRUE(xlb::has_elf_magic("/proc/self/exe"));
}

TEST(ElfLinkage, MissingFileIsNotElf) {
  xlb::unit::TempDir dir("elf");
  EXPECT_FALSE(xlb::inspect_elf_file(dir / "missing").elf);
  xlb::unit::write_text(dir / "script", "#!/bin/sh\n");
  EXPECT_FALSE(xlb::has_elf_magic(dir / "script"));
}

}  // namespace
