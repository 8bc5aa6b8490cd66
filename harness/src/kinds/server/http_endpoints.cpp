#include "kinds/server/http_endpoints.hpp"

#include <algorithm>
#include <cctype>

#include "core/errors.hpp"
#include "kinds/server/sql_api_endpoints.hpp"

namespace xlb {
namespace {

using nlohmann::json;

constexpr const char* kUnknownField = "xlbench_unknown_field";

std::string excerpt(const std::string& s) {
  constexpr size_t kMax = 80;
  std::string out = s.size() <= kMax ? s : s.substr(0, kMax) + "...";
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return "'" + out + "'";
}

std::string rule_string(const WorkloadSpec& w, const json& rule, const std::string& where, const std::string& key) {
  if (!rule.contains(key) || !rule[key].is_string() || rule[key].get<std::string>().empty())
    throw InputError(w.manifest_path.string() + ": " + where + "." + key + ": must be a non-empty string");
  return rule[key].get<std::string>();
}

}  // namespace


EndpointSpec endpoint_spec(const WorkloadSpec& w, const std::string& mode, const json& params) {
  const std::string where = "checksum." + mode;
  if (!w.checksum.contains(mode)) throw InputError(w.manifest_path.string() + ": " + where + ": missing");
  const json& rule = w.checksum[mode];
  EndpointSpec e;
  e.mode = mode;
  e.rule = rule_string(w, rule, where, "rule");
  e.request.method = rule_string(w, rule, where, "method");
  if (e.request.method != "GET" && e.request.method != "POST")
    throw InputError(w.manifest_path.string() + ": " + where + ".method: '" + e.request.method + "' (GET, POST)");
  e.request.path = rule_string(w, rule, where, "path");
  if (!e.request.path.starts_with("/") ||
      std::any_of(e.request.path.begin(), e.request.path.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c)); }))
    throw InputError(w.manifest_path.string() + ": " + where + ".path: '" + e.request.path +
                     "' must start with / and contain no spaces");
  e.media_type = media_type_of(rule_string(w, rule, where, "media_type"));
  if (e.rule == "http_exact") {
    e.body = rule_string(w, rule, where, "body");
  } else if (e.rule == "http_json_echo") {
    const auto param = rule_string(w, rule, where, "document_param");
    if (!params.contains(param) || !params[param].is_object())
      throw InputError(w.manifest_path.string() + ": " + where + ".document_param: the input's params have no object '" +
                       param + "'");
    e.document = params[param];
    e.request.content_type = "application/json";
    e.request.body = e.document.dump();  // compact; keys in sorted order, the same bytes for every server
  } else if (is_sql_rule(e.rule)) {
    fill_sql_endpoint(w, rule, params, e);
  } else {
    throw InputError(w.manifest_path.string() + ": " + where + ".rule: unknown rule '" + e.rule +
                     "' for a server workload (http_exact, http_json_echo, sql_get_user, sql_list_users, "
                     "sql_create_user)");
  }
  return e;
}

json endpoint_reference(const WorkloadSpec& w, const std::string& mode, const json& params) {
  return endpoint_spec(w, mode, params).to_json();
}


std::string check_response(const EndpointSpec& e, const VerifyResult& r) {
  if (is_sql_rule(e.rule)) return check_sql_response(e, r);
  const std::string what = e.request.method + " " + e.request.path + ": ";
  if (!r.ok) return what + (r.problem.empty() ? "no valid HTTP response" : r.problem);
  if (r.status != 200) return what + "status " + std::to_string(r.status) + ", expected 200";
  if (media_type_of(r.content_type) != e.media_type)
    return what + "Content-Type was '" + r.content_type + "', expected " + e.media_type;
  if (e.rule == "http_exact") {
    if (r.body != e.body) return what + "body was " + excerpt(r.body) + ", expected " + excerpt(e.body);
    return {};
  }
  json got = json::parse(r.body, nullptr, false);
  if (got.is_discarded()) return what + "body is not JSON: " + excerpt(r.body);
  if (got != e.document) return what + "echoed document differs: " + excerpt(got.dump());
  return {};
}

std::vector<EndpointProbe> endpoint_probes(const EndpointSpec& e) {
  if (is_sql_rule(e.rule)) return sql_probes(e);
  std::vector<EndpointProbe> probes;
  if (e.rule != "http_json_echo" || !e.document.is_object()) return probes;
  EndpointProbe unknown{"an unknown field must be dropped (typed decoding)", e.request, 200, e.document};
  json extended = e.document;
  extended[kUnknownField] = 1;
  unknown.request.body = extended.dump();
  probes.push_back(unknown);
  for (const auto& [key, value] : e.document.items()) {
    if (!value.is_number()) continue;
    EndpointProbe wrong{"field '" + key + "' as a string must be rejected with 400", e.request, 400, std::nullopt};
    json bad = e.document;
    bad[key] = "not a number";
    wrong.request.body = bad.dump();
    probes.push_back(wrong);
    break;
  }
  return probes;
}

std::string check_probe(const EndpointProbe& p, const VerifyResult& r) {
  const std::string what = p.request.method + " " + p.request.path + " (" + p.what + "): ";
  if (!r.ok && r.status == 0) return what + (r.problem.empty() ? "no valid HTTP response" : r.problem);
  if (r.status != p.status)
    return what + "status " + std::to_string(r.status) + ", expected " + std::to_string(p.status);
  if (!p.document) return {};
  json got = json::parse(r.body, nullptr, false);
  if (got.is_discarded()) return what + "body is not JSON: " + excerpt(r.body);
  if (got != *p.document) return what + "answer differs: " + excerpt(got.dump());
  return {};
}

}  // namespace xlb
