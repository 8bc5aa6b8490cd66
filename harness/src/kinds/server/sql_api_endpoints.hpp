#pragma once
// The sql-api workload's endpoints (workloads/sql-api): the rules sql_get_user,
// sql_list_users and sql_create_user. Each builds a rotation of requests from
// a seeded distribution (the same for every server), the answers a server must
// give for known ids (checked value by value against the generated rows), and
// the probes for missing ids and bad input.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kinds/server/endpoint_types.hpp"
#include "model/manifest.hpp"

namespace xlb {

// The manifest's top-level "database" object: the table the harness loads.
struct SqlDatabaseSpec {
  std::string engine;        // "postgresql"
  std::int64_t users = 0;    // rows loaded, ids 1..users
  std::uint64_t seed = 0;    // of generated_user
};

// Throws InputError naming the manifest and field.
SqlDatabaseSpec sql_database_spec(const WorkloadSpec& workload);

bool is_sql_rule(const std::string& rule);

// Fills the request, rotation, status and expected answer of an sql_* endpoint.
// Params (the input's): "requests" (rotation length), "ids" ("uniform" or
// "zipf"), "zipf_exponent", "list_limit". Throws InputError naming the field.
void fill_sql_endpoint(const WorkloadSpec& workload, const nlohmann::json& rule, const nlohmann::json& params,
                       EndpointSpec& endpoint);

// Empty when the response to endpoint.request is right; else what differed.
std::string check_sql_response(const EndpointSpec& endpoint, const VerifyResult& response);

// Known ids with their exact rows, a missing id (404), malformed input (400).
std::vector<EndpointProbe> sql_probes(const EndpointSpec& endpoint);

// Seeded user ids in 1..users: "uniform", or "zipf" (id k with weight 1/k^s,
// so low ids are hot). Exposed for tests.
std::vector<std::int64_t> seeded_ids(std::int64_t users, std::size_t count, std::uint64_t seed,
                                     const std::string& distribution, double zipf_exponent);

}  // namespace xlb
