#include "remote/remote_site.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace xlb {

RemoteSite::RemoteSite(SshHost host, SshTools tools) : host_(std::move(host)), tools_(std::move(tools)) {
  dir_ = run_remote(tools_, host_, {"mktemp", "-d", "/tmp/xlbench-run.XXXXXXXX"}, std::chrono::seconds(30));
  while (!dir_.empty() && (dir_.back() == '\n' || dir_.back() == '\r')) dir_.pop_back();
  if (dir_.rfind("/tmp/xlbench-run.", 0) != 0 || dir_.find('\n') != std::string::npos)
    throw std::runtime_error(host_.to_string() + ": mktemp printed '" + dir_ + "', not a directory under /tmp");
}

RemoteSite::~RemoteSite() {
  try {
    run_remote(tools_, host_, {"rm", "-rf", "--", dir_}, std::chrono::seconds(30), true);
  } catch (const std::exception& e) {
    spdlog::warn("{}: could not remove {}: {}", host_.to_string(), dir_, e.what());
  }
}

std::string RemoteSite::put(const std::filesystem::path& local, bool refresh) {
  const auto key = std::filesystem::absolute(local).lexically_normal().string();
  auto it = copied_.find(key);
  if (it != copied_.end() && !refresh) return it->second;
  // A number keeps two local files of the same name apart; the name keeps the remote listing readable.
  const std::string remote = it != copied_.end() ? it->second
                                                  : dir_ + "/" + std::to_string(copied_.size()) + "-" +
                                                        local.filename().string();
  copy_to_remote(tools_, host_, local, remote);
  copied_[key] = remote;
  return remote;
}

}  // namespace xlb
