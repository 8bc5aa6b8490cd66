#pragma once
// The harness's own implementation of the csv workload (workloads/csv/README.md):
// lenient RFC 4180 parsing, group-by aggregation, canonical text and checksum.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace xlb {

// Records of a CSV text (BOM dropped, empty lines skipped, CRLF or LF).
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

// The canonical aggregate output. params: {"key": name, "int_columns": [names]}.
// Throws InputError when a named column is not in the header.
std::string csv_aggregate_text(std::string_view text, const nlohmann::json& params);

// {"groups", "rows", "bad_rows", "output_bytes", "output_fnv1a"} of the canonical text.
nlohmann::json csv_checksum(std::string_view text, const nlohmann::json& params);

}  // namespace xlb
