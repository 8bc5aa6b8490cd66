#pragma once
// Workload, variant, input and mode names become file names and table keys,
// so they are plain identifiers: no path separators, no dots, no spaces.
#include <string_view>

namespace xlb {

inline bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return s.front() != '-';
}

// The last component of a slash-separated path ("./cmd/scan" -> "scan").
inline std::string_view path_leaf(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace xlb
