#include "checks/checksum_reference.hpp"

#include <fstream>
#include <sstream>

#include "checks/csv_checksum.hpp"
#include "core/errors.hpp"
#include "checks/fanout_checksum.hpp"
#include "checks/json_checksum.hpp"
#include "checks/jsonl_checksum.hpp"

namespace xlb {

nlohmann::json reference_checksum(const WorkloadSpec& spec, const std::string& mode, const ResolvedInput& input) {
  const auto& rule_spec = spec.checksum.at(mode);
  const auto rule = rule_spec["rule"].get<std::string>();
  if (rule != "json_stats" && rule != "json_paths" && rule != "jsonl_paths" && rule != "csv_aggregate" &&
      rule != "fanout_sum")
    throw InputError(spec.manifest_path.string() + ": checksum." + mode + ".rule: unknown rule '" + rule + "'");
  if (rule == "fanout_sum") return fanout_checksum(mode, input.params);
  std::ifstream in(input.path, std::ios::binary);
  if (rule == "jsonl_paths") {
    const auto& schemas = rule_spec.value("schemas", nlohmann::json::object());
    if (!schemas.contains(input.schema))
      throw InputError(spec.manifest_path.string() + ": checksum." + mode + ".schemas has no entry for schema '" +
                       input.schema + "' (input '" + input.name + "')");
    if (!in) throw InputError(input.path.string() + ": cannot open input");
    return jsonl_path_aggregates(in, schemas[input.schema], input.path.string());
  }
  if (rule == "csv_aggregate") {
    std::stringstream text;
    text << in.rdbuf();
    return csv_checksum(text.str(), input.params);
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(input.path.string() + ": input is not valid JSON: " + e.what());
  }
  if (rule == "json_stats") return json_stats(doc);
  const auto& schemas = rule_spec.value("schemas", nlohmann::json::object());
  if (!schemas.contains(input.schema))
    throw InputError(spec.manifest_path.string() + ": checksum." + mode + ".schemas has no entry for schema '" +
                     input.schema + "' (input '" + input.name + "')");
  return json_path_aggregates(doc, schemas[input.schema]);
}

}  // namespace xlb
