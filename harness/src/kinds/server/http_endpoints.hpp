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

#include "kinds/server/endpoint_types.hpp"
#include "model/manifest.hpp"

namespace xlb {

// Throws InputError naming the manifest file and field.
EndpointSpec endpoint_spec(const WorkloadSpec& workload, const std::string& mode, const nlohmann::json& params);

// The pre-flight check of a server cell: the endpoint's rule as JSON (what
// every response must look like). Throws InputError like endpoint_spec.
nlohmann::json endpoint_reference(const WorkloadSpec& workload, const std::string& mode, const nlohmann::json& params);

// Empty when the response is right; else what differed, for an "invalid" reason.
std::string check_response(const EndpointSpec& endpoint, const VerifyResult& response);

std::vector<EndpointProbe> endpoint_probes(const EndpointSpec& endpoint);
std::string check_probe(const EndpointProbe& probe, const VerifyResult& response);

}  // namespace xlb
