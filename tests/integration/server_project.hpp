#pragma once
// A throwaway project root with an HTTP server workload whose variants are fake
// servers (tests/fakes/fake_server.cpp), for the CLI tests of server faults.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "model/results.hpp"
#include "test_project.hpp"

namespace xlb::testing {

inline nlohmann::json fake_server(const std::string& language, const std::string& name, const std::string& behave) {
  return {{"language", language},
          {"name", name},
          {"target", name},
          {"library", "fake"},
          {"command", {XLB_FAKE_SERVER, "--behave", behave}}};
}

// Writes <root>/workloads/http/workload.json with the plaintext, json and echo
// endpoints; `baseline` (language -> variant name) is left out when empty.
inline std::filesystem::path make_server_project(const std::string& tag, const nlohmann::json& variants,
                                                 const nlohmann::json& baseline = nlohmann::json::object()) {
  using nlohmann::json;
  auto root = make_temp_dir(tag);
  std::filesystem::create_directories(root / "workloads" / "http");
  json manifest = {
      {"schema_version", 1},
      {"name", "http"},
      {"kind", "server"},
      {"description", "fake servers"},
      {"modes", {"plaintext", "json", "echo"}},
      {"inputs",
       {{{"name", "default"},
         {"params",
          {{"doc",
            {{"id", 7}, {"name", "n"}, {"email", "e@x"}, {"active", true}, {"score", 1.5}, {"tags", {"a", "b"}},
             {"address", {{"street", "s"}, {"city", "c"}, {"zip", "z"}}}}}}}}}},
      {"checksum",
       {{"plaintext", {{"rule", "http_exact"}, {"method", "GET"}, {"path", "/plaintext"}, {"media_type", "text/plain"},
                       {"body", "Hello, World!"}}},
        {"json", {{"rule", "http_exact"}, {"method", "GET"}, {"path", "/json"}, {"media_type", "application/json"},
                  {"body", R"({"message":"Hello, World!"})"}}},
        {"echo", {{"rule", "http_json_echo"}, {"method", "POST"}, {"path", "/echo"},
                  {"media_type", "application/json"}, {"document_param", "doc"}}}}},
      {"variants", variants}};
  if (!baseline.empty()) manifest["baseline"] = baseline;
  std::ofstream(root / "workloads" / "http" / "workload.json") << manifest.dump(2);
  return root;
}

// The row of one variant ("go/good"), mode and input (a load phase such as "c64"), or nullptr.
inline const Measurement* find_row(const ResultsDoc& doc, const std::string& id, const std::string& mode,
                                   const std::string& input) {
  for (const auto& m : doc.measurements)
    if (m.variant_id() == id && m.mode == mode && m.input == input) return &m;
  return nullptr;
}

}  // namespace xlb::testing
