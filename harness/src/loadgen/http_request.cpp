#include "loadgen/http_request.hpp"

#include <cstring>

#include "core/errors.hpp"

namespace xlb {
namespace {

bool is_token(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && (c == 0 || std::strchr("!#$%&'*+-.^_`|~", c) == nullptr)) return false;
  }
  return true;
}

// Printable ASCII without spaces: what fits in a request target or a header value we build.
bool is_visible(const std::string& s, bool allow_space) {
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f || (c == ' ' && !allow_space)) return false;
  return true;
}

}  // namespace

std::string render_http_request(const HttpRequestSpec& request, const std::string& host, int port) {
  if (!is_token(request.method)) throw InputError("HTTP method '" + request.method + "' is not a token");
  if (request.path.empty() || request.path.front() != '/' || !is_visible(request.path, false))
    throw InputError("HTTP path '" + request.path + "' must start with '/' and hold no spaces or control bytes");
  if (!is_visible(request.content_type, true))
    throw InputError("Content-Type '" + request.content_type + "' holds control bytes");
  if (host.empty() || !is_visible(host, false)) throw InputError("host '" + host + "' is not a valid host name");

  const bool ipv6_literal = host.find(':') != std::string::npos;
  std::string out;
  out.reserve(128 + request.body.size());
  out += request.method + " " + request.path + " HTTP/1.1\r\n";
  out += "Host: " + (ipv6_literal ? "[" + host + "]" : host) + ":" + std::to_string(port) + "\r\n";
  // A body, or a method that normally has one, gets an explicit length so the server never waits for more.
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
    if (!request.content_type.empty()) out += "Content-Type: " + request.content_type + "\r\n";
    out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  }
  out += "\r\n";
  out += request.body;
  return out;
}

}  // namespace xlb
