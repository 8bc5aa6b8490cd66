// The build workload end to end with fake "compilers" (a shell script named as
// each toolchain's explicit command in the manifest): scenarios, scratch-copy
// edits, binary sizes, code size, reports, failures, and the default suite.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "model/results.hpp"
#include "test_project.hpp"
#include "toolchain/build_recipe.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Content and modification time of every file below `root`.
std::map<std::string, std::string> fingerprint(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file())
      out[e.path().lexically_relative(root).string()] =
          read(e.path()) + "@" + std::to_string(e.last_write_time().time_since_epoch().count());
  return out;
}

// $1 language, $2 the file the incremental edit must be in, $3 that of the
// shared edit (relative to the scratch copy, the working directory), then the
// harness's mode, input, profile. The Go fake keeps a marker for a compiled std in
// its cache: fresh builds must find it (warm toolchain), clean builds must not
// (cold); Rust's std is never compiled into the cache. XLB_FAKE_TRACE, when set,
// collects one line per call.
constexpr const char* kFakeBuild = R"(#!/bin/sh
lang="$1"; edit="$2"; shared="$3"; mode="$4"; input="$5"; profile="$6"
[ -n "$XLB_FAKE_TRACE" ] && echo "$lang $mode $profile jobs=$XLB_BUILD_JOBS" >> "$XLB_FAKE_TRACE"
if [ "$mode" = "${XLB_FAKE_BUILD_FAIL:-none}" ]; then echo "fake $lang build fails in $mode" >&2; exit 1; fi
mkdir -p "$XLB_BUILD_OUT" "$XLB_BUILD_CACHE" || exit 4
if [ "$mode" = warm-toolchain ]; then touch "$XLB_BUILD_CACHE/std-compiled"; exit 0; fi
case "$mode" in
  fresh-*|build-test) if [ "$lang" = go ] && [ ! -f "$XLB_BUILD_CACHE/std-compiled" ]; then echo "std not compiled" >&2; exit 6; fi;;
esac
case "$mode" in
  clean-*|fresh-*|build-test) if [ "$lang" = rust ] || [ "${mode#clean-}" != "$mode" ]; then
      if [ -e "$XLB_BUILD_CACHE/std-compiled" ]; then echo "cache not empty" >&2; exit 7; fi; fi;;
esac
case "$mode" in
  incremental-shared*) grep -q IncrementalEdit "$shared" || { echo "edit not in the shared file" >&2; exit 3; };;
  incremental*) grep -q IncrementalEdit "$edit" || { echo "edit not in the scratch copy" >&2; exit 3; };;
esac
echo "$mode $input $profile jobs=$XLB_BUILD_JOBS" >> "$XLB_BUILD_CACHE/log"
[ "$mode" = build-test ] || cp /bin/true "$XLB_BUILD_OUT/fake_$lang" || exit 5
if [ "$lang" = rust ]; then sleep 0.2; else sleep 0.1; fi
)";

