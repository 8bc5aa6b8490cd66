#include "history/sqlite_db.hpp"

#include <sqlite3.h>

#include "core/errors.hpp"

namespace xlb {
namespace {

class SqliteDb : public HistoryDb {
 public:
  SqliteDb(const std::filesystem::path& file, bool create) : name_(file.string()) {
    if (!create && !std::filesystem::exists(file))
      throw InputError(name_ + ": no history database here (xlbench history add creates it)");
    if (create && file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(name_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw InputError(name_ + ": cannot open the history database: " + why);
    }
    // A concurrent ingest holds the write lock for a moment: wait for it rather than fail.
    sqlite3_busy_timeout(db_, 60000);
    exec("PRAGMA foreign_keys = ON");
  }
  ~SqliteDb() override { sqlite3_close(db_); }

  std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
      fail(sql);
    for (size_t i = 0; i < params.size(); ++i) {
      // Placeholders are named $1, $2... as in PostgreSQL; SQLite numbers them by first use.
      const int at = sqlite3_bind_parameter_index(stmt, ("$" + std::to_string(i + 1)).c_str());
      if (at == 0) continue;
      const int rc = params[i] ? sqlite3_bind_text(stmt, at, params[i]->c_str(), static_cast<int>(params[i]->size()),
                                                   SQLITE_TRANSIENT)
                               : sqlite3_bind_null(stmt, at);
      if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        fail(sql);
      }
    }
    std::vector<SqlRow> rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      SqlRow row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) row.push_back(column_text(stmt, c));
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) fail(sql);
    return rows;
  }

  void begin() override { exec("BEGIN IMMEDIATE"); }

  std::vector<std::string> table_names() override {
    std::vector<std::string> names;
    for (const auto& row : query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", {}))
      names.push_back(row[0].value_or(""));
    return names;
  }

  const std::string& name() const override { return name_; }
  std::string backend() const override { return "sqlite"; }

 private:
  static SqlValue column_text(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_NULL:
        return std::nullopt;
      case SQLITE_FLOAT:  // SQLite's own text form keeps 15 digits; a double needs 17
        return sql_double(sqlite3_column_double(stmt, c));
      default:
        return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                           static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
    }
  }

  [[noreturn]] void fail(const std::string& sql) {
    const std::string why = sqlite3_errmsg(db_);
    const int code = sqlite3_errcode(db_);
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
      throw InputError(name_ + ": not a usable SQLite history database: " + why);
    throw InputError(name_ + ": " + why + " (in: " + sql.substr(0, 60) + ")");
  }

  std::string name_;
  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<HistoryDb> open_sqlite_history(const std::filesystem::path& file, bool create) {
  return std::make_unique<SqliteDb>(file, create);
}

}  // namespace xlb
