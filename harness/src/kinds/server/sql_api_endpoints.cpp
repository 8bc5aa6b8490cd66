#include "kinds/server/sql_api_endpoints.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "core/rng.hpp"
#include "fixtures/postgres/users_table.hpp"

namespace xlb {
namespace {

using nlohmann::json;

constexpr std::uint64_t kIdSalt = 0x5157'4c00'0000'0001ULL;    // ids of GET /users/{id}
constexpr std::uint64_t kPageSalt = 0x5157'4c00'0000'0002ULL;  // `after` of GET /users
constexpr std::uint64_t kBodySalt = 0x5157'4c00'0000'0003ULL;  // rows POSTed
constexpr std::int64_t kMissingId = 9'000'000'000'000'000;     // never inserted

[[noreturn]] void fail(const WorkloadSpec& w, const std::string& field, const std::string& what) {
  throw InputError(w.manifest_path.string() + ": " + field + ": " + what);
}

std::int64_t int_param(const WorkloadSpec& w, const json& obj, const std::string& where, const std::string& key,
                       std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
  if (!obj.contains(key)) return fallback;
  const auto& v = obj[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
    fail(w, where + "." + key, "must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi));
  return v.get<std::int64_t>();
}

std::string excerpt(const std::string& s) {
  constexpr std::size_t kMax = 120;
  return "'" + (s.size() <= kMax ? s : s.substr(0, kMax) + "...") + "'";
}

std::int64_t users_of(const EndpointSpec& e) { return e.details.at("users").get<std::int64_t>(); }
std::uint64_t seed_of(const EndpointSpec& e) { return e.details.at("seed").get<std::uint64_t>(); }

json page(std::uint64_t seed, std::int64_t users, std::int64_t after, std::int64_t limit) {
  json rows = json::array();
  for (std::int64_t id = after + 1; id <= std::min(users, after + limit); ++id)
    rows.push_back(generated_user(seed, id).to_json());
  return rows;
}

std::string page_path(std::int64_t limit, std::int64_t after) {
  return "/users?limit=" + std::to_string(limit) + "&after=" + std::to_string(after);
}

HttpRequestSpec post_user(const json& body) {
  HttpRequestSpec r;
  r.method = "POST";
  r.path = "/users";
  r.content_type = "application/json";
  r.body = body.dump();
  return r;
}

}  // namespace

SqlDatabaseSpec sql_database_spec(const WorkloadSpec& w) {
  if (!w.database.is_object()) fail(w, "database", "a server workload with sql_* rules needs a \"database\" object");
  SqlDatabaseSpec spec;
  if (!w.database.contains("engine") || w.database["engine"] != "postgresql")
    fail(w, "database.engine", "must be \"postgresql\"");
  spec.engine = "postgresql";
  spec.users = int_param(w, w.database, "database", "users", 100000, 1, 100'000'000);
  spec.seed = static_cast<std::uint64_t>(int_param(w, w.database, "database", "seed", 42, 0, INT64_MAX));
  return spec;
}

bool is_sql_rule(const std::string& rule) {
  return rule == "sql_get_user" || rule == "sql_list_users" || rule == "sql_create_user";
}

std::vector<std::int64_t> seeded_ids(std::int64_t users, std::size_t count, std::uint64_t seed,
                                     const std::string& distribution, double zipf_exponent) {
  std::vector<std::int64_t> ids;
  ids.reserve(count);
  Rng rng(seed);
  if (distribution == "uniform") {
    for (std::size_t i = 0; i < count; ++i)
      ids.push_back(1 + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(users))));
    return ids;
  }
  // zipf: inverse of the cumulative weights 1/k^s.
  std::vector<double> cumulative(static_cast<std::size_t>(users));
  double total = 0;
  for (std::int64_t k = 1; k <= users; ++k)
    cumulative[static_cast<std::size_t>(k - 1)] = total += 1.0 / std::pow(static_cast<double>(k), zipf_exponent);
  for (std::size_t i = 0; i < count; ++i) {
    const double u = static_cast<double>(rng.next() >> 11) * 0x1.0p-53 * total;
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
    ids.push_back(1 + std::min<std::int64_t>(users - 1, it - cumulative.begin()));
  }
  return ids;
}

void fill_sql_endpoint(const WorkloadSpec& w, const json& rule, const json& params, EndpointSpec& e) {
  const auto db = sql_database_spec(w);
  const std::string where = "inputs[].params";
  const auto count = static_cast<std::size_t>(int_param(w, params, where, "requests", 4096, 1, 1'000'000));
  const std::string distribution = params.value("ids", std::string("uniform"));
  if (distribution != "uniform" && distribution != "zipf")
    fail(w, where + ".ids", "'" + distribution + "' (uniform, zipf)");
  double exponent = 1.0;
  if (params.contains("zipf_exponent")) {
    if (!params["zipf_exponent"].is_number() || params["zipf_exponent"].get<double>() <= 0 ||
        params["zipf_exponent"].get<double>() > 5)
      fail(w, where + ".zipf_exponent", "must be a number in (0, 5]");
    exponent = params["zipf_exponent"].get<double>();
  }
  const std::int64_t limit = int_param(w, params, where, "list_limit", 20, 1, 100);
  e.fixed_body_size = false;
  e.details = {{"users", db.users}, {"seed", db.seed}, {"requests", count}};
  if (e.rule == "sql_get_user") {
    e.details["ids"] = distribution;
    if (distribution == "zipf") e.details["zipf_exponent"] = exponent;
    for (auto id : seeded_ids(db.users, count, db.seed ^ kIdSalt, distribution, exponent))
      e.rotation.push_back({"GET", "/users/" + std::to_string(id), "", ""});
    e.status = 200;
  } else if (e.rule == "sql_list_users") {
    e.details["list_limit"] = limit;
    e.details["ids"] = "uniform";  // the page start
    const std::int64_t last_start = std::max<std::int64_t>(0, db.users - limit);
    Rng rng(db.seed ^ kPageSalt);
    for (std::size_t i = 0; i < count; ++i)
      e.rotation.push_back(
          {"GET", page_path(limit, static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(last_start) + 1))),
           "", ""});
    e.status = 200;
  } else {
    // New rows: generated like the loaded ones, with their own seed; ids are the server's.
    for (std::size_t i = 0; i < count; ++i)
      e.rotation.push_back(
          post_user(generated_user(db.seed ^ kBodySalt, db.users + 1 + static_cast<std::int64_t>(i)).insert_body()));
    e.status = 201;
  }
  e.request = e.rotation.front();
  (void)rule;
}

