#include "os/tree_rss_sampler.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace xlb {
namespace {

struct StatLine {
  pid_t ppid = 0;
  long rss_pages = 0;
};

// Fields after the command name, which may itself hold spaces and parentheses.
bool read_stat(const std::filesystem::path& dir, StatLine& out) {
  std::ifstream in(dir / "stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  const auto close = line.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream fields(line.substr(close + 2));
  std::string field;
  // state(3) ppid(4) ... rss(24): indices relative to the field after the name.
  for (int index = 3; fields >> field; ++index) {
    if (index == 4) out.ppid = static_cast<pid_t>(std::strtol(field.c_str(), nullptr, 10));
    if (index == 24) {
      out.rss_pages = std::strtol(field.c_str(), nullptr, 10);
      return true;
    }
  }
  return false;
}

}  // namespace

long descendants_rss_kb(pid_t ancestor) {
  std::multimap<pid_t, pid_t> children;
  std::map<pid_t, long> rss_pages;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const auto name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    StatLine stat;
    if (!read_stat(entry.path(), stat)) continue;  // exited while we looked
    const auto pid = static_cast<pid_t>(std::strtol(name.c_str(), nullptr, 10));
    children.emplace(stat.ppid, pid);
    rss_pages[pid] = stat.rss_pages;
  }
  long pages = 0;
  std::vector<pid_t> todo = {ancestor};
  while (!todo.empty()) {
    const pid_t parent = todo.back();
    todo.pop_back();
    for (auto [it, end] = children.equal_range(parent); it != end; ++it) {
      pages += rss_pages[it->second];
      todo.push_back(it->second);
    }
  }
  return pages * (::sysconf(_SC_PAGESIZE) / 1024);
}

TreeRssSampler::TreeRssSampler(std::chrono::milliseconds interval, std::chrono::seconds heartbeat_every,
                               Heartbeat heartbeat)
    : thread_([this, interval, heartbeat_every, heartbeat = std::move(heartbeat)] {
        const pid_t self = ::getpid();
        const auto start = std::chrono::steady_clock::now();
        auto next_beat = start + heartbeat_every;
        while (!stop_) {
          const long kb = descendants_rss_kb(self);
          if (kb > peak_kb_) peak_kb_ = kb;
          const auto now = std::chrono::steady_clock::now();
          if (heartbeat && heartbeat_every.count() > 0 && now >= next_beat) {
            heartbeat(std::chrono::duration_cast<std::chrono::seconds>(now - start));
            next_beat += heartbeat_every;
          }
          for (auto waited = std::chrono::milliseconds(0); waited < interval && !stop_;
               waited += std::chrono::milliseconds(10))
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
      }) {}

TreeRssSampler::~TreeRssSampler() { stop(); }

long TreeRssSampler::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  return peak_kb_;
}

}  // namespace xlb
