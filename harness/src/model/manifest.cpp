#include "model/manifest.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>

#include "core/errors.hpp"
#include "core/names.hpp"

namespace xlb {
namespace {

using nlohmann::json;

const std::set<std::string> kKnownLanguages = {"go", "rust"};

class FieldReader {
 public:
  explicit FieldReader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw InputError(file_ + ": " + where + ": " + what);
  }

  std::string string(const json& obj, const std::string& key, const std::string& where,
                     bool required = true) const {
    if (!obj.contains(key)) {
      if (required) fail(where, "missing field '" + key + "'");
      return {};
    }
    if (!obj[key].is_string()) fail(where + "." + key, "must be a string");
    return obj[key].get<std::string>();
  }

  std::string identifier(const json& obj, const std::string& key, const std::string& where) const {
    auto value = string(obj, key, where);
    if (!is_identifier(value))
      fail(where + "." + key, "'" + value + "' is not an identifier ([a-z0-9_-], at most 64)");
    return value;
  }

  const json& array(const json& obj, const std::string& key, const std::string& where) const {
    if (!obj.contains(key)) fail(where, "missing field '" + key + "'");
    if (!obj[key].is_array() || obj[key].empty())
      fail(where + "." + key, "must be a non-empty array");
    return obj[key];
  }

