// The grpc kind's reading of a manifest: each method's rule and the input's text size, with
// bad input named by file and field; the rows' mode; the plan's lane counts.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "kinds/grpc/grpc_endpoints.hpp"
#include "kinds/grpc/grpc_kind.hpp"
#include "test_util.hpp"

namespace {

using nlohmann::json;

xlb::WorkloadSpec grpc_spec() {
  xlb::WorkloadSpec w;
  w.manifest_path = "/w/grpc/workload.json";
  w.name = "grpc";
  w.kind = "grpc";
  w.modes = {"echo", "stream"};
  w.checksum = {{"echo", {{"rule", "grpc"}, {"method", "Echo"}}},
                {"stream", {{"rule", "grpc"}, {"method", "Stream"}, {"messages_per_call", 50}}}};
  return w;
}

std::string error_of(const xlb::WorkloadSpec& w, const std::string& mode, const json& params) {
  try {
    xlb::grpc_endpoint(w, mode, params);
  } catch (const xlb::InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(GrpcEndpoints, ReadsMethodMessagesAndTextSize) {
  const auto w = grpc_spec();
  const auto stream = xlb::grpc_endpoint(w, "stream", {{"text_bytes", 960}});
  EXPECT_EQ(stream.method, xlb::GrpcMethod::kStream);
  EXPECT_EQ(stream.messages_per_call, 50);
  EXPECT_EQ(stream.shape.text_bytes, 960u);
  const auto echo = xlb::grpc_endpoint(w, "echo", {{"text_bytes", 0}});
  EXPECT_EQ(echo.messages_per_call, 1);
  EXPECT_EQ(echo.to_json()["method"], "Echo");
  const auto spec = xlb::grpc_endpoint_spec(xlb::grpc_row_mode("echo", "1k"), echo);
  EXPECT_EQ(spec.mode, "echo-1k");
  EXPECT_EQ(spec.to_json()["rule"], "grpc");  // the row's endpoint block: the method, no HTTP request
}

TEST(GrpcEndpoints, BadRulesNameFileAndField) {
  auto w = grpc_spec();
  EXPECT_NE(error_of(w, "stream", json::object()).find("/w/grpc/workload.json: inputs: params.text_bytes"),
            std::string::npos);
  w.checksum["echo"]["method"] = "Stream";
  EXPECT_NE(error_of(w, "echo", {{"text_bytes", 0}}).find("checksum.echo.method: must be \"Echo\""), std::string::npos);
  w = grpc_spec();
  w.checksum["stream"].erase("messages_per_call");
  EXPECT_NE(error_of(w, "stream", {{"text_bytes", 0}}).find("checksum.stream.messages_per_call"), std::string::npos);
  w = grpc_spec();
  w.checksum["echo"]["rule"] = "http_exact";
  EXPECT_NE(error_of(w, "echo", {{"text_bytes", 0}}).find("checksum.echo.rule: must be \"grpc\""), std::string::npos);
  w.checksum["ping"] = {{"rule", "grpc"}, {"method", "Ping"}};
  EXPECT_NE(error_of(w, "ping", {{"text_bytes", 0}}).find("'ping' is not a method"), std::string::npos);
}

TEST(GrpcKind, FullPlanSweepsTwoLaneCountsQuickKeepsItsOwn) {
  const auto full = xlb::grpc_server_plan(xlb::full_server_plan(), false);
  EXPECT_EQ(full.connections, (std::vector<int>{16, 64}));
  EXPECT_EQ(full.open_percents, xlb::full_server_plan().open_percents);
  const auto quick = xlb::grpc_server_plan(xlb::quick_server_plan(), true);
  EXPECT_EQ(quick.connections, xlb::quick_server_plan().connections);
}

}  // namespace
