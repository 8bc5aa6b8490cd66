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

}  // namespace xlb
