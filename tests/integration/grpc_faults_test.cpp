// The grpc kind end to end through the CLI, against fake gRPC servers
// (tests/fakes/fake_grpc_server.cpp): a good server next to one that answers wrong sums, one
// that never becomes ready, one that writes garbage after the HTTP/2 preface, one that resets
// every 10th stream and one that hangs under load. The run completes, the good server is
// measured whole, each fault shows the way a user needs to see it, and no process is left.
#include <gtest/gtest.h>

#include <fstream>

#include "kinds/server/server_rows.hpp"
#include "model/results.hpp"
#include "server_project.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

using nlohmann::json;
using testing::find_row;

json fake_grpc(const std::string& language, const std::string& name, const std::string& behave) {
  return {{"language", language},
          {"name", name},
          {"target", name},
          {"library", "fake"},
          {"command", {XLB_FAKE_GRPC_SERVER, "--behave", behave}}};
}

std::filesystem::path make_grpc_project(const std::string& tag, const json& variants) {
  auto root = testing::make_temp_dir(tag);
  std::filesystem::create_directories(root / "workloads" / "grpc");
  const json manifest = {
      {"schema_version", 1},
      {"name", "grpc"},
      {"kind", "grpc"},
      {"description", "fake gRPC servers"},
      {"modes", {"echo", "chat"}},
      {"inputs", {{{"name", "small"}, {"params", {{"text_bytes", 0}}}}}},
      {"checksum",
       {{"echo", {{"rule", "grpc"}, {"method", "Echo"}}},
        {"chat", {{"rule", "grpc"}, {"method", "Chat"}, {"messages_per_call", 20}}}}},
      {"variants", variants}};
  std::ofstream(root / "workloads" / "grpc" / "workload.json") << manifest.dump(2);
  return root;
}

std::uint64_t round_errors(const Measurement& m, const std::string& field) {
  std::uint64_t n = 0;
  for (const auto& round : m.load["rounds"]) n += round["errors"].value(field, std::uint64_t{0});
  return n;
}

TEST(GrpcFaults, EachFaultIsCountedAndTheRunGoesOn) {
  const json variants = json::array({fake_grpc("go", "good", "ok"), fake_grpc("rust", "wrong_sum", "wrong_sum"),
                                     fake_grpc("rust", "never_ready", "never_ready"),
                                     fake_grpc("rust", "garbage", "garbage_frames"),
                                     fake_grpc("rust", "reset", "reset_streams"),
                                     fake_grpc("rust", "hang", "hang_under_load")});
  const auto root = make_grpc_project("grpc-faults", variants);
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--timeout-s", "3", "--run-id", "gf",
                                   "--data-dir", root.string()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(root / "results" / "gf" / "results.json");
  EXPECT_EQ(doc.status, "complete");

  // The good server: every method measured in both phases, without errors, messages counted.
  const auto* good_life = find_row(doc, "go/good", kLifecycleMode, kLifecycleInput);
  ASSERT_NE(good_life, nullptr);
  EXPECT_EQ(good_life->status, "ok") << good_life->reason;
  for (const std::string mode : {"echo-small", "chat-small"})
    for (const std::string phase : {"c64", "open90"}) {
      SCOPED_TRACE("go/good " + mode + " " + phase);
      const auto* m = find_row(doc, "go/good", mode, phase);
      ASSERT_NE(m, nullptr);
      EXPECT_EQ(m->status, "ok") << m->reason;
      EXPECT_FALSE(m->samples.empty());
      ASSERT_EQ(m->load["rounds"].size(), 1u);
      const auto& round = m->load["rounds"][0];
      EXPECT_EQ(round["errors"]["total"], 0) << round["errors"].dump();
      EXPECT_GT(round["requests"].get<std::uint64_t>(), 0u);
      EXPECT_GT(round["calls"].get<std::uint64_t>(), 0u);
      EXPECT_EQ(m->load["endpoint"]["method"], mode == "echo-small" ? "Echo" : "Chat");
    }

  // Wrong sums: invalid before any load, with what differed.
  for (const std::string mode : {"echo-small", "chat-small"}) {
    const auto* m = find_row(doc, "rust/wrong_sum", mode, "verify");
    ASSERT_NE(m, nullptr) << mode;
    EXPECT_EQ(m->status, "invalid");
    EXPECT_NE(m->reason.find("sum"), std::string::npos) << m->reason;
    EXPECT_EQ(find_row(doc, "rust/wrong_sum", mode, "c64"), nullptr);
  }

  // Never ready, garbage frames: the start fails with the reason; nothing is loaded.
  const auto* never = find_row(doc, "rust/never_ready", kLifecycleMode, kLifecycleInput);
  ASSERT_NE(never, nullptr);
  EXPECT_EQ(never->status, "failed");
  EXPECT_NE(never->reason.find("not ready within 3.0 s"), std::string::npos) << never->reason;
  const auto* garbage = find_row(doc, "rust/garbage", kLifecycleMode, kLifecycleInput);
  ASSERT_NE(garbage, nullptr);
  EXPECT_EQ(garbage->status, "failed");
  EXPECT_NE(garbage->reason.find("no successful response to Echo within 3.0 s"), std::string::npos)
      << garbage->reason;
  EXPECT_EQ(find_row(doc, "rust/garbage", "echo-small", "c64"), nullptr);

  // Reset streams: what it answered is measured, the resets are counted by status code.
  const auto* reset = find_row(doc, "rust/reset", "chat-small", "c64");
  ASSERT_NE(reset, nullptr);
  EXPECT_EQ(reset->status, "ok") << reset->reason;
  EXPECT_GT(round_errors(*reset, "read"), 0u);
  EXPECT_GT(reset->load["rounds"][0]["grpc_status"].value("CANCELLED", 0), 0) << reset->load["rounds"][0].dump();

  // Hang under load: the calls it never answered are timeouts, the run was not held up.
  const auto* hang = find_row(doc, "rust/hang", "echo-small", "c64");
  ASSERT_NE(hang, nullptr);
  EXPECT_GT(round_errors(*hang, "timeout"), 0u) << hang->load.dump();

  EXPECT_EQ(testing::count_processes_with(root.string()), 0) << "processes of the run left behind";
}

}  // namespace
}  // namespace xlb
