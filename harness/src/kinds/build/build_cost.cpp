#include "kinds/build/build_cost.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "kinds/build/binary_footprint.hpp"
#include "toolchain/build_recipe.hpp"
#include "kinds/build/code_size.hpp"
#include "core/errors.hpp"
#include "os/process.hpp"
#include "kinds/build/scratch_tree.hpp"
#include "os/tree_rss_sampler.hpp"

namespace xlb {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr auto kTreeRssInterval = std::chrono::milliseconds(100);
constexpr auto kHeartbeat = std::chrono::seconds(30);
constexpr int kMinBuildTimeoutS = 3600;  // a clean Rust workspace build on one CPU takes many minutes

const char* profile_name(BuildProfile p) { return p == BuildProfile::release ? "release" : "debug"; }

// The dirs of one (toolchain, target, profile); a clean build empties them.
struct ProfileState {
  BuildDirs dirs;
  bool warm = false;  // a build succeeded here since the dirs were last emptied
};

// One toolchain's scratch copy of its language tree and what was built in it.
struct Toolchain {
  const VariantSpec* variant = nullptr;
  std::unique_ptr<ScratchDir> scratch;
  std::map<std::string, BuildTarget> recipes;  // input -> target
  std::map<std::pair<std::string, BuildProfile>, ProfileState> states;
  std::map<std::string, std::unique_ptr<LineEdit>> edits;  // input -> its edit, created on first use
  int revision = 0;
};

struct BuildRun {
  ChildResult result;
  long tree_rss_peak_kb = 0;
  BuildInvocation invocation;
};

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, s < 10 ? "%.2f s" : "%.1f s", s);
  return buf;
}

std::string elapsed_text(Clock::time_point since) {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - since).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld", static_cast<long>(s / 60), static_cast<long>(s % 60));
  return buf;
}

BuildInvocation invocation_for(const Toolchain& tc, const std::string& mode, const std::string& input,
                               BuildProfile profile, const BuildDirs& dirs, int jobs) {
  if (!tc.variant->command.empty()) return command_build(tc.variant->command, mode, input, profile, dirs, jobs);
  const auto& target = tc.recipes.at(input);
  return tc.variant->language == "go" ? go_build(target, profile, dirs, jobs)
                                      : cargo_build(target, profile, dirs, jobs);
}

// A build as a child process, with the summed RSS of its tree sampled alongside
// and a line every half minute so a long build shows it is alive.
ChildResult run_logged(const std::vector<std::string>& argv, const BuildInvocation& inv, const std::vector<int>& cpus,
                       int timeout_s, const fs::path& log, const std::string& label, long& tree_rss_peak_kb) {
  ChildLimits limits;
  limits.timeout = std::chrono::seconds(timeout_s);
  limits.cpus = cpus;
  limits.env = inv.env;
  limits.cwd = inv.cwd;
  limits.stderr_log = log;
  limits.max_line_bytes = 1 << 20;  // build tools' stdout is not a protocol
  TreeRssSampler sampler(kTreeRssInterval, kHeartbeat, [label](std::chrono::seconds elapsed) {
    spdlog::info("  ... {} still building ({} s)", label, elapsed.count());
  });
  auto r = run_child(argv, limits, [](const std::string&) { return std::nullopt; });
  tree_rss_peak_kb = sampler.stop();
  return r;
}

void reset_dirs(const BuildDirs& dirs) {
  for (const auto& d : {dirs.cache, dirs.out}) {
    fs::remove_all(d);
    fs::create_directories(d);
  }
}

// The 1-minute load average: wall time includes waiting for a busy CPU.
double load_average() {
  std::ifstream in("/proc/loadavg");
  double one = -1;
  in >> one;
  return one;
}

json inherited_env() {
  json j = json::object();
  for (const char* key : {"GOFLAGS", "GOAMD64", "CGO_ENABLED", "RUSTFLAGS", "CARGO_PROFILE_RELEASE_LTO",
                          "CARGO_BUILD_JOBS", "RUSTC_WRAPPER", "CARGO_HOME", "GOMODCACHE"})
    if (const char* v = std::getenv(key)) j[key] = v;
  return j;
}

