#include "kinds/build/footprint.hpp"

#include <type_traits>

#include "core/errors.hpp"

namespace xlb {
using json = nlohmann::json;
namespace {

// Reads j[key] into `out` when present; a value of another type names the field.
template <typename T>
void read_field(const json& j, const char* key, T& out, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  try {
    out = it->get<T>();
  } catch (const json::exception&) {
    throw InputError(where + "." + key + ": expected " +
                     (std::is_same_v<T, std::string> ? "a string"
                      : std::is_same_v<T, bool>      ? "true or false"
                      : std::is_arithmetic_v<T>      ? "a number"
                                                     : "a list of strings") +
                     ", found " + it->dump());
  }
}

const json& array_at(const json& j, const char* key, const std::string& where) {
  static const json empty = json::array();
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return empty;
  if (!it->is_array()) throw InputError(where + "." + key + ": expected a list, found " + it->dump());
  return *it;
}

void require_object(const json& j, const std::string& where) {
  if (!j.is_object()) throw InputError(where + ": expected an object, found " + j.dump());
}

json lines_json(const LineCountFields& l) {
  json j = {{"files", l.files},           {"code_lines", l.code_lines}, {"comment_lines", l.comment_lines},
            {"blank_lines", l.blank_lines}, {"test_lines", l.test_lines}, {"build_script_lines", l.build_script_lines}};
  if (l.generated_lines > 0) j["generated_lines"] = l.generated_lines;  // absent when none: older documents round-trip
  return j;
}

LineCountFields read_lines(const json& j, const std::string& where) {
  LineCountFields l;
  read_field(j, "files", l.files, where);
  read_field(j, "code_lines", l.code_lines, where);
  read_field(j, "comment_lines", l.comment_lines, where);
  read_field(j, "blank_lines", l.blank_lines, where);
  read_field(j, "test_lines", l.test_lines, where);
  read_field(j, "build_script_lines", l.build_script_lines, where);
  read_field(j, "generated_lines", l.generated_lines, where);
  return l;
}

BinaryRow read_binary(const json& j, const std::string& where) {
  require_object(j, where);
  BinaryRow b;
  read_field(j, "workload", b.workload, where);
  read_field(j, "language", b.language, where);
  read_field(j, "variant", b.variant, where);
  read_field(j, "name", b.name, where);
  read_field(j, "path", b.path, where);
  read_field(j, "found", b.found, where);
  read_field(j, "bytes", b.bytes, where);
  std::uintmax_t stripped = 0;
  if (j.contains("stripped_bytes") && !j["stripped_bytes"].is_null()) {
    read_field(j, "stripped_bytes", stripped, where);
    b.stripped_bytes = stripped;
  }
  read_field(j, "strip_error", b.strip_error, where);
  read_field(j, "linkage", b.linkage, where);
  read_field(j, "static", b.is_static, where);
  read_field(j, "interpreter", b.interpreter, where);
  read_field(j, "needed", b.needed, where);
  return b;
}

CodeSizeRow read_code_size(const json& j, const std::string& where) {
  require_object(j, where);
  CodeSizeRow r;
  read_field(j, "workload", r.workload, where);
  read_field(j, "language", r.language, where);
  read_field(j, "variant", r.variant, where);
  read_field(j, "target", r.target, where);
  read_field(j, "dir", r.dir, where);
  read_field(j, "baseline", r.baseline, where);
  read_field(j, "found", r.found, where);
  r.lines = read_lines(j, where);
  return r;
}

SharedCodeRow read_shared(const json& j, const std::string& where) {
  require_object(j, where);
  SharedCodeRow r;
  read_field(j, "language", r.language, where);
  read_field(j, "package", r.package, where);
  read_field(j, "dir", r.dir, where);
  r.lines = read_lines(j, where);
  return r;
}

}  // namespace

json to_json(const BinaryRow& b) {
  json j = json::object();
  if (!b.workload.empty()) j["workload"] = b.workload;
  if (!b.language.empty()) j["language"] = b.language;
  if (!b.variant.empty()) j["variant"] = b.variant;
  j["name"] = b.name;
  j["path"] = b.path;
  j["found"] = b.found;
  if (!b.found) return j;
  j["bytes"] = b.bytes;
  j["stripped_bytes"] = b.stripped_bytes ? json(*b.stripped_bytes) : json();
  if (!b.strip_error.empty()) j["strip_error"] = b.strip_error;
  j["linkage"] = b.linkage;
  j["static"] = b.is_static;
  j["interpreter"] = b.interpreter;
  j["needed"] = b.needed;
  return j;
}

json to_json(const CodeSizeRow& r) {
  json j = {{"workload", r.workload}, {"language", r.language}, {"variant", r.variant},
            {"target", r.target},     {"dir", r.dir},           {"baseline", r.baseline},
            {"found", r.found}};
  if (!r.found) return j;
  j.update(lines_json(r.lines));
  return j;
}

json to_json(const SharedCodeRow& r) {
  json j = {{"language", r.language}, {"package", r.package}, {"dir", r.dir}};
  j.update(lines_json(r.lines));
  return j;
}

json to_json(const Footprint& f) {
  json variants = json::array(), shared = json::array(), binaries = json::array();
  for (const auto& r : f.code_variants) variants.push_back(to_json(r));
  for (const auto& r : f.shared) shared.push_back(to_json(r));
  for (const auto& b : f.binaries) binaries.push_back(to_json(b));
  return {{"code_size", {{"variants", variants}, {"shared", shared}}}, {"binaries", binaries}};
}

std::vector<BinaryRow> read_binary_rows(const json& list, const std::string& where) {
  if (!list.is_array()) throw InputError(where + ": expected a list, found " + list.dump());
  std::vector<BinaryRow> out;
  for (std::size_t i = 0; i < list.size(); ++i) out.push_back(read_binary(list[i], where + "[" + std::to_string(i) + "]"));
  return out;
}

Footprint read_footprint(const json& j, const std::string& where) {
  Footprint f;
  if (j.is_null() || (j.is_object() && j.empty())) return f;
  require_object(j, where);
  if (const auto it = j.find("code_size"); it != j.end() && !it->is_null()) {
    const auto cs_where = where + ".code_size";
    require_object(*it, cs_where);
    const auto& variants = array_at(*it, "variants", cs_where);
    for (std::size_t i = 0; i < variants.size(); ++i)
      f.code_variants.push_back(read_code_size(variants[i], cs_where + ".variants[" + std::to_string(i) + "]"));
    const auto& shared = array_at(*it, "shared", cs_where);
    for (std::size_t i = 0; i < shared.size(); ++i)
      f.shared.push_back(read_shared(shared[i], cs_where + ".shared[" + std::to_string(i) + "]"));
  }
  f.binaries = read_binary_rows(array_at(j, "binaries", where), where + ".binaries");
  return f;
}

}  // namespace xlb
