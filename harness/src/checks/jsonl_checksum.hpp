#pragma once
// The jsonl_paths checksum rule: JSON lines, each line one document, reduced
// with the json_paths aggregates (json_checksum.hpp) and summed over documents.
#include <istream>
#include <nlohmann/json.hpp>
#include <string>

namespace xlb {

// Every line that is not blank (only spaces, tabs, '\r') must be a JSON object.
// Returns {"docs": number of documents, <key>: sum over documents of that
// aggregate (wrapping 64-bit), ...}. Throws InputError naming source_name and
// the line for a line that is not a JSON object, or for a bad aggregate.
nlohmann::json jsonl_path_aggregates(std::istream& in, const nlohmann::json& aggregates,
                                     const std::string& source_name);

}  // namespace xlb
