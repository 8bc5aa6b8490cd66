#pragma once
// The history database behind one small interface (docs/history.md): SQL with $1, $2...
// placeholders, text parameters and text results, so the schema, the migrations and every
// query are written once for both back ends (SQLite by default, PostgreSQL when shared).
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace xlb {

using SqlValue = std::optional<std::string>;  // nullopt is SQL NULL
using SqlRow = std::vector<SqlValue>;

class HistoryDb {
 public:
  virtual ~HistoryDb() = default;
  // Runs one statement; rows it returns (none for most). Throws InputError naming the database.
  virtual std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params = {}) = 0;
  // A write transaction. SQLite takes the write lock at once (BEGIN IMMEDIATE), so two
  // ingesting processes queue instead of failing half-way.
  virtual void begin() = 0;
  // Serialises migrations between processes (PostgreSQL: a transaction advisory lock).
  virtual void lock_schema() {}
  // Tables of the database (its current schema), to refuse one that is not a history.
  virtual std::vector<std::string> table_names() = 0;
  // For messages: the file, or the URL without its password.
  virtual const std::string& name() const = 0;
  virtual std::string backend() const = 0;

  void exec(const std::string& sql, const std::vector<SqlValue>& params = {}) { query(sql, params); }
};

// Commits only when asked; rolls back when left by an exception, so nothing half-stored remains.
class Transaction {
 public:
  explicit Transaction(HistoryDb& db) : db_(db) { db_.begin(); }
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  HistoryDb& db_;
  bool done_ = false;
};

// A double as SQL text that reads back to the same double.
std::string sql_double(double x);

// libpq's URL with the password replaced by "***", for messages.
std::string redact_url(std::string url);

}  // namespace xlb
