#pragma once
// The history's tables and their versioned migrations (docs/history.md, "Schema").
#include <string>
#include <vector>

#include "history/history_db.hpp"

namespace xlb {

struct Migration {
  int version;
  std::vector<std::string> statements;  // one SQL statement each, valid in SQLite and PostgreSQL
};
const std::vector<Migration>& history_migrations();
int history_schema_version();  // the newest migration's version

// Brings `db` up to history_schema_version(), each migration in its own transaction.
// InputError when the database holds foreign tables but no schema_version, or is newer.
void migrate_history(HistoryDb& db);

}  // namespace xlb
