#include "kinds/server/endpoint_types.hpp"

#include <algorithm>
#include <cctype>

namespace xlb {

using nlohmann::json;

json EndpointSpec::to_json() const {
  if (rule == "grpc") return details;  // a gRPC method (kinds/grpc): no HTTP request
  json j = {{"rule", rule},
            {"method", request.method},
            {"path", request.path},
            {"media_type", media_type},
            {"request_bytes", request.body.size()}};
  if (rule == "http_exact") j["body"] = body;
  if (rule == "http_json_echo") j["document"] = document;
  if (!rotation.empty()) {
    j["status"] = status;
    j["rotation"] = rotation.size();
    j["details"] = details;
  }
  return j;
}

std::string media_type_of(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  type.erase(type.begin(), std::find_if(type.begin(), type.end(), not_space));
  type.erase(std::find_if(type.rbegin(), type.rend(), not_space).base(), type.end());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

}  // namespace xlb
