#include "history/schema.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace xlb {

const std::vector<Migration>& history_migrations() {
  // Never edit a released migration: add the next version. Types are the ones both back ends
  // know (DOUBLE PRECISION is REAL in SQLite); times are ISO 8601 UTC text, which sorts.
  static const std::vector<Migration> all = {
      {1,
       {"CREATE TABLE machines (fingerprint TEXT PRIMARY KEY, cpu_model TEXT NOT NULL, "
        "logical_cpus INTEGER NOT NULL, kernel TEXT NOT NULL, toolchains TEXT NOT NULL, first_seen TEXT NOT NULL)",
        "CREATE TABLE runs (run_key TEXT PRIMARY KEY, run_id TEXT NOT NULL, "
        "machine TEXT NOT NULL REFERENCES machines (fingerprint), branch TEXT NOT NULL, git_commit TEXT NOT NULL, "
        "git_dirty INTEGER NOT NULL, plan TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL, "
        "finished_at TEXT NOT NULL, ingested_at TEXT NOT NULL, source TEXT NOT NULL, environment TEXT NOT NULL)",
        "CREATE TABLE series (series_key TEXT PRIMARY KEY, machine TEXT NOT NULL REFERENCES machines (fingerprint), "
        "branch TEXT NOT NULL, measurement TEXT NOT NULL, metric TEXT NOT NULL, unit TEXT NOT NULL, "
        "higher_is_better INTEGER NOT NULL)",
        "CREATE TABLE points (series_key TEXT NOT NULL REFERENCES series (series_key), "
        "run_key TEXT NOT NULL REFERENCES runs (run_key), seq INTEGER NOT NULL, value DOUBLE PRECISION NOT NULL, "
        "PRIMARY KEY (series_key, run_key, seq))",
        "CREATE INDEX points_by_run ON points (run_key)",
        "CREATE TABLE claim_verdicts (run_key TEXT NOT NULL REFERENCES runs (run_key), claim TEXT NOT NULL, "
        "verdict TEXT NOT NULL, measured DOUBLE PRECISION, PRIMARY KEY (run_key, claim))"}},
  };
  return all;
}

int history_schema_version() { return history_migrations().back().version; }

namespace {

int current_version(HistoryDb& db) {
  const auto rows = db.query("SELECT MAX(version) FROM schema_version");
  return rows.empty() || !rows[0][0] ? 0 : std::stoi(*rows[0][0]);
}

}  // namespace

void migrate_history(HistoryDb& db) {
  const auto tables = db.table_names();
  const bool versioned = std::find(tables.begin(), tables.end(), "schema_version") != tables.end();
  if (!versioned && !tables.empty())
    throw InputError(db.name() + ": not an xlbench history database (it has table '" + tables.front() +
                     "' but no schema_version); give the history a database of its own");
  if (versioned && current_version(db) > history_schema_version())
    throw InputError(db.name() + ": history schema version " + std::to_string(current_version(db)) +
                     " is newer than this xlbench knows (" + std::to_string(history_schema_version()) + ")");
  for (const auto& m : history_migrations()) {
    Transaction tx(db);
    db.lock_schema();
    db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    if (current_version(db) >= m.version) continue;  // another process got here first
    for (const auto& sql : m.statements) db.exec(sql);
    db.exec("INSERT INTO schema_version (version, applied_at) VALUES ($1, CAST(CURRENT_TIMESTAMP AS TEXT))",
            {std::to_string(m.version)});
    tx.commit();
  }
}

}  // namespace xlb
