#include "history/history_db.hpp"

#include <cstdio>
#include <cstdlib>

#include "core/errors.hpp"

namespace xlb {

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (...) {  // the connection is gone: nothing was committed either
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

std::string sql_double(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

std::string redact_url(std::string url) {
  // scheme://user:password@host...?password=...: keep everything but the password.
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  const auto colon = url.find(':', scheme + 3);
  if (at != std::string::npos && colon != std::string::npos && colon < at)
    url = url.substr(0, colon + 1) + "***" + url.substr(at);
  if (const auto p = url.find("password="); p != std::string::npos) {
    const auto end = url.find('&', p);
    url = url.substr(0, p + 9) + "***" + (end == std::string::npos ? "" : url.substr(end));
  }
  return url;
}

}  // namespace xlb
