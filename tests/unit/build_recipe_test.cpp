// Unit tests for the build workload's recipes: the real manifest, target
// parsing with its mistakes, and the exact go / cargo command lines.
#include "toolchain/build_recipe.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "kinds/build/build_cost.hpp"
#include "kinds/build/build_cpus.hpp"
#include "core/errors.hpp"
#include "test_util.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using xlb::BuildProfile;
using xlb::InputError;
using xlb::unit::TempDir;
using xlb::unit::write_text;

const fs::path kRoot = XLB_SOURCE_DIR;

bool has(const std::vector<std::string>& argv, const std::string& arg) {
  return std::find(argv.begin(), argv.end(), arg) != argv.end();
}

// The argument after `flag`, or "" when the flag is absent.
std::string after(const std::vector<std::string>& argv, const std::string& flag) {
  auto it = std::find(argv.begin(), argv.end(), flag);
  return it == argv.end() || it + 1 == argv.end() ? "" : *(it + 1);
}

TEST(BuildManifest, RealManifestIsABuildWorkloadWithASmallDefaultSuitePart) {
  auto spec = xlb::load_manifest(kRoot / "workloads/build/workload.json");
  EXPECT_EQ(spec.kind, "build");
  EXPECT_TRUE(spec.in_default_suite);
  EXPECT_EQ(spec.modes, xlb::build_scenario_names());
  // The default suite builds the server target once per cheap scenario; the quick suite builds nothing.
  ASSERT_TRUE(spec.suite.contains("full"));
  EXPECT_EQ(spec.suite.at("full").inputs, std::vector<std::string>{"server"});
  EXPECT_EQ(spec.suite.at("full").rounds, 1);
  EXPECT_EQ(spec.suite.at("full").modes.front(), "fresh-release");
  ASSERT_TRUE(spec.suite.contains("quick"));
  EXPECT_TRUE(spec.suite.at("quick").modes.empty());
  xlb::Selection suite;  // no --workload: the default suite
  const auto full = xlb::select_builds(spec, suite, false);
  EXPECT_TRUE(full.in_suite);
  EXPECT_EQ(full.modes, spec.suite.at("full").modes);
  EXPECT_EQ(full.rounds, 1);
  EXPECT_EQ(build_measurement_count(xlb::select_builds(spec, suite, true)), 0u);
  xlb::Selection named;
  named.workloads = {"build"};
  const auto all = xlb::select_builds(spec, named, false);
  EXPECT_FALSE(all.in_suite);
  EXPECT_EQ(all.modes, spec.modes);
  EXPECT_EQ(all.targets.size(), spec.inputs.size());
  EXPECT_EQ(spec.baseline.at("go"), "go");
  EXPECT_EQ(spec.baseline.at("rust"), "cargo");
}

TEST(BuildManifest, EveryTargetEditsAFileThatExistsInTheTree) {
  auto spec = xlb::load_manifest(kRoot / "workloads/build/workload.json");
  for (const auto& in : spec.inputs)
    for (const std::string lang : {"go", "rust"}) {
      auto t = xlb::build_target(spec, in, lang);
      const auto tree = kRoot / (lang == "go" ? "go_impls" : "rust_impls");
      EXPECT_TRUE(fs::is_regular_file(tree / t.edit_file)) << in.name << " " << lang << ": " << t.edit_file;
      EXPECT_TRUE(fs::is_regular_file(tree / t.shared_edit_file)) << in.name << " " << lang << ": " << t.shared_edit_file;
      EXPECT_NE(t.edit_line.find("{n}"), std::string::npos);
      if (lang == "go") {
        ASSERT_FALSE(t.packages.empty());
        if (t.packages[0] != "./...") {
          EXPECT_TRUE(fs::is_directory(tree / t.packages[0])) << t.packages[0];
        }
      } else {
        for (const auto& p : t.packages) EXPECT_TRUE(fs::is_directory(tree / "variants" / p)) << p;
      }
    }
}

