#pragma once
// Opening the history named by --db or $XLBENCH_HISTORY_DB: which back end, and the schema
// brought up to date.
#include <memory>
#include <string>

#include "history/history_db.hpp"

namespace xlb {

// Where the history is: --db, else $XLBENCH_HISTORY_DB, else <results_dir>/history.sqlite.
std::string history_location(const std::string& flag, const std::string& default_file);

// postgresql://... or postgres://... opens PostgreSQL; any other scheme ("x://") is refused; the
// rest is a SQLite file. `create`: a missing SQLite file (and its folder) is created; otherwise it
// is an error. Brings the schema up to date (schema.hpp). InputError (exit 2) for anything wrong.
std::unique_ptr<HistoryDb> open_history(const std::string& location, bool create);

}  // namespace xlb
