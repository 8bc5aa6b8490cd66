#include "remote/ssh_host.hpp"

#include <algorithm>
#include <cctype>

#include "core/errors.hpp"

namespace xlb {
namespace {

// Letters, digits, '.', '-', '_': nothing ssh could read as an option or a shell could expand.
bool plain_name(const std::string& s) {
  return !s.empty() && s.front() != '-' && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == '_';
  });
}

}  // namespace

SshHost parse_ssh_host(const std::string& option, const std::string& value) {
  auto fail = [&](const std::string& why) {
    return InputError(option + ": '" + value + "' is not [user@]host[:port] (" + why + ")");
  };
  SshHost h;
  std::string rest = value;
  if (const auto at = rest.find('@'); at != std::string::npos) {
    h.user = rest.substr(0, at);
    rest = rest.substr(at + 1);
    if (!plain_name(h.user)) throw fail("the user name must be letters, digits, '.', '-' or '_'");
  }
  if (const auto colon = rest.find(':'); colon != std::string::npos) {
    const auto digits = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
    if (digits.empty() || digits.size() > 5 || !std::all_of(digits.begin(), digits.end(), ::isdigit))
      throw fail("the port must be a number from 1 to 65535");
    h.port = std::stoi(digits);
    if (h.port < 1 || h.port > 65535) throw fail("the port must be a number from 1 to 65535");
  }
  if (!plain_name(rest)) throw fail("the host must be a name or an IPv4 address");
  h.host = rest;
  return h;
}

}  // namespace xlb
