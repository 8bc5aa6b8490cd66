#include "checks/checksum_reference.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "checks/csv_checksum.hpp"
#include "checks/fanout_checksum.hpp"
#include "checks/json_checksum.hpp"
#include "checks/jsonl_checksum.hpp"
#include "core/errors.hpp"

namespace xlb {
namespace {

using nlohmann::json;

struct RuleCall {
  const WorkloadSpec& spec;
  const std::string& mode;
  const json& rule;
  const ResolvedInput& input;

  [[noreturn]] void fail(const std::string& field, const std::string& what) const {
    throw InputError(spec.manifest_path.string() + ": checksum." + mode + (field.empty() ? "" : "." + field) + ": " +
                     what);
  }
  json schema_entry() const {
    const auto schemas = rule.value("schemas", json::object());
    if (!schemas.contains(input.schema))
      fail("schemas", "has no entry for schema '" + input.schema + "' (input '" + input.name + "')");
    return schemas[input.schema];
  }
  std::string text() const {
    std::ifstream in(input.path, std::ios::binary);
    if (!in) throw InputError(input.path.string() + ": cannot open input");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  json document() const {
    try {
      return json::parse(text());
    } catch (const json::exception& e) {
      throw InputError(input.path.string() + ": input is not valid JSON: " + e.what());
    }
  }
};

// {"<input>": {"<mode>": {checksum}}} in a file next to the manifest ("file", default expected.json).
json expected_answer(const RuleCall& c) {
  const auto name = c.rule.value("file", std::string("expected.json"));
  if (name.empty() || name.find("..") != std::string::npos || name.starts_with("/"))
    c.fail("file", "'" + name + "' must be a relative path inside the workload's directory");
  const auto path = c.spec.dir() / name;
  std::ifstream in(path);
  if (!in) throw InputError(path.string() + ": cannot open the expected answers (checksum." + c.mode + ".file)");
  json answers;
  try {
    answers = json::parse(in);
  } catch (const json::exception& e) {
    throw InputError(path.string() + ": not valid JSON: " + e.what());
  }
  const auto where = path.string() + ": " + c.input.name + "." + c.mode;
  if (!answers.is_object() || !answers.contains(c.input.name) || !answers[c.input.name].is_object() ||
      !answers[c.input.name].contains(c.mode))
    throw InputError(where + ": no expected answer for input '" + c.input.name + "' in mode '" + c.mode + "'");
  const auto& answer = answers[c.input.name][c.mode];
  if (!answer.is_object() || answer.empty() ||
      !std::all_of(answer.begin(), answer.end(), [](const json& v) { return v.is_number_integer(); }))
    throw InputError(where + ": must be an object of integers (the checksum a variant prints)");
  return answer;
}

json from_reference_variant(const RuleCall& c) {
  reference_variant_of(c.spec, c.mode);  // validates the rule
  return nullptr;
}

const std::map<std::string, std::function<json(const RuleCall&)>>& rules() {
  static const std::map<std::string, std::function<json(const RuleCall&)>> table = {
      {"json_stats", [](const RuleCall& c) { return json_stats(c.document()); }},
      {"json_paths",
       [](const RuleCall& c) {
         const auto doc = c.document();
         return json_path_aggregates(doc, c.schema_entry());
       }},
      {"jsonl_paths",
       [](const RuleCall& c) {
         const auto schema = c.schema_entry();
         std::istringstream lines(c.text());
         return jsonl_path_aggregates(lines, schema, c.input.path.string());
       }},
      {"csv_aggregate", [](const RuleCall& c) { return csv_checksum(c.text(), c.input.params); }},
      {"fanout_sum", [](const RuleCall& c) { return fanout_checksum(c.mode, c.input.params); }},
      {"expected", expected_answer},
      {"reference_variant", from_reference_variant},
  };
  return table;
}

}  // namespace

std::vector<std::string> checksum_rule_names() {
  std::vector<std::string> names;
  for (const auto& [name, rule] : rules()) names.push_back(name);
  return names;
}

json reference_checksum(const WorkloadSpec& spec, const std::string& mode, const ResolvedInput& input) {
  const auto& rule_spec = spec.checksum.at(mode);
  const auto rule = rule_spec["rule"].get<std::string>();
  auto it = rules().find(rule);
  if (it == rules().end()) {
    std::string known;
    for (const auto& name : checksum_rule_names()) known += (known.empty() ? "" : ", ") + name;
    throw InputError(spec.manifest_path.string() + ": checksum." + mode + ".rule: unknown rule '" + rule +
                     "' (known: " + known + ")");
  }
  return it->second(RuleCall{spec, mode, rule_spec, input});
}

std::string reference_variant_of(const WorkloadSpec& spec, const std::string& mode) {
  const auto& rule = spec.checksum.at(mode);
  if (rule.value("rule", std::string()) != "reference_variant") return {};
  const auto where = spec.manifest_path.string() + ": checksum." + mode + ".variant";
  if (!rule.contains("variant") || !rule["variant"].is_string())
    throw InputError(where + ": the reference_variant rule needs the reference's id, e.g. \"go/encoding_json\"");
  const auto id = rule["variant"].get<std::string>();
  if (std::none_of(spec.variants.begin(), spec.variants.end(), [&](const VariantSpec& v) { return v.id() == id; }))
    throw InputError(where + ": '" + id + "' is not a variant of this workload");
  return id;
}

}  // namespace xlb