TEST(BuildManifest, EveryBuildClaimNamesItsScenarioInTestAndNote) {
  std::ifstream in(kRoot / "workloads/claims.json");
  const auto claims = json::parse(in)["claims"];
  const auto spec = xlb::load_manifest(kRoot / "workloads/build/workload.json");
  int build_claims = 0;
  for (const auto& c : claims) {
    if (!c.contains("test") || c["test"].value("workload", "") != "build") continue;
    ++build_claims;
    const auto mode = c["test"].value("mode", "");
    const auto id = c.value("id", "");
    EXPECT_NE(std::find(spec.modes.begin(), spec.modes.end(), mode), spec.modes.end()) << id << ": " << mode;
    EXPECT_NE(c.value("note", "").find("scenario " + mode), std::string::npos) << id << " does not name " << mode;
    // "Fresh build" claims are judged on a fresh checkout with a warm toolchain, not a cold one.
    if (c.value("claim", "").find("fresh build") != std::string::npos) {
      EXPECT_EQ(mode, "fresh-release") << id;
    }
  }
  EXPECT_GE(build_claims, 8);
}

TEST(BuildManifest, OtherManifestsStayInTheDefaultSuite) {
  EXPECT_TRUE(xlb::load_manifest(kRoot / "workloads/json/workload.json").in_default_suite);
}

class BuildTargetTest : public ::testing::Test {
 protected:
  xlb::WorkloadSpec load(const json& inputs, const json& build = {{"edit_lines", {{"go", "var x = {n}"}, {"rust", "// {n}"}}}},
                         const json& default_flag = false) {
    json m = {{"schema_version", 1}, {"name", "build"},     {"kind", "build"},
              {"default", default_flag}, {"modes", {"clean-release", "incremental"}}, {"inputs", inputs},
              {"variants", {{{"language", "go"}, {"name", "go"}, {"target", "go"}, {"library", "go build"}}}}};
    if (!build.is_null()) m["build"] = build;
    write_text(dir_ / "workload.json", m.dump());
    return xlb::load_manifest(dir_ / "workload.json");
  }
  TempDir dir_{"build-recipe"};
};

TEST_F(BuildTargetTest, AVariantTargetBuildsThatVariantAndEditsItsMain) {
  auto spec = load(json::array({{{"name", "server"}, {"params", {{"go", {{"target", "http_gin"}}}, {"rust", {{"target", "http_actix"}}}}}}}));
  auto go = xlb::build_target(spec, spec.inputs[0], "go");
  EXPECT_EQ(go.packages, std::vector<std::string>{"./cmd/http_gin"});
  EXPECT_EQ(go.edit_file, "cmd/http_gin/main.go");
  EXPECT_EQ(go.edit_line, "var x = {n}");
  auto rust = xlb::build_target(spec, spec.inputs[0], "rust");
  EXPECT_EQ(rust.packages, std::vector<std::string>{"http_actix"});
  EXPECT_EQ(rust.edit_file, "variants/http_actix/src/main.rs");
  EXPECT_EQ(rust.edit_line, "// {n}");
}

TEST_F(BuildTargetTest, NoTargetBuildsTheWholeProjectAndNeedsAnEditFile) {
  auto spec = load(json::array({{{"name", "project"}, {"params", {{"go", {{"edit", "internal/d.go"}}}, {"rust", json::object()}}}}}));
  auto go = xlb::build_target(spec, spec.inputs[0], "go");
  EXPECT_EQ(go.packages, std::vector<std::string>{"./..."});
  EXPECT_EQ(go.edit_file, "internal/d.go");
  try {
    xlb::build_target(spec, spec.inputs[0], "rust");
    FAIL() << "a whole-project target without an edit file was accepted";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "workload.json");
    EXPECT_CONTAINS(e.what(), "'project'");
    EXPECT_CONTAINS(e.what(), "edit");
  }
}

