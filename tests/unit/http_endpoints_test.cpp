// Unit tests for the HTTP workload's manifest and endpoint rules, and the
// verification every server's responses must pass before any load.
#include "kinds/server/http_endpoints.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "model/manifest.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;
using xlb::EndpointSpec;
using xlb::InputError;
using xlb::VerifyResult;

const std::filesystem::path kManifest = std::filesystem::path(XLB_SOURCE_DIR) / "workloads/http/workload.json";

xlb::WorkloadSpec real_manifest() { return xlb::load_manifest(kManifest); }

EndpointSpec spec_of(const std::string& mode) {
  auto w = real_manifest();
  return xlb::endpoint_spec(w, mode, w.inputs.front().params);
}

VerifyResult response(int status, const std::string& type, const std::string& body) {
  VerifyResult r;
  r.ok = true;
  r.status = status;
  r.content_type = type;
  r.body = body;
  r.content_length = body.size();
  return r;
}

TEST(HttpManifest, ServerKindWithSevenFrameworks) {
  auto w = real_manifest();
  EXPECT_EQ(w.kind, "server");
  EXPECT_EQ(w.modes, (std::vector<std::string>{"plaintext", "json", "echo"}));
  ASSERT_EQ(w.variants.size(), 7u);
  int go = 0, rust = 0;
  for (const auto& v : w.variants) (v.language == "go" ? go : rust)++;
  EXPECT_EQ(go, 4);
  EXPECT_EQ(rust, 3);
  EXPECT_EQ(w.baseline.at("go"), "nethttp");
  EXPECT_EQ(w.baseline.at("rust"), "axum");
  ASSERT_EQ(w.inputs.size(), 1u);
  EXPECT_TRUE(w.inputs[0].params_only());
}

TEST(HttpManifest, EndpointsFromTheRules) {
  auto plain = spec_of("plaintext");
  EXPECT_EQ(plain.request.method, "GET");
  EXPECT_EQ(plain.request.path, "/plaintext");
  EXPECT_EQ(plain.media_type, "text/plain");
  EXPECT_EQ(plain.body, "Hello, World!");
  EXPECT_EQ(spec_of("json").body, R"({"message":"Hello, World!"})");
  auto echo = spec_of("echo");
  EXPECT_EQ(echo.request.method, "POST");
  EXPECT_EQ(echo.request.content_type, "application/json");
  EXPECT_EQ(json::parse(echo.request.body), echo.document);
  // A realistic REST payload: a few hundred bytes, every EchoDoc field.
  EXPECT_GE(echo.request.body.size(), 300u);
  EXPECT_LE(echo.request.body.size(), 500u);
  for (const char* key : {"id", "name", "email", "active", "score", "tags", "address"})
    EXPECT_TRUE(echo.document.contains(key)) << key;
}

TEST(HttpManifest, BrokenRulesNameTheField) {
  auto w = real_manifest();
  const auto params = w.inputs.front().params;
  auto error_of = [&](const std::function<void(json&)>& edit, const std::string& mode) {
    auto broken = w;
    edit(broken.checksum);
    try {
      xlb::endpoint_spec(broken, mode, params);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_CONTAINS(error_of([](json& c) { c["json"]["rule"] = "json_stats"; }, "json"), "unknown rule 'json_stats'");
  EXPECT_CONTAINS(error_of([](json& c) { c["json"]["method"] = "DELETE"; }, "json"), "checksum.json.method");
  EXPECT_CONTAINS(error_of([](json& c) { c["json"]["path"] = "json"; }, "json"), "checksum.json.path");
  EXPECT_CONTAINS(error_of([](json& c) { c["json"].erase("body"); }, "json"), "checksum.json.body");
  EXPECT_CONTAINS(error_of([](json& c) { c["echo"]["document_param"] = "nope"; }, "echo"), "no object 'nope'");
  EXPECT_CONTAINS(error_of([](json&) {}, "json"), "accepted");
}

TEST(MediaType, ParametersAndCaseIgnored) {
  EXPECT_EQ(xlb::media_type_of("text/plain; charset=utf-8"), "text/plain");
  EXPECT_EQ(xlb::media_type_of(" Application/JSON "), "application/json");
  EXPECT_EQ(xlb::media_type_of(""), "");
}

TEST(CheckResponse, ExactBodies) {
  auto plain = spec_of("plaintext");
  EXPECT_EQ(xlb::check_response(plain, response(200, "text/plain; charset=utf-8", "Hello, World!")), "");
  EXPECT_CONTAINS(xlb::check_response(plain, response(200, "text/plain", "Hello, World?")), "body was 'Hello, World?'");
  EXPECT_CONTAINS(xlb::check_response(plain, response(200, "text/html", "Hello, World!")), "Content-Type was 'text/html'");
  EXPECT_CONTAINS(xlb::check_response(plain, response(404, "text/plain", "Hello, World!")), "status 404");
  VerifyResult broken;
  broken.problem = "response has no Content-Length";
  EXPECT_CONTAINS(xlb::check_response(plain, broken), "no Content-Length");
  // The json endpoint is byte-exact too: whitespace is a different answer.
  EXPECT_CONTAINS(xlb::check_response(spec_of("json"), response(200, "application/json", R"({"message": "Hello, World!"})")),
                  "body was");
}

TEST(CheckResponse, EchoComparesDocumentsNotBytes) {
  auto echo = spec_of("echo");
  // Struct order and Go's HTML escaping of '&' are fine: the parsed documents are equal.
  std::string reordered = echo.document.dump(2);
  auto pos = reordered.find("r&d");
  ASSERT_NE(pos, std::string::npos);
  reordered.replace(pos, 3, "r\\u0026d");
  EXPECT_EQ(xlb::check_response(echo, response(200, "application/json", reordered)), "");
  auto changed = echo.document;
  changed["score"] = 87.5;
  EXPECT_CONTAINS(xlb::check_response(echo, response(200, "application/json", changed.dump())), "differs");
  EXPECT_CONTAINS(xlb::check_response(echo, response(200, "application/json", "not json")), "not JSON");
}

TEST(EndpointProbes, EchoMustDecodeIntoTheTypedStruct) {
  auto echo = spec_of("echo");
  const auto probes = xlb::endpoint_probes(echo);
  ASSERT_EQ(probes.size(), 2u);
  // An unknown field goes in and must not come back.
  EXPECT_TRUE(json::parse(probes[0].request.body).contains("xlbench_unknown_field"));
  EXPECT_EQ(xlb::check_probe(probes[0], response(200, "application/json", echo.document.dump())), "");
  EXPECT_CONTAINS(xlb::check_probe(probes[0], response(200, "application/json", probes[0].request.body)), "differs");
  // A number sent as a string must be refused with 400.
  EXPECT_EQ(probes[1].status, 400);
  EXPECT_EQ(xlb::check_probe(probes[1], response(400, "text/plain", "bad")), "");
  EXPECT_CONTAINS(xlb::check_probe(probes[1], response(422, "text/plain", "bad")), "status 422, expected 400");
  EXPECT_TRUE(xlb::endpoint_probes(spec_of("plaintext")).empty());
}

}  // namespace
