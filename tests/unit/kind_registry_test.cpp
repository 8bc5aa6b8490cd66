// The kind registry: every kind the project's manifests name is registered, an unknown kind is
// bad input naming the manifest's "kind" field and the kinds that exist, and each kind plans the
// units its workloads need (none when the selection leaves nothing of a workload).
#include "run/kind_registry.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "test_util.hpp"

namespace {

using xlb::unit::TempDir;

TEST(KindRegistry, EveryShippedManifestNamesARegisteredKind) {
  const auto names = xlb::kind_names();
  EXPECT_EQ(names, (std::vector<std::string>{"batch", "build", "grpc", "server", "spawn"}));
  for (const auto& w : xlb::discover_workloads(std::filesystem::path(XLB_SOURCE_DIR) / "workloads")) {
    const auto& kind = xlb::kind_of(w);
    EXPECT_EQ(kind.name(), w.kind) << w.name;
    EXPECT_EQ(kind.builds_variants(), w.kind != "build") << w.name;
  }
}

TEST(KindRegistry, UnknownKindNamesTheManifestFieldAndTheKinds) {
  xlb::WorkloadSpec w;
  w.manifest_path = "/somewhere/workload.json";
  w.kind = "daemon";
  try {
    xlb::kind_of(w);
    FAIL() << "no error";
  } catch (const xlb::InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("/somewhere/workload.json: kind: unknown kind 'daemon'"), std::string::npos) << msg;
    for (const auto& name : xlb::kind_names()) EXPECT_NE(msg.find(name), std::string::npos) << name;
  }
}

// Planning is the kinds' job: the wordfreq workload (batch) plans one unit per selected input
// and mode, with the reference variant first; a selection with no variant of it plans none.
TEST(KindRegistry, BatchKindPlansOneUnitPerCell) {
  auto all = xlb::discover_workloads(std::filesystem::path(XLB_SOURCE_DIR) / "workloads");
  const auto it = std::find_if(all.begin(), all.end(), [](const auto& w) { return w.name == "wordfreq"; });
  ASSERT_NE(it, all.end());
  TempDir cache("kinds");
  xlb::RunOptions opt;
  opt.plan = xlb::quick_plan();
  xlb::ResultsDoc doc;
  std::vector<xlb::VariantSpec> to_build;
  xlb::PlanContext ctx{opt, {"", cache.path(), true}, doc, to_build};
  auto units = xlb::kind_of(*it).plan(*it, ctx);
  ASSERT_EQ(units.size(), 1u);  // text-50k; text-1m is full-plan only
  EXPECT_EQ(units[0]->progress_steps(), 3u * static_cast<std::size_t>(opt.plan.rounds));
  EXPECT_EQ(to_build.size(), 3u);
  ASSERT_EQ(doc.inputs.size(), 1u);
  EXPECT_EQ(doc.inputs[0]["source"], "params");

  opt.selection.languages = {"rust"};  // the Go reference variant is added back: it decides the answer
  to_build.clear();
  units = xlb::kind_of(*it).plan(*it, ctx);
  EXPECT_EQ(to_build.size(), 3u);
  opt.selection.variants = {"nope"};
  to_build.clear();
  EXPECT_TRUE(xlb::kind_of(*it).plan(*it, ctx).empty());
  EXPECT_TRUE(to_build.empty());
}

}  // namespace
