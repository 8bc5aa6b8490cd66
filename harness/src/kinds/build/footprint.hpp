#pragma once
// The build kind's typed footprint rows and their JSON (ResultsDoc::footprint and the
// `binaries` fact of a fresh/clean build row; docs/results-schema.md): one row per
// executable (sizes, linkage) and per variant's source (lines of code). The build kind
// writes them; claims and reports read them through read_footprint / read_binary_rows,
// so nothing else parses the block. Fields absent from an old run read as their
// defaults; a field of the wrong type is an InputError naming it.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace xlb {

struct BinaryRow {
  std::string workload, language, variant;  // empty in a build row's own `binaries` fact
  std::string name, path;
  bool found = true;
  std::uintmax_t bytes = 0;
  std::optional<std::uintmax_t> stripped_bytes;  // absent when strip failed (see strip_error)
  std::string strip_error;
  std::string linkage = "?";  // ElfLinkage::linkage
  bool is_static = false;
  std::string interpreter;
  std::vector<std::string> needed;
};

struct LineCountFields {
  long files = 0, code_lines = 0, comment_lines = 0, blank_lines = 0, test_lines = 0;
  long build_script_lines = 0;  // Rust build.rs (Go has none)
  long generated_lines = 0;     // code lines of generated files (protobuf stubs), not in code_lines
};

struct CodeSizeRow {
  std::string workload, language, variant, target, dir;
  bool baseline = false, found = true;
  LineCountFields lines;
};

struct SharedCodeRow {
  std::string language, package, dir;
  LineCountFields lines;
};

struct Footprint {
  std::vector<CodeSizeRow> code_variants;  // code_size.variants
  std::vector<SharedCodeRow> shared;       // code_size.shared
  std::vector<BinaryRow> binaries;
  bool empty() const { return code_variants.empty() && shared.empty() && binaries.empty(); }
};

nlohmann::json to_json(const BinaryRow& b);
nlohmann::json to_json(const CodeSizeRow& r);
nlohmann::json to_json(const SharedCodeRow& r);
// {"code_size": {"variants": [...], "shared": [...]}, "binaries": [...]}
nlohmann::json to_json(const Footprint& f);

// `where` names the block in errors, e.g. "footprint" or "measurements[3].facts".
Footprint read_footprint(const nlohmann::json& j, const std::string& where = "footprint");
std::vector<BinaryRow> read_binary_rows(const nlohmann::json& list, const std::string& where);

}  // namespace xlb