fs::path make_build_project(const std::string& tag) {
  auto root = testing::make_temp_dir(tag);
  write(root / "go_impls/go.mod", "module fake\n");
  write(root / "go_impls/cmd/srv/main.go", "package main\n\n// serves\nfunc main() {}\n");
  write(root / "go_impls/internal/driver/driver.go", "package driver\n");
  write(root / "go_impls/build/stale-binary", "must not be copied");
  write(root / "rust_impls/Cargo.toml", "[workspace]\n");
  write(root / "rust_impls/variants/srv_rs/Cargo.toml", "[package]\nname = \"srv_rs\"\n");
  write(root / "rust_impls/variants/srv_rs/src/main.rs", "fn main() {\n}\n");
  write(root / "rust_impls/xlb_driver/src/lib.rs", "pub fn drive() {}\n");
  write(root / "rust_impls/target/debug/junk", "must not be copied");
  const auto script = root / "fake-build.sh";
  write(script, kFakeBuild);
  ::chmod(script.c_str(), 0755);

  json build = {
      {"schema_version", 1},
      {"name", "build"},
      {"kind", "build"},
      {"default", false},
      {"description", "fake builds"},
      {"modes", build_scenario_names()},
      {"inputs",
       {{{"name", "server"},
         {"params", {{"go", {{"target", "srv"}, {"shared_edit", "internal/driver/driver.go"}}},
                     {"rust", {{"target", "srv_rs"}, {"shared_edit", "xlb_driver/src/lib.rs"}}}}}},
        {{"name", "project"}, {"full_only", true},
         {"params", {{"go", {{"edit", "internal/driver/driver.go"}}}, {"rust", {{"edit", "variants/srv_rs/src/main.rs"}}}}}}}},
      {"build", {{"edit_lines", {{"go", "var xlbenchIncrementalEdit = {n}"}, {"rust", "// xlbenchIncrementalEdit {n}"}}}}},
      {"variants",
       {{{"language", "go"}, {"name", "go"}, {"target", "go"}, {"library", "fake go"},
         {"command", {script.string(), "go", "cmd/srv/main.go", "internal/driver/driver.go"}}},
        {{"language", "rust"}, {"name", "cargo"}, {"target", "cargo"}, {"library", "fake cargo"},
         {"command", {script.string(), "rust", "variants/srv_rs/src/main.rs", "xlb_driver/src/lib.rs"}}}}},
      {"baseline", {{"go", "go"}, {"rust", "cargo"}}}};
  write(root / "workloads/build/workload.json", build.dump(2));
  // A program workload whose variants' lines are counted (never run here).
  json http = {{"schema_version", 1},
               {"name", "http"},
               {"kind", "batch"},
               {"modes", {"dom"}},
               {"inputs", {{{"name", "small"}, {"schema", "order"},
                            {"generate", {{"generator", "json_orders"}, {"shape", "order"}, {"seed", 1}, {"orders", 1}}}}}},
               {"checksum", {{"dom", {{"rule", "json_stats"}}}}},
               {"variants", {{{"language", "go"}, {"name", "srv"}, {"target", "srv"}, {"library", "net/http"}},
                             {{"language", "rust"}, {"name", "srv_rs"}, {"target", "srv_rs"}, {"library", "hyper"}}}},
               {"baseline", {{"go", "srv"}, {"rust", "srv_rs"}}}};
  write(root / "workloads/http/workload.json", http.dump(2));
  return root;
}

const Measurement& find(const ResultsDoc& doc, const std::string& mode, const std::string& input,
                        const std::string& language) {
  for (const auto& m : doc.measurements)
    if (m.mode == mode && m.input == input && m.language == language) return m;
  throw std::runtime_error("no measurement " + mode + "/" + input + "/" + language);
}

