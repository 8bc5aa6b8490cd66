#pragma once
// The results document (docs/results-schema.md): what a run measured, with its
// raw samples and environment. Written after every measurement, atomically.
#include <cstdint>
#include <cstddef>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/measurement.hpp"

namespace xlb {

constexpr int kResultsSchemaVersion = 1;

struct ResultsDoc {
  std::string run_id;
  std::string status = "running";  // running | complete | interrupted | failed
  std::string started_at, finished_at;
  nlohmann::json plan = nlohmann::json::object();
  nlohmann::json environment = nlohmann::json::object();
  nlohmann::json builds = nlohmann::json::array();
  nlohmann::json inputs = nlohmann::json::array();
  // Build workload only (empty otherwise, and then not written): code size and binary sizes.
  nlohmann::json footprint = nlohmann::json::object();
  std::vector<Measurement> measurements;
};

// Derived metrics of one measurement from its raw samples (computed, never stored as truth).
nlohmann::json measurement_metrics(const Measurement& m);

nlohmann::json to_json(const ResultsDoc& doc);
// Throws InputError naming the field when the document is malformed or of another version.
ResultsDoc results_from_json(const nlohmann::json& j, const std::string& source_name);

void save_results(const ResultsDoc& doc, const std::filesystem::path& path);
ResultsDoc load_results(const std::filesystem::path& path);
// load_results on text already read; InputError naming `source` when it is not a results document.
ResultsDoc parse_results(std::string_view text, const std::string& source_name);

}  // namespace xlb
