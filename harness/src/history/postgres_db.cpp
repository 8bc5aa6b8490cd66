#include "history/postgres_db.hpp"

#include <libpq-fe.h>

#include "core/errors.hpp"

namespace xlb {
namespace {

class PostgresDb : public HistoryDb {
 public:
  explicit PostgresDb(const std::string& url) : name_(redact_url(url)) {
    conn_ = PQconnectdb(url.c_str());
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      const std::string why = conn_ ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      throw InputError(name_ + ": cannot connect to the PostgreSQL history: " + trim(why));
    }
    exec("SET client_min_messages = warning");  // no NOTICE lines for CREATE ... IF NOT EXISTS
  }
  ~PostgresDb() override { PQfinish(conn_); }

  std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    PGresult* res = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                                 nullptr, nullptr, 0);
    const auto status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      const std::string why = trim(PQresultErrorMessage(res));
      PQclear(res);
      throw InputError(name_ + ": " + (why.empty() ? trim(PQerrorMessage(conn_)) : why) +
                       " (in: " + sql.substr(0, 60) + ")");
    }
    std::vector<SqlRow> rows;
    for (int r = 0; r < PQntuples(res); ++r) {
      SqlRow row;
      for (int c = 0; c < PQnfields(res); ++c)
        row.push_back(PQgetisnull(res, r, c) ? SqlValue{} : SqlValue{std::string(PQgetvalue(res, r, c))});
      rows.push_back(std::move(row));
    }
    PQclear(res);
    return rows;
  }

  void begin() override { exec("BEGIN"); }
  // Two CIs migrating one new database at once would race on CREATE TABLE.
  void lock_schema() override { exec("SELECT pg_advisory_xact_lock(7362100218)"); }

  std::vector<std::string> table_names() override {
    std::vector<std::string> names;
    for (const auto& row : query("SELECT table_name FROM information_schema.tables "
                                 "WHERE table_schema = current_schema() ORDER BY table_name",
                                 {}))
      names.push_back(row[0].value_or(""));
    return names;
  }

  const std::string& name() const override { return name_; }
  std::string backend() const override { return "postgresql"; }

 private:
  static std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
  }

  std::string name_;
  PGconn* conn_ = nullptr;
};

}  // namespace

std::unique_ptr<HistoryDb> open_postgres_history(const std::string& url) { return std::make_unique<PostgresDb>(url); }

}  // namespace xlb
