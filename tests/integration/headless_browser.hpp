#pragma once
// Headless Chromium for the HTML tests (report.html, the history page): find the browser, load
// a page from file:// with no name resolution, and read what the page says about itself after
// its scripts ran (canvases with data-drawn, <body data-rendered>, the #xlb-errors list).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "os/process.hpp"

namespace xlb::browser {

namespace fs = std::filesystem;

inline bool browser_required() {
  const char* v = std::getenv("XLBENCH_REQUIRE_BROWSER");
  return v && *v && std::string(v) != "0";
}

// $XLB_CHROMIUM, else chromium / chromium-browser on PATH.
inline std::optional<fs::path> find_chromium() {
  if (const char* env = std::getenv("XLB_CHROMIUM"); env && *env) return fs::path(env);
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    for (const char* name : {"chromium", "chromium-browser"})
      if (std::error_code ec; !dir.empty() && fs::exists(fs::path(dir) / name, ec)) return fs::path(dir) / name;
  return std::nullopt;
}

inline std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

struct BrowserRun {
  xlb::ChildResult result;
  std::string out;
};

// One headless Chromium run on a page, with a fresh profile, HOME and no name resolution.
inline BrowserRun run_chromium(const fs::path& chromium, const fs::path& work, const std::vector<std::string>& extra,
                        const fs::path& page) {
  static int runs = 0;
  const fs::path profile = work / ("profile-" + std::to_string(++runs));
  fs::create_directories(profile);
  std::vector<std::string> argv = {chromium.string(),
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--no-first-run",
                                   "--hide-scrollbars",
                                   "--host-resolver-rules=MAP * ~NOTFOUND",
                                   "--user-data-dir=" + profile.string(),
                                   "--virtual-time-budget=15000"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back("file://" + page.string());
  xlb::ChildLimits limits;
  limits.timeout = std::chrono::seconds(180);
  limits.max_line_bytes = 64 * 1024 * 1024;  // the dumped DOM holds Chart.js's minified source on one line
  limits.stderr_tail_bytes = 8192;
  for (const char* var : {"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) limits.env[var] = profile.string();
  BrowserRun run;
  run.result = xlb::run_child(argv, limits, [&](const std::string& line) -> std::optional<std::string> {
    run.out += line + "\n";
    return std::nullopt;
  });
  return run;
}

// What the page says about itself after its scripts ran.
struct DrawnPage {
  int canvases = 0;
  std::vector<std::string> undrawn;  // ids of canvases without data-drawn > 0
  std::optional<int> rendered;       // <body data-rendered>
  std::vector<std::string> errors;   // <li> of #xlb-errors
  bool has_error_list = false;
};

inline std::string attribute(const std::string& tag, const std::string& name) {
  std::smatch m;
  if (std::regex_search(tag, m, std::regex("\\s" + name + "=\"([^\"]*)\""))) return m[1];
  return "";
}

// The text of each start tag `<name ...>` (a plain scan: the DOM is large, std::regex is slow on it).
inline std::vector<std::string> start_tags(const std::string& html, const std::string& name) {
  std::vector<std::string> tags;
  const std::string open = "<" + name;
  for (auto pos = html.find(open); pos != std::string::npos; pos = html.find(open, pos + 1)) {
    const char next = pos + open.size() < html.size() ? html[pos + open.size()] : '>';
    if (next != ' ' && next != '>') continue;
    const auto end = html.find('>', pos);
    if (end == std::string::npos) break;
    tags.push_back(html.substr(pos, end - pos + 1));
  }
  return tags;
}

inline DrawnPage inspect_dom(const std::string& dom) {
  DrawnPage page;
  for (const auto& tag : start_tags(dom, "canvas")) {
    ++page.canvases;
    const std::string drawn = attribute(tag, "data-drawn");
    if (drawn.empty() || std::stoi(drawn) <= 0) page.undrawn.push_back(attribute(tag, "id"));
  }
  if (const auto body = start_tags(dom, "body"); !body.empty()) {
    const std::string value = attribute(body.front(), "data-rendered");
    if (!value.empty()) page.rendered = std::stoi(value);
  }
  const auto start = dom.find("<ol id=\"xlb-errors\"");
  if (start != std::string::npos) {
    page.has_error_list = true;
    const auto end = dom.find("</ol>", start);
    const std::string list = dom.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const std::regex item("<li>([\\s\\S]*?)</li>");
    for (auto it = std::sregex_iterator(list.begin(), list.end(), item); it != std::sregex_iterator(); ++it)
      page.errors.push_back((*it)[1]);
  }
  return page;
}

}  // namespace xlb::browser
