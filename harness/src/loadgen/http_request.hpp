#pragma once
// The bytes of one HTTP/1.1 request, rendered once before load and sent as is.
#include <string>

#include "loadgen/load_spec.hpp"

namespace xlb {

// Validates the method and path (InputError names the bad value) and renders
// "METHOD path HTTP/1.1" with Host, and Content-Type/Content-Length for a body.
std::string render_http_request(const HttpRequestSpec& request, const std::string& host, int port);

}  // namespace xlb
