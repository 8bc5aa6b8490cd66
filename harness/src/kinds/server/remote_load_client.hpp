#pragma once
// The load generator on another host (--client-host): this harness's own binary, copied once to
// a directory of the run's on that host (remote/remote_site.hpp), runs each phase there as
// `xlbench loadgen --job FILE` under the remote launch script (remote/remote_launch.hpp), so the
// generator ends with the ssh channel: no process outlives a lost link, a timeout or Ctrl-C.
// The host needs this machine's shared libraries (the same OS release): the constructor checks
// that the copy starts.
#include <filesystem>
#include <string>

#include "kinds/server/load_job.hpp"
#include "remote/remote_site.hpp"

namespace xlb {

class RemoteLoadClient {
 public:
  // `binary`: the harness to copy (debug info stripped into `work_dir` first when objcopy is
  // there); `work_dir`: where this side keeps the job files. Throws std::runtime_error naming the
  // host and what failed (no ssh session, the copy, a binary that does not start there).
  RemoteLoadClient(SshHost host, SshTools tools, const std::filesystem::path& binary,
                   const std::filesystem::path& work_dir);

  const SshHost& host() const { return site_.host(); }
  int logical_cpus() const { return logical_cpus_; }
  const std::string& remote_dir() const { return site_.dir(); }

  // Runs one phase there. The result's `extra` gains "client": {"host", "cpu_s", "wall_s"}, the
  // generator's CPU time on that host (its own rusage). Throws std::runtime_error naming
  // the host and what went wrong (the link lost, the generator killed, output that is not a result).
  LoadResult run(const LoadJob& job);

 private:
  RemoteSite site_;
  std::filesystem::path work_dir_;
  std::string binary_;  // its path on the host
  int logical_cpus_ = 1;
};

}  // namespace xlb
