#include "kinds/build/link_times.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

#include "os/process.hpp"

namespace xlb {
namespace fs = std::filesystem;

std::string cargo_linker_variable(const std::string& host_triple) {
  std::string name = "CARGO_TARGET_";
  for (const char c : host_triple)
    name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : '_';
  return name + "_LINKER";
}

std::string rust_host_triple() {
  std::istringstream lines(capture_output({"rustc", "-vV"}, std::chrono::seconds(30)));
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("host: ", 0) == 0) return line.substr(6);
  return "";
}

std::map<std::string, std::string> link_timer_env(const fs::path& timer, const fs::path& log, std::string& why) {
  std::error_code ec;
  if (!fs::is_regular_file(timer, ec)) {
    why = timer.string() + " is not built";
    return {};
  }
  const auto triple = rust_host_triple();
  if (triple.empty()) {
    why = "rustc -vV names no host triple";
    return {};
  }
  return {{cargo_linker_variable(triple), timer.string()}, {"XLB_LINK_LOG", log.string()}};
}

LinkTimes read_link_log(const fs::path& log) {
  LinkTimes t;
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    long long ns = 0;
    int status = 0;
    if (!(fields >> ns >> status) || ns < 0) {
      ++t.malformed;
      continue;
    }
    ++t.links;
    if (status != 0) ++t.failed;
    t.total_s += static_cast<double>(ns) / 1e9;
  }
  return t;
}

}  // namespace xlb
