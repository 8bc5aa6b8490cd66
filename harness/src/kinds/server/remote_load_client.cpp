#include "kinds/server/remote_load_client.hpp"

#include <sstream>
#include <stdexcept>

#include "core/atomic_file.hpp"
#include "loadgen/load_wire.hpp"
#include "os/process.hpp"
#include "os/process_spawn.hpp"
#include "remote/remote_launch.hpp"
#include "remote/ssh_command.hpp"

namespace xlb {
namespace {

using std::chrono::milliseconds;

// The harness without its debug info (a tenth of the size to copy), else the binary itself.
std::filesystem::path binary_to_copy(const std::filesystem::path& binary, const std::filesystem::path& work_dir) {
  std::filesystem::create_directories(work_dir);
  const auto stripped = work_dir / "xlbench";
  if (std::filesystem::exists(stripped)) return stripped;
  ChildLimits limits;
  limits.timeout = std::chrono::seconds(120);
  const auto result = run_child({"objcopy", "--strip-debug", binary.string(), stripped.string()}, limits,
                                [](const std::string&) { return std::nullopt; });
  if (result.ok()) return stripped;
  std::filesystem::remove(stripped);
  return binary;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

RemoteLoadClient::RemoteLoadClient(SshHost host, SshTools tools, const std::filesystem::path& binary,
                                   const std::filesystem::path& work_dir)
    : site_(std::move(host), std::move(tools)), work_dir_(work_dir) {
  binary_ = site_.put(binary_to_copy(binary, work_dir));
  try {
    run_remote(site_.tools(), site_.host(), {binary_, "loadgen", "--help"}, std::chrono::seconds(30));
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("the harness binary copied there does not start (it needs this machine's "
                                         "shared libraries): ") +
                             e.what());
  }
  const auto cpus = trimmed(run_remote(site_.tools(), site_.host(), {"getconf", "_NPROCESSORS_ONLN"}));
  try {
    logical_cpus_ = std::max(1, std::stoi(cpus));
  } catch (const std::exception&) {
    throw std::runtime_error(site_.host().to_string() + ": getconf _NPROCESSORS_ONLN printed '" + cpus + "'");
  }
}

LoadResult RemoteLoadClient::run(const LoadJob& job) {
  const auto local = work_dir_ / "loadgen-job.json";
  write_file_atomically(local, job.to_json().dump() + "\n");
  const auto remote_job = site_.put(local, true);
  RemoteLaunch launch;
  launch.argv = {binary_, "loadgen", "--job", remote_job};
  launch.dir = site_.dir();
  launch.sample_interval = milliseconds(1000);  // unused samples: the generator reports its own CPU time
  launch.term_grace = milliseconds(2000);

  ChildLimits limits;
  // ssh's session set-up and the generator's start on top of the phase itself.
  limits.timeout = job.expected_length() + std::chrono::seconds(60);
  limits.stdin_open = true;  // the channel: its end stops the remote generator
  limits.max_line_bytes = 64 * 1024 * 1024;
  limits.stderr_tail_bytes = 64 * 1024;
  std::string last_line;
  const auto child = run_child(ssh_argv(site_.tools(), site_.host(), remote_launch_command(launch)), limits,
                               [&](const std::string& line) -> std::optional<std::string> {
                                 if (!line.empty()) last_line = line;
                                 return std::nullopt;
                               });
  // The script's exit line; the rest of stderr is the generator's own.
  std::optional<int> remote_status;
  std::string messages;
  std::istringstream lines(child.stderr_tail);
  for (std::string line; std::getline(lines, line);) {
    if (!is_remote_control_line(line))
      messages += (messages.empty() ? "" : " | ") + line;
    else if (auto status = parse_remote_exit(line))
      remote_status = status;
  }
  const std::string where = site_.host().to_string() + ": the load generator ";
  if (!child.ok()) {
    std::string what = child.started ? child.describe() : child.spawn_error;
    if (child.started && !child.timed_out && !child.aborted)
      what = remote_status ? describe_wait_status(wait_status_of_remote_exit(*remote_status))
                           : "the ssh link ended without its exit status (ssh " + what + ")";
    throw std::runtime_error(where + "failed: " + what + (messages.empty() ? "" : " (" + messages + ")"));
  }
  LoadResult result;
  try {
    result = load_result_from_json(nlohmann::json::parse(last_line));
  } catch (const std::exception& e) {
    throw std::runtime_error(where + "printed no result (" + e.what() + ")");
  }
  nlohmann::json client = {{"host", site_.host().to_string()}, {"wall_s", child.wall_s}};
  if (auto cpu = result.extra.find(kGeneratorCpuField); cpu != result.extra.end()) {
    client["cpu_s"] = *cpu;
    result.extra.erase(cpu);
  }
  result.extra["client"] = client;
  return result;
}

}  // namespace xlb