// Dependencies are downloaded before anything is timed; a failure is only a
// warning (everything may already be there), the offline build then says more.
void fetch_dependencies(const Toolchain& tc, const fs::path& log_dir) {
  if (!tc.variant->command.empty()) return;
  const bool go = tc.variant->language == "go";
  const std::vector<std::string> argv =
      go ? std::vector<std::string>{"go", "mod", "download"} : std::vector<std::string>{"cargo", "fetch", "--locked"};
  ChildLimits limits;
  limits.timeout = std::chrono::minutes(20);
  limits.cwd = tc.scratch->path() / "tree";
  limits.env = {{"GOTOOLCHAIN", "local"}, {"GOWORK", "off"}};
  limits.stderr_log = log_dir / ("fetch-" + tc.variant->language + "-" + tc.variant->name + ".log");
  spdlog::info("fetching {} dependencies (not timed)", tc.variant->id());
  auto r = run_child(argv, limits, [](const std::string&) { return std::nullopt; });
  if (!r.ok()) spdlog::warn("{} dependency fetch failed ({}); the offline builds will tell", tc.variant->id(), r.describe());
}

json binaries_fact(const fs::path& dir, const std::string& tag) {
  ScratchDir strip_dir("strip-" + tag);
  json list = json::array();
  std::uintmax_t total = 0, stripped = 0;
  for (const auto& bin : executables_in(dir)) {
    auto b = measure_binary(bin, strip_dir.path());
    total += b.bytes;
    stripped += b.stripped_bytes.value_or(0);
    list.push_back(footprint_json(b));
  }
  return {{"binaries", list}, {"binary_count", list.size()}, {"binaries_total_bytes", total},
          {"binaries_total_stripped_bytes", stripped}};
}

}  // namespace

BuildCostSelection select_builds(const WorkloadSpec& w, const Selection& sel, bool quick) {
  auto wanted = [](const std::vector<std::string>& names, const std::string& a, const std::string& b = "") {
    return names.empty() || std::find(names.begin(), names.end(), a) != names.end() ||
           (!b.empty() && std::find(names.begin(), names.end(), b) != names.end());
  };
  BuildCostSelection out;
  out.workload = &w;
  for (const auto& in : w.inputs)
    if (wanted(sel.inputs, in.name) && !(quick && in.full_only)) out.targets.push_back(&in);
  for (const auto& mode : w.modes)
    if (wanted(sel.modes, mode)) out.modes.push_back(mode);
  for (const auto& v : w.variants)
    if (wanted(sel.languages, v.language) && wanted(sel.variants, v.name, v.id())) out.variants.push_back(&v);
  return out;
}

void check_build_selection(const BuildCostSelection& sel, const fs::path& root) {
  for (const auto& mode : sel.workload->modes) {
    try {
      build_scenario(mode);
    } catch (const InputError& e) {
      throw InputError(sel.workload->manifest_path.string() + ": modes: " + e.what());
    }
  }
  for (const auto* v : sel.variants)
    if (v->command.empty())
      for (const auto* in : sel.targets) {
        const auto t = build_target(*sel.workload, *in, v->language);
        const auto edit = fs::path(v->language == "go" ? "go_impls" : "rust_impls") / t.edit_file;
        if (!fs::is_regular_file(root / edit))
          throw InputError(sel.workload->manifest_path.string() + ": inputs '" + in->name + "'.params." + v->language +
                           ": the file of the incremental edit, " + edit.string() + ", does not exist");
      }
}

std::size_t build_measurement_count(const BuildCostSelection& sel) {
  return sel.modes.size() * sel.targets.size() * sel.variants.size();
}

json footprint_of_project(const ProjectPaths& paths) {
  const auto workloads = discover_workloads(paths.root / "workloads");
  json binaries = json::array();
  ScratchDir strip_dir("strip-built");
  std::set<fs::path> seen;
  for (const auto& w : workloads) {
    if (w.kind == "build") continue;
    for (const auto& v : w.variants) {
      if (!v.command.empty()) continue;
      const fs::path bin = variant_command(v, paths).front();
      if (!seen.insert(bin).second) continue;
      json row = footprint_json(measure_binary(bin, strip_dir.path()));
      row["workload"] = w.name;
      row["language"] = v.language;
      row["variant"] = v.name;
      binaries.push_back(row);
    }
  }
  return {{"code_size", code_size_json(workloads, paths.root)}, {"binaries", binaries}};
}

