#pragma once
// The endpoints of a server workload, read from the manifest's per-mode rules
// (workloads/http/workload.json "checksum"), and the verification every
// response must pass before a server is loaded (docs/protocol.md).
//   http_exact:     GET/POST a path; status 200, media type, body byte for byte
//   http_json_echo: POST a JSON document taken from the input's params; the
//                   response must parse to an equal document
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http_load.hpp"
#include "manifest.hpp"

namespace xlb {

struct EndpointSpec {
  std::string mode;  // the workload mode this endpoint is measured under
  std::string rule;  // http_exact | http_json_echo | sql_* (sql_api_endpoints.hpp)
  HttpRequestSpec request;
  std::string media_type;   // expected Content-Type without parameters, lower case
  std::string body;         // http_exact: the exact body
  nlohmann::json document;  // http_json_echo: the document sent, which must come back
  // sql_*: requests that differ (seeded ids), cycled under load; `request` is the first.
  std::vector<HttpRequestSpec> rotation;
  int status = 200;              // expected at verification and under load
  bool fixed_body_size = true;   // false: response sizes differ, only the status is checked under load
  nlohmann::json details;        // rule-specific facts for the report (sql_*: users, seed, ids)

  nlohmann::json to_json() const;
};

// Throws InputError naming the manifest file and field.
EndpointSpec endpoint_spec(const WorkloadSpec& workload, const std::string& mode, const nlohmann::json& params);

// The pre-flight check of a server cell: the endpoint's rule as JSON (what
// every response must look like). Throws InputError like endpoint_spec.
nlohmann::json endpoint_reference(const WorkloadSpec& workload, const std::string& mode, const nlohmann::json& params);

// "text/plain" from "Text/Plain; charset=utf-8".
std::string media_type_of(const std::string& content_type);

// Empty when the response is right; else what differed, for an "invalid" reason.
std::string check_response(const EndpointSpec& endpoint, const VerifyResult& response);

// Extra requests that show an echo endpoint really decodes into its typed
// struct instead of copying bytes: an unknown field is dropped (the answer
// equals the document without it) and a field of the wrong type gets 400.
struct EndpointProbe {
  std::string what;  // for the report: "unknown field dropped"
  HttpRequestSpec request;
  int status = 200;
  std::optional<nlohmann::json> document;  // the expected answer, when 200
};
std::vector<EndpointProbe> endpoint_probes(const EndpointSpec& endpoint);
std::string check_probe(const EndpointProbe& probe, const VerifyResult& response);

}  // namespace xlb