TEST_F(BuildTargetTest, MistakesNameTheManifestAndField) {
  auto bad_target = load(json::array({{{"name", "s"}, {"params", {{"go", {{"target", "../x"}}}}}}}));
  EXPECT_THROW(xlb::build_target(bad_target, bad_target.inputs[0], "go"), InputError);
  auto escape = load(json::array({{{"name", "s"}, {"params", {{"go", {{"edit", "../../etc/passwd"}}}}}}}));
  EXPECT_THROW(xlb::build_target(escape, escape.inputs[0], "go"), InputError);
  auto not_object = load(json::array({{{"name", "s"}, {"params", {{"go", "http_gin"}}}}}));
  EXPECT_THROW(xlb::build_target(not_object, not_object.inputs[0], "go"), InputError);
  auto no_lines = load(json::array({{{"name", "s"}, {"params", {{"go", {{"target", "a"}}}}}}}), json());
  try {
    xlb::build_target(no_lines, no_lines.inputs[0], "go");
    FAIL() << "missing edit_lines accepted";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "edit_lines");
  }
  auto fixed_line = load(json::array({{{"name", "s"}, {"params", {{"go", {{"target", "a"}}}}}}}),
                         {{"edit_lines", {{"go", "var x = 1"}}}});
  EXPECT_THROW(xlb::build_target(fixed_line, fixed_line.inputs[0], "go"), InputError);  // no {n}: no change
  EXPECT_THROW(load(json::array({{{"name", "s"}, {"params", json::object()}}}), json(), "no"), InputError);
}

TEST_F(BuildTargetTest, SelectionChecksTheEditFileExistsBeforeAnythingRuns) {
  auto spec = load(json::array({{{"name", "server"}, {"params", {{"go", {{"target", "srv"}}}}}}}));
  xlb::Selection all;
  const auto sel = xlb::select_builds(spec, all, true);
  ASSERT_EQ(build_measurement_count(sel), 2u);  // clean-release and incremental, one toolchain
  try {
    xlb::check_build_selection(sel, dir_.path());
    FAIL() << "a missing edit file was accepted";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "go_impls/cmd/srv/main.go");
    EXPECT_CONTAINS(e.what(), "does not exist");
  }
  write_text(dir_ / "go_impls/cmd/srv/main.go", "package main\n");
  EXPECT_NO_THROW(xlb::check_build_selection(sel, dir_.path()));
  xlb::Selection rust_only;
  rust_only.languages = {"rust"};
  EXPECT_EQ(build_measurement_count(xlb::select_builds(spec, rust_only, true)), 0u);
}

TEST_F(BuildTargetTest, SuitePartMustNameTheWorkloadsOwnModesAndInputs) {
  json m = {{"schema_version", 1}, {"name", "build"}, {"kind", "build"}, {"modes", {"clean-release", "noop"}},
            {"inputs", {{{"name", "server"}, {"params", {{"go", {{"target", "srv"}}}}}}}},
            {"suite", {{"full", {{"modes", {"noop"}}, {"inputs", {"server"}}}}}},
            {"variants", {{{"language", "go"}, {"name", "go"}, {"target", "go"}, {"library", "go build"}}}}};
  write_text(dir_ / "workload.json", m.dump());
  EXPECT_EQ(xlb::load_manifest(dir_ / "workload.json").suite.at("full").modes, std::vector<std::string>{"noop"});
  m["suite"]["full"]["modes"] = {"lto"};
  write_text(dir_ / "workload.json", m.dump());
  try {
    xlb::load_manifest(dir_ / "workload.json");
    FAIL() << "a suite mode the workload does not have was accepted";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(e.what(), "suite.full.modes");
    EXPECT_CONTAINS(e.what(), "lto");
  }
  m["suite"] = {{"nightly", {{"modes", json::array()}, {"inputs", json::array()}}}};
  write_text(dir_ / "workload.json", m.dump());
  EXPECT_THROW(xlb::load_manifest(dir_ / "workload.json"), InputError);
}

TEST_F(BuildTargetTest, SharedEditIsReadAndMustStayInTheTree) {
  auto spec = load(json::array({{{"name", "server"}, {"params", {{"go", {{"target", "srv"}, {"shared_edit", "internal/driver/driver.go"}}}}}}}));
  EXPECT_EQ(xlb::build_target(spec, spec.inputs[0], "go").shared_edit_file, "internal/driver/driver.go");
  auto escape = load(json::array({{{"name", "server"}, {"params", {{"go", {{"target", "srv"}, {"shared_edit", "../x.go"}}}}}}}));
  EXPECT_THROW(xlb::build_target(escape, escape.inputs[0], "go"), InputError);
}