bool run_build_cost(const BuildCostSelection& sel, const Plan& plan, const ProjectPaths& paths,
                    const fs::path& run_dir, ResultsDoc& doc, const std::function<void()>& save) {
  const auto started = Clock::now();
  const auto& w = *sel.workload;
  // A build depends on the cache a stopped run left behind: a resumed run measures builds again.
  std::erase_if(doc.measurements, [&](const Measurement& m) { return m.workload == w.name; });
  spdlog::info("measuring code size and the binaries in {}", paths.build_dir.string());
  doc.footprint = footprint_of_project(paths);
  save();

  const std::vector<int> cpus = plan.variant_cpus.empty() ? current_affinity() : plan.variant_cpus;
  const int jobs = std::max<int>(1, static_cast<int>(cpus.size()));
  const int timeout_s = std::max(plan.timeout_s, kMinBuildTimeoutS);
  const int rounds = build_rounds(plan);
  const auto log_dir = run_dir / "build-logs";
  fs::create_directories(log_dir);
  doc.plan["build_cost"] = {{"rounds", rounds},
                            {"cpus", cpus},
                            {"pinned", !plan.variant_cpus.empty()},
                            {"jobs", jobs},
                            {"timeout_s", timeout_s},
                            {"tree_rss_sample_ms", kTreeRssInterval.count()},
                            {"scratch_base", fs::temp_directory_path().string()}};

  // Scratch copies first: the tree is never built in or edited.
  std::vector<Toolchain> toolchains(sel.variants.size());
  for (size_t i = 0; i < sel.variants.size(); ++i) {
    auto& tc = toolchains[i];
    tc.variant = sel.variants[i];
    tc.scratch = std::make_unique<ScratchDir>("build-" + tc.variant->language + "-" + tc.variant->name);
    const auto from = paths.root / (tc.variant->language == "go" ? "go_impls" : "rust_impls");
    const auto copied = copy_source_tree(from, tc.scratch->path() / "tree");
    spdlog::info("{}: scratch copy of {} ({} files) in {}", tc.variant->id(), from.string(), copied.files,
                 tc.scratch->path().string());
    for (const auto* in : sel.targets) {
      if (tc.variant->command.empty()) {
        tc.recipes[in->name] = build_target(w, *in, tc.variant->language);
      } else {
        // Test doubles run their own command; a target that names an edit file
        // still gets the real scratch-copy edit, one without fails its incremental row.
        try {
          tc.recipes[in->name] = build_target(w, *in, tc.variant->language);
        } catch (const InputError& e) {
          spdlog::debug("{}: no build target for {}: {}", tc.variant->id(), in->name, e.what());
        }
      }
      for (auto profile : {BuildProfile::release, BuildProfile::debug}) {
        const auto base = tc.scratch->path() / in->name / profile_name(profile);
        tc.states[{in->name, profile}] = {{tc.scratch->path() / "tree", base / "cache", base / "out"}, false};
      }
    }
    fetch_dependencies(tc, log_dir);
  }

  // One measurement per scenario x target x toolchain, created up front so a failure has a row.
  std::map<std::tuple<std::string, std::string, std::string>, size_t> slot;
  for (const auto* in : sel.targets)
    for (const auto& mode : sel.modes)
      for (const auto& tc : toolchains) {
        Measurement m;
        m.workload = w.name;
        m.kind = w.kind;
        m.mode = mode;
        m.input = in->name;
        m.language = tc.variant->language;
        m.variant = tc.variant->name;
        m.label = tc.variant->label;
        m.library = tc.variant->library;
        if (auto it = tc.recipes.find(in->name); it != tc.recipes.end())
          m.params = {{"packages", it->second.packages}, {"edit_file", it->second.edit_file},
                      {"edit_line", it->second.edit_line}};
        const auto tools = doc.environment.value("toolchains", json::object());
        m.hello = {{"toolchain", tools.value(m.language == "go" ? "go" : "cargo", "")}};
        if (m.language == "rust") m.hello["rustc"] = tools.value("rustc", "");
        m.facts = {{"jobs", jobs}, {"cpus", cpus}, {"inherited_env", inherited_env()},
                   {"scratch_dir", tc.scratch->path().string()}, {"tree_rss_peak_kb", json::array()}};
        slot[{mode, in->name, tc.variant->id()}] = doc.measurements.size();
        doc.measurements.push_back(std::move(m));
      }
  save();

  const size_t total = build_measurement_count(sel) * static_cast<size_t>(rounds);
  size_t done = 0;
  for (const auto* in : sel.targets) {
    for (const auto& mode : sel.modes) {
      const auto scenario = build_scenario(mode);
      for (int round = 0; round < rounds; ++round) {
        // Alternate the toolchain order each round so drift does not favour one.
        for (size_t k = 0; k < toolchains.size(); ++k) {
          auto& tc = toolchains[round % 2 ? toolchains.size() - 1 - k : k];
          auto& m = doc.measurements[slot.at({mode, in->name, tc.variant->id()})];
          ++done;
          if (m.status != "ok") continue;
          auto& state = tc.states.at({in->name, scenario.profile});
          const std::string label = tc.variant->id() + " " + mode + " " + in->name;
          const std::string tag = mode + "-" + in->name + "-" + tc.variant->language + "-" + tc.variant->name;
          long tree_rss = 0;
          if (scenario.clean) {
            reset_dirs(state.dirs);
            state.warm = false;
          } else if (!state.warm) {
            // No-op and incremental builds start from a successful build of the same tree.
            fs::create_directories(state.dirs.cache);
            fs::create_directories(state.dirs.out);
            spdlog::info("[build] preparing {}: a {} build first (not timed)", label, profile_name(scenario.profile));
            const auto prep = invocation_for(tc, "prepare", in->name, scenario.profile, state.dirs, jobs);
            auto r = run_logged(prep.argv, prep, plan.variant_cpus, timeout_s, log_dir / ("prepare-" + tag + ".log"),
                                label + " (preparing)", tree_rss);
            if (!r.ok()) {
              m.status = "failed";
              m.reason = "preparatory build failed (" + r.describe() + "): see " + (log_dir / ("prepare-" + tag + ".log")).string();
              save();
              if (interrupt_requested()) return false;
              continue;
            }
            state.warm = true;
          }
          if (scenario.edit) {
            const auto recipe = tc.recipes.find(in->name);
            if (recipe == tc.recipes.end() || recipe->second.edit_file.empty()) {
              m.status = "failed";
              m.reason = "no edit file for an incremental build of this target";
              save();
              continue;
            }
            auto& edit = tc.edits[in->name];
            try {
              if (!edit) edit = std::make_unique<LineEdit>(state.dirs.tree, recipe->second.edit_file, recipe->second.edit_line);
            } catch (const std::exception& e) {
              m.status = "failed";
              m.reason = std::string("cannot edit the scratch copy: ") + e.what();
              save();
              continue;
            }
            m.facts["edits"].push_back(edit->file().lexically_relative(state.dirs.tree).string() + ": " +
                                       edit->apply(++tc.revision));
          }
          const auto inv = invocation_for(tc, mode, in->name, scenario.profile, state.dirs, jobs);
          const auto log = log_dir / (tag + "-" + std::to_string(round + 1) + ".log");
          spdlog::info("[build {}/{}] {} run {}/{} (elapsed {})", done, total, label, round + 1, rounds,
                       elapsed_text(started));
          m.facts["loadavg_before"].push_back(load_average());
          auto r = run_logged(inv.argv, inv, plan.variant_cpus, timeout_s, log, label, tree_rss);
          ProcessRun run;
          run.command = inv.argv;
          run.cpus_granted = r.cpus_granted;
          run.wall_s = r.wall_s;
          run.user_s = r.user_s;
          run.sys_s = r.sys_s;
          run.max_rss_kb = r.max_rss_kb;
          run.sampled_peak_rss_kb = r.sampled_peak_rss_kb;
          run.fork_rss_kb = r.fork_rss_kb;
          run.peak_rss_kb = r.peak_rss_kb();
          run.outcome = r.ok() ? "ok" : r.describe();
          m.runs.push_back(run);
          if (!r.aborted) ++m.rounds_done;
          m.facts["tree_rss_peak_kb"].push_back(tree_rss);
          m.facts["command"] = inv.argv;
          m.facts["env"] = inv.env;
          m.facts["profile"] = inv.profile;
          m.hello["profile"] = inv.profile;
          if (r.ok()) {
            m.samples.push_back({1, std::max<std::int64_t>(1, static_cast<std::int64_t>(r.wall_s * 1e9))});
            state.warm = true;
            if (scenario.clean && !m.facts.contains("binaries")) m.facts.update(binaries_fact(inv.binaries_dir, tag));
            spdlog::info("[build {}/{}] {}: {} wall, {} CPU, largest process {} MiB, tree {} MiB", done, total, label,
                         seconds_text(r.wall_s), seconds_text(r.user_s + r.sys_s), run.peak_rss_kb / 1024,
                         tree_rss / 1024);
          } else {
            m.status = "failed";
            m.reason = "build " + r.describe() + ": see " + log.string();
            m.stderr_tail = r.stderr_tail;
            state.warm = false;
            spdlog::warn("[build {}/{}] {}: {}", done, total, label, m.reason);
          }
          save();
          if (interrupt_requested()) return false;
        }
      }
      // The next scenario builds the tree as it is in the repository.
      if (scenario.edit)
        for (auto& tc : toolchains)
          if (auto it = tc.edits.find(in->name); it != tc.edits.end() && it->second) it->second->restore();
    }
  }
  spdlog::info("build workload done in {}", elapsed_text(started));
  return true;
}

}  // namespace xlb
