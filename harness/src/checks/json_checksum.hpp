#pragma once
// The harness's own reference checksums for the JSON workload, computed from
// nlohmann::json, a third implementation independent of both languages.
#include <nlohmann/json.hpp>
#include <string>

namespace xlb {

// json_stats: value counts, members, elements, string and key bytes (workloads/json/README.md).
nlohmann::json json_stats(const nlohmann::json& doc);

// json_paths: [{"key","op","path"}...] evaluated over doc. Throws InputError on a bad path/op.
nlohmann::json json_path_aggregates(const nlohmann::json& doc, const nlohmann::json& aggregates);

}  // namespace xlb