TEST(BuildScenario, DeveloperScenarios) {
  auto fresh = xlb::build_scenario("fresh-release");
  EXPECT_TRUE(fresh.clean);
  EXPECT_TRUE(fresh.warm_toolchain);
  EXPECT_EQ(fresh.profile, BuildProfile::release);
  EXPECT_EQ(fresh.state(), "release");
  EXPECT_TRUE(xlb::build_scenario("fresh-debug").warm_toolchain);
  EXPECT_EQ(xlb::build_scenario("fresh-debug").profile, BuildProfile::debug);
  EXPECT_FALSE(xlb::build_scenario("clean-release").warm_toolchain);
  auto shared = xlb::build_scenario("incremental-shared");
  EXPECT_TRUE(shared.edit && shared.shared_edit);
  EXPECT_EQ(shared.profile, BuildProfile::release);
  EXPECT_FALSE(xlb::build_scenario("incremental").shared_edit);
  EXPECT_EQ(xlb::build_scenario("incremental-shared-debug").profile, BuildProfile::debug);
  auto test = xlb::build_scenario("build-test");
  EXPECT_TRUE(test.test && test.clean && test.warm_toolchain);
  EXPECT_EQ(test.state(), "test");  // its cache is neither the release nor the debug builds'
  EXPECT_THROW(xlb::build_scenario("incremental-release"), InputError);
  EXPECT_THROW(xlb::build_scenario("noop-debug"), InputError);
  EXPECT_TRUE(xlb::toolchain_compiles_std("go"));
  EXPECT_FALSE(xlb::toolchain_compiles_std("rust"));
}

TEST(BuildInvocation, GoStdWarmUpUsesTheTimedBuildsFlags) {
  xlb::BuildDirs dirs{"/s/tree", "/s/std", "/s/out"};
  auto rel = xlb::go_warm_std(xlb::build_scenario("fresh-release"), dirs, 2);
  EXPECT_EQ(rel.argv, (std::vector<std::string>{"go", "build", "-trimpath", "-p", "2", "std"}));
  EXPECT_EQ(rel.env.at("GOCACHE"), "/s/std");
  auto dbg = xlb::go_warm_std(xlb::build_scenario("fresh-debug"), dirs, 1);
  EXPECT_EQ(dbg.argv, (std::vector<std::string>{"go", "build", "-trimpath", "-p", "1", "-gcflags=all=-N -l", "std"}));
  EXPECT_FALSE(has(xlb::go_warm_std(xlb::build_scenario("build-test"), dirs, 1).argv, "-gcflags=all=-N -l"));
}

TEST(BuildInvocation, TestsOfTheTarget) {
  xlb::BuildDirs dirs{"/s/tree", "/s/cache", "/s/out"};
  auto go = xlb::go_test({{"./cmd/http_gin"}, "cmd/http_gin/main.go", "var x = {n}", ""}, dirs, 2);
  EXPECT_EQ(go.argv, (std::vector<std::string>{"go", "test", "-trimpath", "-p", "2", "-count=1", "./cmd/http_gin"}));
  EXPECT_EQ(go.env.at("GOCACHE"), "/s/cache");
  EXPECT_EQ(go.env.at("GOPROXY"), "off");
  auto rust = xlb::cargo_test({{"http_actix"}, "variants/http_actix/src/main.rs", "// {n}", ""}, dirs, 2);
  EXPECT_EQ(rust.argv[1], "test");
  EXPECT_FALSE(has(rust.argv, "--release"));
  EXPECT_EQ(after(rust.argv, "-p"), "http_actix");
  EXPECT_EQ(after(rust.argv, "--target-dir"), "/s/cache");
  EXPECT_TRUE(rust.binaries_dir.empty());
}