std::string check_sql_response(const EndpointSpec& e, const VerifyResult& r) {
  const std::string what = e.request.method + " " + e.request.path + ": ";
  if (!r.ok) return what + (r.problem.empty() ? "no valid HTTP response" : r.problem);
  if (r.status != e.status)
    return what + "status " + std::to_string(r.status) + ", expected " + std::to_string(e.status);
  if (media_type_of(r.content_type) != e.media_type)
    return what + "Content-Type was '" + r.content_type + "', expected " + e.media_type;
  const json got = json::parse(r.body, nullptr, false);
  if (got.is_discarded()) return what + "body is not JSON: " + excerpt(r.body);
  const auto users = users_of(e);
  const auto seed = seed_of(e);
  json want;
  if (e.rule == "sql_get_user") {
    want = generated_user(seed, std::stoll(e.request.path.substr(std::string("/users/").size()))).to_json();
  } else if (e.rule == "sql_list_users") {
    const auto& p = e.request.path;
    const auto after = std::stoll(p.substr(p.find("after=") + 6));
    want = page(seed, users, after, e.details.at("list_limit").get<std::int64_t>());
  } else {
    // The row as stored: the body's fields and a new id past the loaded ones.
    if (!got.is_object() || !got.contains("id") || !got["id"].is_number_integer() ||
        got["id"].get<std::int64_t>() <= users)
      return what + "the new row needs an integer id > " + std::to_string(users) + ": " + excerpt(r.body);
    want = json::parse(e.request.body);
    want["id"] = got["id"];
  }
  if (got != want) return what + "answer differs: got " + excerpt(got.dump()) + ", expected " + excerpt(want.dump());
  return {};
}

std::vector<EndpointProbe> sql_probes(const EndpointSpec& e) {
  std::vector<EndpointProbe> probes;
  const auto users = users_of(e);
  const auto seed = seed_of(e);
  auto get = [](const std::string& path) { return HttpRequestSpec{"GET", path, "", ""}; };
  if (e.rule == "sql_get_user") {
    // The first and last loaded rows and a few from the rotation, value by value.
    std::vector<std::int64_t> ids = {1, users};
    for (std::size_t i = 1; i < e.rotation.size() && ids.size() < 6; i += e.rotation.size() / 4 + 1)
      ids.push_back(std::stoll(e.rotation[i].path.substr(std::string("/users/").size())));
    for (auto id : ids)
      probes.push_back({"user " + std::to_string(id) + " has its loaded values",
                        get("/users/" + std::to_string(id)), 200, generated_user(seed, id).to_json()});
    probes.push_back({"a missing id is 404", get("/users/" + std::to_string(kMissingId)), 404, std::nullopt});
    probes.push_back({"a non-numeric id is 400", get("/users/abc"), 400, std::nullopt});
  } else if (e.rule == "sql_list_users") {
    probes.push_back({"the first page", get(page_path(3, 0)), 200, page(seed, users, 0, 3)});
    probes.push_back({"the page after the last row is empty", get(page_path(5, users)), 200, json::array()});
    probes.push_back({"limit 0 is 400", get(page_path(0, 0)), 400, std::nullopt});
    probes.push_back({"limit 101 is 400", get(page_path(101, 0)), 400, std::nullopt});
  } else {
    json missing = json::parse(e.request.body);
    missing.erase("age");
    probes.push_back({"a body without 'age' is 400", post_user(missing), 400, std::nullopt});
    json wrong = json::parse(e.request.body);
    wrong["age"] = "old";
    probes.push_back({"a string 'age' is 400", post_user(wrong), 400, std::nullopt});
  }
  return probes;
}

}  // namespace xlb
