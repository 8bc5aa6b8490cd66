#pragma once
// The sql-api workload's data: a `users` table of deterministic rows. The same
// function fills the database and tells the verify step what a known id must
// return, so a service that maps a column wrongly is caught.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace xlb {

class PostgresCluster;

struct UserRow {
  std::int64_t id = 0;
  std::string name, email, city;
  std::int32_t age = 0;
  bool active = false;

  // {"id","name","email","city","age","active"}: the services' JSON for one row.
  nlohmann::json to_json() const;
  // The POST /users body that would create this row (every column but id).
  nlohmann::json insert_body() const;
};

// Row `id` (1-based) of the table generated with `seed`; a pure function of both.
UserRow generated_user(std::uint64_t seed, std::int64_t id);

// CREATE TABLE users (+ primary key and an index on email), COPY `rows` rows
// from a CSV written into the cluster's directory, VACUUM ANALYZE.
void load_users(const PostgresCluster& cluster, std::int64_t rows, std::uint64_t seed);

// Back to the loaded state: rows inserted by POST /users are deleted, the id
// sequence rewound and the table vacuumed, so every server starts alike.
void reset_users(const PostgresCluster& cluster, std::int64_t rows);

// SELECT count(*) FROM users.
std::int64_t count_users(const PostgresCluster& cluster);

}  // namespace xlb
