#pragma once
// A host of a multi-host run (--server-host, --client-host): a directory of this
// run's own on that host, where binaries and request or job files are copied
// (each local file once) and run; removed when the site ends.
#include <filesystem>
#include <map>
#include <string>

#include "remote/ssh_command.hpp"
#include "remote/ssh_host.hpp"

namespace xlb {

class RemoteSite {
 public:
  // Creates the directory (mktemp -d under /tmp). Throws std::runtime_error when ssh fails.
  RemoteSite(SshHost host, SshTools tools);
  ~RemoteSite();  // rm -rf of the directory; a failure is logged, not thrown
  RemoteSite(const RemoteSite&) = delete;
  RemoteSite& operator=(const RemoteSite&) = delete;

  // The remote path of a local file, copied on first use (again when `refresh`: a request
  // file rewritten since). Throws std::runtime_error when the copy fails.
  std::string put(const std::filesystem::path& local, bool refresh = false);

  const SshHost& host() const { return host_; }
  const SshTools& tools() const { return tools_; }
  const std::string& dir() const { return dir_; }

 private:
  SshHost host_;
  SshTools tools_;
  std::string dir_;
  std::map<std::string, std::string> copied_;  // local path -> remote path
};

}  // namespace xlb
