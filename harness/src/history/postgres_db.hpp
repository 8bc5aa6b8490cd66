#pragma once
// The PostgreSQL back end of the history (libpq), for CI machines that share one history.
#include <memory>
#include <string>

#include "history/history_db.hpp"

namespace xlb {

std::unique_ptr<HistoryDb> open_postgres_history(const std::string& url);

}  // namespace xlb
