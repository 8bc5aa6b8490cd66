#pragma once
// What a server endpoint is (request, expected response) and the probes that
// show an echo endpoint really decodes: shared by every endpoint rule.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "loadgen/load_spec.hpp"

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

// "text/plain" from "Text/Plain; charset=utf-8".
std::string media_type_of(const std::string& content_type);

// Extra requests that show an echo endpoint really decodes into its typed
// struct instead of copying bytes: an unknown field is dropped (the answer
// equals the document without it) and a field of the wrong type gets 400.
struct EndpointProbe {
  std::string what;  // for the report: "unknown field dropped"
  HttpRequestSpec request;
  int status = 200;
  std::optional<nlohmann::json> document;  // the expected answer, when 200
};

}  // namespace xlb
