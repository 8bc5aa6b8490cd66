#include "history/open_history.hpp"

#include <cstdlib>

#include "core/errors.hpp"
#include "history/postgres_db.hpp"
#include "history/schema.hpp"
#include "history/sqlite_db.hpp"

namespace xlb {

std::string history_location(const std::string& flag, const std::string& default_file) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("XLBENCH_HISTORY_DB"); env && *env) return env;
  return default_file;
}

std::unique_ptr<HistoryDb> open_history(const std::string& location, bool create) {
  if (location.empty()) throw InputError("--db: empty database location");
  std::unique_ptr<HistoryDb> db;
  const auto scheme = location.find("://");
  if (scheme != std::string::npos) {
    const auto name = location.substr(0, scheme);
    if (name != "postgresql" && name != "postgres")
      throw InputError("--db: '" + redact_url(location) + "': unknown scheme '" + name +
                       "' (postgresql://... or a SQLite file path)");
    db = open_postgres_history(location);
  } else {
    db = open_sqlite_history(location, create);
  }
  migrate_history(*db);
  return db;
}

}  // namespace xlb