TEST(BuildCpus, EveryGivenCpuByDefaultAndTheLastNWithBuildJobs) {
  xlb::Plan plan;
  auto all = xlb::build_cpus(plan, {0, 1, 2, 3});
  EXPECT_EQ(all.cpus, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(all.jobs, 4);
  EXPECT_FALSE(all.pinned);
  plan.build_jobs = 1;
  auto one = xlb::build_cpus(plan, {0, 1, 2, 3});
  EXPECT_EQ(one.cpus, std::vector<int>{3});
  EXPECT_EQ(one.jobs, 1);
  EXPECT_TRUE(one.pinned);
  plan.build_jobs = 8;  // more jobs than CPUs: every CPU, 8 jobs
  auto many = xlb::build_cpus(plan, {0, 1});
  EXPECT_EQ(many.cpus, (std::vector<int>{0, 1}));
  EXPECT_EQ(many.jobs, 8);
}

TEST(BuildScenario, KnownModesAndTheirMeaning) {
  auto clean = xlb::build_scenario("clean-release");
  EXPECT_TRUE(clean.clean);
  EXPECT_FALSE(clean.edit);
  EXPECT_EQ(clean.profile, BuildProfile::release);
  auto incremental = xlb::build_scenario("incremental");
  EXPECT_FALSE(incremental.clean);
  EXPECT_TRUE(incremental.edit);
  EXPECT_EQ(xlb::build_scenario("clean-debug").profile, BuildProfile::debug);
  EXPECT_FALSE(xlb::build_scenario("noop").clean);
  EXPECT_THROW(xlb::build_scenario("clean"), InputError);
}

TEST(BuildInvocation, GoReleaseAndDebug) {
  xlb::BuildTarget t{{"./cmd/http_gin"}, "cmd/http_gin/main.go", "var x = {n}", ""};
  xlb::BuildDirs dirs{"/s/tree", "/s/cache", "/s/out"};
  auto rel = xlb::go_build(t, BuildProfile::release, dirs, 2);
  EXPECT_EQ(rel.argv, (std::vector<std::string>{"go", "build", "-trimpath", "-p", "2", "-o", "/s/out/", "./cmd/http_gin"}));
  EXPECT_EQ(rel.env.at("GOCACHE"), "/s/cache");
  EXPECT_EQ(rel.env.at("GOPROXY"), "off");
  EXPECT_EQ(rel.env.at("GOTOOLCHAIN"), "local");
  EXPECT_EQ(rel.cwd, "/s/tree");
  EXPECT_EQ(rel.binaries_dir, "/s/out");
  auto dbg = xlb::go_build(t, BuildProfile::debug, dirs, 1);
  EXPECT_TRUE(has(dbg.argv, "-gcflags=all=-N -l"));
  EXPECT_EQ(after(dbg.argv, "-p"), "1");
}

TEST(BuildInvocation, CargoPackageWorkspaceAndProfiles) {
  xlb::BuildDirs dirs{"/s/tree", "/s/target", "/s/out"};
  auto pkg = xlb::cargo_build({{"http_actix"}, "variants/http_actix/src/main.rs", "// {n}", ""}, BuildProfile::release, dirs, 3);
  EXPECT_TRUE(has(pkg.argv, "--release"));
  EXPECT_TRUE(has(pkg.argv, "--locked"));
  EXPECT_EQ(after(pkg.argv, "--jobs"), "3");
  EXPECT_EQ(after(pkg.argv, "--target-dir"), "/s/target");
  EXPECT_EQ(after(pkg.argv, "-p"), "http_actix");
  EXPECT_FALSE(has(pkg.argv, "--workspace"));
  EXPECT_EQ(pkg.env.at("CARGO_NET_OFFLINE"), "true");
  EXPECT_EQ(pkg.binaries_dir, "/s/target/release");
  auto ws = xlb::cargo_build({{}, "xlb_driver/src/lib.rs", "// {n}", ""}, BuildProfile::debug, dirs, 1);
  EXPECT_TRUE(has(ws.argv, "--workspace"));
  EXPECT_FALSE(has(ws.argv, "--release"));
  EXPECT_EQ(ws.binaries_dir, "/s/target/debug");
}

TEST(BuildInvocation, ExplicitCommandGetsScenarioAndDirs) {
  xlb::BuildDirs dirs{"/s/tree", "/s/cache", "/s/out"};
  auto b = xlb::command_build({"/bin/fake", "x"}, "noop", "server", BuildProfile::release, dirs, 1);
  EXPECT_EQ(b.argv, (std::vector<std::string>{"/bin/fake", "x", "noop", "server", "release"}));
  EXPECT_EQ(b.env.at("XLB_BUILD_OUT"), "/s/out");
  EXPECT_EQ(b.env.at("XLB_BUILD_CACHE"), "/s/cache");
  EXPECT_EQ(b.env.at("XLB_BUILD_JOBS"), "1");
}

}  // namespace
