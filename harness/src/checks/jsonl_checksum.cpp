#include "checks/jsonl_checksum.hpp"

#include <cstdint>
#include <map>

#include "core/errors.hpp"
#include "checks/json_checksum.hpp"

namespace xlb {

nlohmann::json jsonl_path_aggregates(std::istream& in, const nlohmann::json& aggregates,
                                     const std::string& source_name) {
  if (!aggregates.is_array()) throw InputError(source_name + ": checksum aggregates must be an array");
  for (const auto& agg : aggregates)
    if (agg.is_object() && agg.value("key", "") == "docs")
      throw InputError(source_name + ": checksum aggregate key 'docs' is reserved for the document count");
  // Unsigned, so the sums wrap as the workload README says. Evaluating the aggregates on an empty
  // object validates them and gives every key, so an empty file still has them all (at 0).
  std::map<std::string, std::uint64_t> sums;
  const auto zeros = json_path_aggregates(nlohmann::json::object(), aggregates);
  for (const auto& [key, value] : zeros.items()) sums[key] = 0;
  std::uint64_t docs = 0;
  std::string line;
  for (std::int64_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw InputError(source_name + ": line " + std::to_string(line_no) + " is not valid JSON: " + e.what());
    }
    if (!doc.is_object())
      throw InputError(source_name + ": line " + std::to_string(line_no) + " is not a JSON object");
    ++docs;
    const auto totals = json_path_aggregates(doc, aggregates);
    for (const auto& [key, value] : totals.items()) sums[key] += static_cast<std::uint64_t>(value.get<std::int64_t>());
  }
  nlohmann::json out = {{"docs", static_cast<std::int64_t>(docs)}};
  for (const auto& [key, sum] : sums) out[key] = static_cast<std::int64_t>(sum);
  return out;
}

}  // namespace xlb
