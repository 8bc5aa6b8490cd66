#pragma once
// A host given on the command line as [user@]host[:port] (--server-host).
#include <string>

namespace xlb {

struct SshHost {
  std::string user;  // empty: ssh's default (~/.ssh/config, the local user)
  std::string host;  // a name or an IPv4 address, as ssh and the load generator reach it
  int port = 0;      // 0: ssh's default

  std::string destination() const { return user.empty() ? host : user + "@" + host; }
  std::string to_string() const { return destination() + (port ? ":" + std::to_string(port) : ""); }
};

// Throws InputError naming the option and the value ("--server-host: 'a b' ...").
SshHost parse_ssh_host(const std::string& option, const std::string& value);

}  // namespace xlb
