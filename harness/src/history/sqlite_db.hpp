#pragma once
// The SQLite back end of the history (the C API; one file, the default).
#include <filesystem>
#include <memory>

#include "history/history_db.hpp"

namespace xlb {

std::unique_ptr<HistoryDb> open_sqlite_history(const std::filesystem::path& file, bool create);

}  // namespace xlb