std::vector<std::string> run_args(const fs::path& root, const std::string& id, std::vector<std::string> extra) {
  std::vector<std::string> args = {"--root", root.string(), "--build-dir", (root / "build").string(), "run",
                                   "--workload", "build", "--no-build", "--no-pin", "--run-id", id};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(BuildWorkload, QuickRunMeasuresEveryScenarioInScratchCopies) {
  const auto root = make_build_project("build-quick");
  const auto go_before = fingerprint(root / "go_impls");
  const auto rust_before = fingerprint(root / "rust_impls");

  auto run = testing::run_xlbench(run_args(root, "q", {"--quick"}));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;

  const auto doc = load_results(root / "results/q/results.json");
  EXPECT_EQ(doc.status, "complete");
  // Every scenario x the server target x 2 toolchains; project is full-only.
  ASSERT_EQ(doc.measurements.size(), 2 * build_scenario_names().size());
  for (const auto& m : doc.measurements) {
    EXPECT_EQ(m.kind, "build");
    EXPECT_EQ(m.input, "server");
    EXPECT_EQ(m.status, "ok") << m.mode << " " << m.language << ": " << m.reason << "\n" << m.stderr_tail;
    ASSERT_EQ(m.samples.size(), 1u);
    EXPECT_EQ(m.samples[0].ops, 1);
    EXPECT_GE(m.samples[0].ns, 90'000'000);  // the fake sleeps 0.1 s at least
    ASSERT_EQ(m.runs.size(), 1u);
    EXPECT_EQ(m.rounds_done, 1);
    EXPECT_EQ(m.facts["jobs"].get<int>(), static_cast<int>(current_affinity().size()));
  }
  // The edit went into the scratch copy (the fake checks it) and never into the tree.
  const auto& inc = find(doc, "incremental", "server", "rust");
  ASSERT_EQ(inc.facts["edits"].size(), 1u);
  EXPECT_NE(inc.facts["edits"][0].get<std::string>().find("variants/srv_rs/src/main.rs: // xlbenchIncrementalEdit"),
            std::string::npos);
  EXPECT_EQ(fingerprint(root / "go_impls"), go_before);
  EXPECT_EQ(fingerprint(root / "rust_impls"), rust_before);

  // Clean builds size what they linked: a copy of /bin/true, dynamic like it.
  const auto& clean = find(doc, "clean-release", "server", "go");
  ASSERT_EQ(clean.facts["binaries"].size(), 1u);
  const auto& bin = clean.facts["binaries"][0];
  EXPECT_EQ(bin["name"], "fake_go");
  EXPECT_EQ(bin["bytes"].get<std::uintmax_t>(), fs::file_size("/bin/true"));
  EXPECT_LE(bin["stripped_bytes"].get<std::uintmax_t>(), bin["bytes"].get<std::uintmax_t>());
  EXPECT_EQ(bin["linkage"], "dynamic");
  EXPECT_FALSE(find(doc, "noop", "server", "go").facts.contains("binaries"));

  // Footprint: lines of the program workload's variants; its binaries are not built.
  const auto& variants = doc.footprint["code_size"]["variants"];
  ASSERT_EQ(variants.size(), 2u);
  EXPECT_EQ(variants[0]["code_lines"], 2);
  EXPECT_EQ(variants[1]["code_lines"], 2);
  EXPECT_FALSE(doc.footprint["binaries"][0]["found"].get<bool>());

  // Build logs, reports, and no scratch copy left behind.
  EXPECT_TRUE(fs::exists(root / "results/q/build-logs/clean-release-server-go-go-1.log"));
  const auto report = read(root / "results/q/report.md");
  EXPECT_NE(report.find("## Build cost"), std::string::npos);
  EXPECT_NE(report.find("| server | clean-release |"), std::string::npos);
  EXPECT_NE(report.find("| http | srv | 2 | srv_rs | 2 | 1.00x |"), std::string::npos) << report;
  EXPECT_NE(run.out.find("== Build cost =="), std::string::npos);
  for (const auto& m : doc.measurements) {
    const fs::path scratch = m.facts["scratch_dir"].get<std::string>();
    EXPECT_NE(scratch.string().find("xlbench-build-"), std::string::npos) << scratch;
    EXPECT_FALSE(fs::exists(scratch)) << "scratch copy left behind: " << scratch;
  }
}

TEST(BuildWorkload, RoundsGiveRepeatedSamplesAndFailuresCostTheirRowOnly) {
  const auto root = make_build_project("build-rounds");
  ::setenv("XLB_FAKE_BUILD_FAIL", "clean-debug", 1);
  auto run = testing::run_xlbench(run_args(root, "r", {"--quick", "--rounds", "2", "--input", "server", "--mode",
                                                       "incremental", "--mode", "clean-debug"}));
  ::unsetenv("XLB_FAKE_BUILD_FAIL");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(root / "results/r/results.json");
  ASSERT_EQ(doc.measurements.size(), 4u);
  // Incremental alone: a preparatory (untimed) build first, then two timed edits.
  const auto& inc = find(doc, "incremental", "server", "go");
  EXPECT_EQ(inc.status, "ok") << inc.reason;
  EXPECT_EQ(inc.samples.size(), 2u);
  EXPECT_EQ(inc.facts["edits"].size(), 2u);
  EXPECT_TRUE(fs::exists(root / "results/r/build-logs/prepare-incremental-server-go-go.log"));
  const auto& dbg = find(doc, "clean-debug", "server", "rust");
  EXPECT_EQ(dbg.status, "failed");
  EXPECT_NE(dbg.reason.find("exit 1"), std::string::npos) << dbg.reason;
  EXPECT_NE(dbg.stderr_tail.find("fake rust build fails in clean-debug"), std::string::npos);
  EXPECT_TRUE(dbg.samples.empty());
  EXPECT_NE(read(root / "results/r/report.md").find("failed"), std::string::npos);
}

// Lines of the fake's trace that start with `prefix`.
int trace_count(const fs::path& trace, const std::string& prefix) {
  std::istringstream in(read(trace));
  int n = 0;
  for (std::string line; std::getline(in, line);) n += line.rfind(prefix, 0) == 0;
  return n;
}

TEST(BuildWorkload, FreshBuildsFindTheStdCompiledOnceAndColdOnesDoNot) {
  const auto root = make_build_project("build-fresh");
  const auto trace = root / "trace.txt";
  ::setenv("XLB_FAKE_TRACE", trace.c_str(), 1);
  auto run = testing::run_xlbench(run_args(root, "f", {"--quick", "--rounds", "2", "--mode", "fresh-release", "--mode",
                                                       "clean-release", "--mode", "build-test", "--build-jobs", "1"}));
  ::unsetenv("XLB_FAKE_TRACE");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(root / "results/f/results.json");
  ASSERT_EQ(doc.measurements.size(), 6u);
  // The fake fails a fresh Go build without the std marker and a clean one with it, and any Rust build with it.
  for (const auto& m : doc.measurements) {
    EXPECT_EQ(m.status, "ok") << m.mode << " " << m.language << ": " << m.reason << "\n" << m.stderr_tail;
    EXPECT_EQ(m.samples.size(), 2u) << m.mode << " " << m.language;
    EXPECT_EQ(m.facts["jobs"].get<int>(), 1);
    EXPECT_TRUE(m.facts["pinned"].get<bool>());
    EXPECT_EQ(m.facts["cpus"].size(), 1u);
    EXPECT_FALSE(m.facts.value("scenario", "").empty());
  }
  // Go's std is compiled once per cache state (release builds, test builds), never for Rust or clean builds.
  EXPECT_EQ(trace_count(trace, "go warm-toolchain"), 2);
  EXPECT_EQ(trace_count(trace, "rust warm-toolchain"), 0);
  EXPECT_EQ(trace_count(trace, "go build-test debug jobs=1"), 2);
  EXPECT_EQ(trace_count(trace, "rust build-test debug jobs=1"), 2);
  const auto& fresh = find(doc, "fresh-release", "server", "go");
  EXPECT_EQ(fresh.facts["toolchain_warmup"]["outcome"], "ok");
  EXPECT_NE(fresh.facts["toolchain"].get<std::string>().find("warm"), std::string::npos);
  EXPECT_FALSE(find(doc, "fresh-release", "server", "rust").facts.contains("toolchain_warmup"));
  EXPECT_NE(find(doc, "clean-release", "server", "go").facts["toolchain"].get<std::string>().find("cold"),
            std::string::npos);
  EXPECT_TRUE(fs::exists(root / "results/f/build-logs/toolchain-go-go-release.log"));
  EXPECT_FALSE(find(doc, "build-test", "server", "go").facts.contains("binaries"));  // tests link no deliverable
  EXPECT_EQ(doc.plan["build_cost"]["jobs"], 1);
  EXPECT_EQ(doc.plan["build_jobs"], 1);
}

TEST(BuildWorkload, SharedEditGoesToTheSharedFileAndEveryCpuIsTheDefault) {
  const auto root = make_build_project("build-shared");
  auto run = testing::run_xlbench(run_args(root, "s", {"--quick", "--mode", "incremental", "--mode", "incremental-shared"}));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(root / "results/s/results.json");
  const auto& shared = find(doc, "incremental-shared", "server", "rust");
  EXPECT_EQ(shared.status, "ok") << shared.reason << shared.stderr_tail;
  ASSERT_EQ(shared.facts["edits"].size(), 1u);
  EXPECT_EQ(shared.facts["edits"][0].get<std::string>().rfind("xlb_driver/src/lib.rs: ", 0), 0u) << shared.facts["edits"];
  EXPECT_EQ(shared.params["edit_file"], "xlb_driver/src/lib.rs");
  EXPECT_EQ(find(doc, "incremental", "server", "go").params["edit_file"], "cmd/srv/main.go");
  // After the first edit was restored, the second scenario prepared again from the tree as it is.
  EXPECT_TRUE(fs::exists(root / "results/s/build-logs/prepare-incremental-shared-server-go-go.log"));
  EXPECT_EQ(shared.facts["jobs"].get<int>(), static_cast<int>(current_affinity().size()));
  EXPECT_FALSE(shared.facts["pinned"].get<bool>());
}

TEST(BuildWorkload, DefaultSuiteRunsTheManifestsSuitePart) {
  const auto root = make_build_project("build-suite");
  fs::remove_all(root / "workloads/http");
  auto manifest = json::parse(read(root / "workloads/build/workload.json"));
  manifest["default"] = true;
  manifest["suite"] = {{"full", {{"modes", {"fresh-release", "noop"}}, {"inputs", {"server", "project"}}, {"rounds", 1}}},
                       {"quick", {{"modes", json::array()}, {"inputs", json::array()}}}};
  write(root / "workloads/build/workload.json", manifest.dump());
  auto run = testing::run_xlbench({"--root", root.string(), "--build-dir", (root / "build").string(), "run",
                                   "--no-build", "--no-pin", "--run-id", "full"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(root / "results/full/results.json");
  ASSERT_EQ(doc.measurements.size(), 8u);  // 2 scenarios x 2 targets x 2 toolchains, nothing else
  for (const auto& m : doc.measurements) {
    EXPECT_TRUE(m.mode == "fresh-release" || m.mode == "noop") << m.mode;
    EXPECT_EQ(m.samples.size(), 1u);  // the suite's rounds, not the full plan's 3
  }
  EXPECT_TRUE(doc.plan["build_cost"]["in_suite"].get<bool>());
  // The quick suite builds nothing but still takes the footprint.
  auto quick = testing::run_xlbench({"--root", root.string(), "--build-dir", (root / "build").string(), "run",
                                     "--quick", "--no-build", "--no-pin", "--run-id", "quick"});
  ASSERT_EQ(quick.exit_code, 0) << quick.out << quick.err_tail;
  const auto qdoc = load_results(root / "results/quick/results.json");
  EXPECT_TRUE(qdoc.measurements.empty());
  EXPECT_TRUE(qdoc.footprint.contains("code_size"));
}

TEST(BuildWorkload, NotInTheDefaultSuiteButListed) {
  const auto root = make_build_project("build-default");
  fs::remove_all(root / "workloads/http");  // only the build workload is left
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--no-build", "--run-id", "d"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err_tail;
  EXPECT_NE(run.err_tail.find("nothing to run"), std::string::npos) << run.err_tail;
  auto list = testing::run_xlbench({"--root", root.string(), "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err_tail;
  EXPECT_NE(list.out.find("not in the default suite: run it with --workload build"), std::string::npos) << list.out;
}

TEST(BuildWorkload, AnEditThatCannotBeMadeFailsItsRowOnly) {
  const auto root = make_build_project("build-noedit");
  auto manifest = json::parse(read(root / "workloads/build/workload.json"));
  manifest["inputs"][0]["params"]["rust"]["target"] = "no_such_variant";
  write(root / "workloads/build/workload.json", manifest.dump());
  auto run = testing::run_xlbench(run_args(root, "e", {"--quick", "--mode", "incremental"}));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err_tail;
  const auto doc = load_results(root / "results/e/results.json");
  EXPECT_EQ(find(doc, "incremental", "server", "go").status, "ok");
  const auto& rust = find(doc, "incremental", "server", "rust");
  EXPECT_EQ(rust.status, "failed");
  EXPECT_NE(rust.reason.find("cannot edit the scratch copy"), std::string::npos) << rust.reason;
}

TEST(BuildWorkload, UnknownScenarioIsBadInput) {
  const auto root = make_build_project("build-bad");
  auto manifest = json::parse(read(root / "workloads/build/workload.json"));
  manifest["modes"].push_back("lto");
  write(root / "workloads/build/workload.json", manifest.dump());
  auto run = testing::run_xlbench(run_args(root, "b", {"--quick"}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("unknown mode 'lto'"), std::string::npos) << run.err_tail;
}

}  // namespace
}  // namespace xlb