 private:
  std::string file_;
};

std::string lower_hex_digest(const FieldReader& r, const json& j, const std::string& where) {
  auto digest = r.string(j, "sha256", where);
  if (digest.size() != 64 ||
      !std::all_of(digest.begin(), digest.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
    r.fail(where + ".sha256", "must be 64 hex digits");
  // sha256_file() gives lower case; accept digests copied from tools that print upper case.
  std::transform(digest.begin(), digest.end(), digest.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return digest;
}

// A path the manifest names relative to its own directory, kept inside it.
std::filesystem::path inside_dir(const FieldReader& r, const std::filesystem::path& dir, const std::string& rel,
                                 const std::string& field) {
  const std::filesystem::path p(rel);
  if (rel.empty() || p.is_absolute() || std::any_of(p.begin(), p.end(), [](const auto& part) { return part == ".."; }))
    r.fail(field, "'" + rel + "' must be a relative path inside the workload's directory");
  return std::filesystem::absolute(dir / p).lexically_normal();
}

InputSpec parse_input(const FieldReader& r, const json& j, const std::string& where, const std::filesystem::path& dir) {
  if (!j.is_object()) r.fail(where, "must be an object");
  InputSpec in;
  in.name = r.identifier(j, "name", where);
  const int sources = int(j.contains("file")) + int(j.contains("path")) + int(j.contains("generate"));
  bool has_file = j.contains("file"), has_gen = j.contains("generate");
  if (sources > 1) r.fail(where, "has more than one of 'file', 'path' and 'generate'");
  if (sources == 0 && !j.contains("params"))
    r.fail(where, "needs 'file', 'path', 'generate' or (for a parameter point) 'params'");
  if (sources > 0 || j.contains("schema")) in.schema = r.identifier(j, "schema", where);
  if (j.contains("path")) {
    in.local_file = inside_dir(r, dir, r.string(j, "path", where), where + ".path");
    if (j.contains("sha256")) in.sha256 = lower_hex_digest(r, j, where);
  }
  if (j.contains("full_only")) {
    if (!j["full_only"].is_boolean()) r.fail(where + ".full_only", "must be true or false");
    in.full_only = j["full_only"].get<bool>();
  }
  if (has_file) {
    in.file = r.string(j, "file", where);
    if (in.file->find("..") != std::string::npos || in.file->starts_with("/"))
      r.fail(where + ".file", "'" + *in.file + "' must be a relative path inside the data directory");
    in.sha256 = lower_hex_digest(r, j, where);
  } else if (has_gen) {
    if (!j["generate"].is_object()) r.fail(where + ".generate", "must be an object");
    r.identifier(j["generate"], "generator", where + ".generate");
    in.generate = j["generate"];
  }
  if (j.contains("params")) {
    if (!j["params"].is_object()) r.fail(where + ".params", "must be an object");
    in.params = j["params"];
  }
  return in;
}

// The workload's own projects ("project": {"go": {"module": DIR}, "rust": {"package": DIR}}):
// language -> absolute directory, checked to hold go.mod / Cargo.toml.
std::map<std::string, std::filesystem::path> parse_build_recipe(const FieldReader& r, const json& j,
                                                                const std::filesystem::path& dir) {
  std::map<std::string, std::filesystem::path> projects;
  if (!j.contains("project")) return projects;
  if (!j["project"].is_object()) r.fail("project", "must be an object");
  const std::map<std::string, std::pair<std::string, std::string>> recipe = {{"go", {"module", "go.mod"}},
                                                                             {"rust", {"package", "Cargo.toml"}}};
  for (const auto& [language, spec] : j["project"].items()) {
    auto it = recipe.find(language);
    if (it == recipe.end()) r.fail("project." + language, "unknown language (go, rust)");
    const auto& [key, marker] = it->second;
    const auto where = "project." + language;
    if (!spec.is_object()) r.fail(where, "must be an object with '" + key + "'");
    auto project = inside_dir(r, dir, r.string(spec, key, where), where + "." + key);
    if (!std::filesystem::exists(project / marker))
      r.fail(where + "." + key, project.string() + " has no " + marker);
    projects[language] = project;
  }
  return projects;
}

VariantSpec parse_variant(const FieldReader& r, const json& j, const std::string& where,
                          const std::map<std::string, std::filesystem::path>& projects) {
  if (!j.is_object()) r.fail(where, "must be an object");
  VariantSpec v;
  v.language = r.string(j, "language", where);
  if (!kKnownLanguages.contains(v.language))
    r.fail(where + ".language", "unknown language '" + v.language + "' (go, rust)");
  v.name = r.identifier(j, "name", where);
  if (auto project = projects.find(v.language); project != projects.end()) {
    v.project_dir = project->second;
    // Go: a package path inside the module ("./cmd/scan"); Rust: the binary's name.
    v.target = r.string(j, "target", where);
    const bool go_package = v.language == "go" && v.target.starts_with("./") &&
                            v.target.find("..") == std::string::npos && is_identifier(path_leaf(v.target));
    if (v.language == "go" ? !go_package : !is_identifier(v.target))
      r.fail(where + ".target", "'" + v.target + "' is not " +
                                    (v.language == "go" ? "a package path inside the module (./cmd/<name>)"
                                                        : "a binary name ([a-z0-9_-], at most 64)"));
  } else {
    v.target = r.identifier(j, "target", where);
  }
  v.library = r.string(j, "library", where);
  v.label = r.string(j, "label", where, false);
  if (v.label.empty()) v.label = "idiomatic";
  if (j.contains("command")) {
    const auto& cmd = j["command"];
    if (!cmd.is_array() || cmd.empty())
      r.fail(where + ".command", "must be a non-empty array of strings");
    for (const auto& part : cmd) {
      if (!part.is_string()) r.fail(where + ".command", "must be a non-empty array of strings");
      v.command.push_back(part.get<std::string>());
    }
  }
  for (const auto* key : {"skip_inputs", "full_only_inputs"}) {
    if (!j.contains(key)) continue;
    const auto& names = j[key];
    const auto field = where + "." + key;
    if (!names.is_array()) r.fail(field, "must be an array of input names");
    auto& out = std::string(key) == "skip_inputs" ? v.skip_inputs : v.full_only_inputs;
    for (const auto& name : names) {
      if (!name.is_string()) r.fail(field, "must be an array of input names");
      out.push_back(name.get<std::string>());
    }
  }
  return v;
}

// "suite": {"full": {"modes": [...], "inputs": [...], "rounds": n}, "quick": {...}}; the
// modes and inputs must be the workload's own.
std::map<std::string, SuitePart> parse_suite(FieldReader& r, const json& j, const WorkloadSpec& spec) {
  if (!j.is_object()) r.fail("suite", "must be an object {\"full\": {...}, \"quick\": {...}}");
  std::map<std::string, SuitePart> out;
  for (const auto& [plan, part] : j.items()) {
    const std::string where = "suite." + plan;
    if (plan != "full" && plan != "quick") r.fail(where, "the plan must be 'full' or 'quick'");
    if (!part.is_object()) r.fail(where, "must be an object with 'modes' and 'inputs'");
    SuitePart p;
    for (const std::string key : {"modes", "inputs"}) {
      const bool modes = key == "modes";
      // Empty is allowed: a quick suite may run none of the workload's builds.
      if (!part.contains(key) || !part[key].is_array()) r.fail(where + "." + key, "must be an array (may be empty)");
      for (const auto& v : part[key]) {
        const bool known =
            v.is_string() && (modes ? std::find(spec.modes.begin(), spec.modes.end(), v.get<std::string>()) != spec.modes.end()
                                    : std::any_of(spec.inputs.begin(), spec.inputs.end(),
                                                  [&](const InputSpec& in) { return in.name == v.get<std::string>(); }));
        if (!known) r.fail(where + "." + key, std::string("names no ") + (modes ? "mode" : "input") + " of this workload: " + v.dump());
        (modes ? p.modes : p.inputs).push_back(v.get<std::string>());
      }
    }
    if (part.contains("rounds")) {
      if (!part["rounds"].is_number_integer() || part["rounds"].get<int>() < 1) r.fail(where + ".rounds", "must be an integer >= 1");
      p.rounds = part["rounds"].get<int>();
    }
    out[plan] = p;
  }
  return out;
}

}  // namespace

WorkloadSpec load_manifest(const std::filesystem::path& manifest_path) {
  const std::string file = manifest_path.string();
  std::ifstream in(manifest_path);
  if (!in) throw InputError(file + ": cannot open workload manifest");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number too large
    throw InputError(file + ": not valid JSON: " + e.what());
  }
  FieldReader r(file);
  if (!j.is_object()) r.fail("top level", "must be an object");
  if (!j.contains("schema_version") || j["schema_version"] != 1)
    r.fail("schema_version", "must be 1");

  WorkloadSpec spec;
  spec.manifest_path = manifest_path;
  spec.name = r.identifier(j, "name", "top level");
  // Which kinds exist is the kind registry's to say (run/kind_registry.hpp): a manifest only names one.
  spec.kind = r.identifier(j, "kind", "top level");
  spec.description = r.string(j, "description", "top level", false);
  if (j.contains("database")) {
    if (!j["database"].is_object()) r.fail("database", "must be an object");
    spec.database = j["database"];
  }
  if (j.contains("default")) {
    if (!j["default"].is_boolean()) r.fail("default", "must be true or false");
    spec.in_default_suite = j["default"].get<bool>();
  }

  const auto& modes = r.array(j, "modes", "top level");
  for (size_t i = 0; i < modes.size(); ++i) {
    if (!modes[i].is_string() || !is_identifier(modes[i].get<std::string>()))
      r.fail("modes[" + std::to_string(i) + "]", "must be an identifier string");
    spec.modes.push_back(modes[i].get<std::string>());
  }

  std::set<std::string> seen;
  const auto& inputs = r.array(j, "inputs", "top level");
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto where = "inputs[" + std::to_string(i) + "]";
    spec.inputs.push_back(parse_input(r, inputs[i], where, manifest_path.parent_path()));
    if (!seen.insert(spec.inputs.back().name).second)
      r.fail(where + ".name", "duplicate input '" + spec.inputs.back().name + "'");
  }

  if (j.contains("suite")) spec.suite = parse_suite(r, j["suite"], spec);

  if (j.contains("user_inputs")) {
    const auto& u = j["user_inputs"];
    if (!u.is_object()) r.fail("user_inputs", "must be an object with 'modes' and 'schema'");
    InputSpec spec_of_user;
    spec_of_user.schema = r.identifier(u, "schema", "user_inputs");
    for (const auto& mode : r.array(u, "modes", "user_inputs")) {
      if (!mode.is_string() || std::find(spec.modes.begin(), spec.modes.end(), mode.get<std::string>()) == spec.modes.end())
        r.fail("user_inputs.modes", "must name modes of this workload");
      spec_of_user.modes.push_back(mode.get<std::string>());
    }
    if (u.contains("params")) {
      if (!u["params"].is_object()) r.fail("user_inputs.params", "must be an object");
      spec_of_user.params = u["params"];
    }
    spec_of_user.user_file = true;
    spec.user_inputs = spec_of_user;
  }

  // A build's "answer" is that it succeeds: build workloads have no checksum rules.
  if (spec.kind == "build" && !j.contains("checksum")) j["checksum"] = json::object();
  if (!j.contains("checksum") || !j["checksum"].is_object()) r.fail("checksum", "must be an object");
  spec.checksum = j["checksum"];
  for (const auto& mode : spec.kind == "build" ? std::vector<std::string>{} : spec.modes) {
    if (!spec.checksum.contains(mode) || !spec.checksum[mode].is_object() ||
        !spec.checksum[mode].contains("rule") || !spec.checksum[mode]["rule"].is_string())
      r.fail("checksum." + mode, "needs an object with a string 'rule'");
  }

  seen.clear();
  const auto projects = parse_build_recipe(r, j, manifest_path.parent_path());
  const auto& variants = r.array(j, "variants", "top level");
  for (size_t i = 0; i < variants.size(); ++i) {
    auto where = "variants[" + std::to_string(i) + "]";
    spec.variants.push_back(parse_variant(r, variants[i], where, projects));
    spec.variants.back().workload = spec.name;
    if (!spec.variants.back().project_dir.empty()) spec.variants.back().project_owner = spec.name;
    if (!seen.insert(spec.variants.back().id()).second)
      r.fail(where + ".name", "duplicate variant '" + spec.variants.back().id() + "'");
    const auto& v = spec.variants.back();
    for (const auto* list : {&v.skip_inputs, &v.full_only_inputs})
      for (const auto& name : *list)
        if (std::none_of(spec.inputs.begin(), spec.inputs.end(), [&](const InputSpec& in) { return in.name == name; }))
          r.fail(where + (list == &v.skip_inputs ? ".skip_inputs" : ".full_only_inputs"),
                 "names no input: '" + name + "'");
  }

  if (j.contains("baseline")) {
    if (!j["baseline"].is_object()) r.fail("baseline", "must be an object");
    for (const auto& [lang, name] : j["baseline"].items()) {
      if (!name.is_string() || !seen.contains(lang + "/" + name.get<std::string>()))
        r.fail("baseline." + lang, "must name a variant of that language");
      spec.baseline[lang] = name.get<std::string>();
    }
  }
  return spec;
}

std::vector<WorkloadSpec> discover_workloads(const std::filesystem::path& workloads_dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(workloads_dir, ec))
    throw InputError(workloads_dir.string() + ": workloads directory not found");
  std::vector<WorkloadSpec> specs;
  for (const auto& entry : std::filesystem::directory_iterator(workloads_dir)) {
    auto manifest = entry.path() / "workload.json";
    if (entry.is_directory() && std::filesystem::exists(manifest))
      specs.push_back(load_manifest(manifest));
  }
  std::sort(specs.begin(), specs.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return specs;
}

InputSpec user_input(const WorkloadSpec& w, const std::filesystem::path& file) {
  const std::string option = "--input-file " + w.name + "=" + file.string();
  if (!w.user_inputs)
    throw InputError(option + ": workload '" + w.name + "' takes no files of the user's (its manifest " +
                     w.manifest_path.string() + " has no user_inputs)");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) throw InputError(option + ": no such file");
  InputSpec in = *w.user_inputs;
  std::string stem;
  for (char c : file.stem().string()) {  // an identifier: lower case, other characters as '-'
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    stem += (std::isalnum(static_cast<unsigned char>(lower)) || lower == '_') ? lower : '-';
  }
  in.name = ("file-" + stem).substr(0, 64);
  in.local_file = std::filesystem::absolute(file).lexically_normal();
  return in;
}

std::vector<WorkloadSpec> discover_external_workloads(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw InputError(dir.string() + ": --workloads directory not found");
  std::vector<WorkloadSpec> specs;
  if (std::filesystem::exists(dir / "workload.json")) {
    specs.push_back(load_manifest(std::filesystem::absolute(dir / "workload.json")));
  } else {
    specs = discover_workloads(std::filesystem::absolute(dir));
  }
  if (specs.empty())
    throw InputError(dir.string() + ": no workload.json in it or in its subdirectories (--workloads)");
  for (auto& s : specs) s.origin = std::filesystem::absolute(dir).lexically_normal().string();
  return specs;
}

std::vector<WorkloadSpec> discover_all_workloads(const std::filesystem::path& workloads_dir,
                                                 const std::vector<std::filesystem::path>& external_dirs) {
  auto all = discover_workloads(workloads_dir);
  for (const auto& dir : external_dirs)
    for (auto& w : discover_external_workloads(dir)) {
      for (const auto& known : all)
        if (known.name == w.name)
          throw InputError(w.manifest_path.string() + ": name: workload '" + w.name + "' is also defined by " +
                           known.manifest_path.string());
      all.push_back(std::move(w));
    }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return all;
}

}  // namespace xlb
