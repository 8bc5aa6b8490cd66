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
#include "kinds/build/build_cpus.hpp"
#include "toolchain/build_recipe.hpp"
#include "kinds/build/code_size.hpp"
#include "kinds/build/link_times.hpp"
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
  std::map<std::pair<std::string, std::string>, ProfileState> states;  // (input, scenario state) -> dirs
  std::map<std::pair<std::string, std::string>, std::unique_ptr<LineEdit>> edits;  // (input, file), made on first use
  std::map<std::string, fs::path> warm_std;  // scenario state -> a cache holding only the compiled std
  std::map<std::string, std::string> link_env;  // Rust: links through xlbench-link-timer (link_times.hpp)
  fs::path link_log;
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

// `mode` names the step for test doubles: the scenario, "prepare" or "warm-toolchain".
BuildInvocation invocation_for(const Toolchain& tc, const BuildScenario& scenario, const std::string& mode,
                               const std::string& input, const BuildDirs& dirs, int jobs) {
  if (!tc.variant->command.empty())
    return command_build(tc.variant->command, mode, input, scenario.profile, dirs, jobs);
  const auto& target = tc.recipes.at(input);
  const bool go = tc.variant->language == "go";
  if (mode == "warm-toolchain") return go_warm_std(scenario, dirs, jobs);
  if (go) return scenario.test ? go_test(target, dirs, jobs) : go_build(target, scenario.profile, dirs, jobs);
  // Every cargo build, untimed ones too, links through the same timer: the linker is part of the build's inputs.
  auto inv = scenario.test ? cargo_test(target, dirs, jobs) : cargo_build(target, scenario.profile, dirs, jobs);
  inv.env.insert(tc.link_env.begin(), tc.link_env.end());
  return inv;
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
  if (dir.empty() || !fs::is_directory(dir)) return json::object();
  ScratchDir strip_dir("strip-" + tag);
  json list = json::array();
  std::uintmax_t total = 0, stripped = 0;
  for (const auto& bin : executables_in(dir)) {
    auto b = measure_binary(bin, strip_dir.path());
    total += b.bytes;
    stripped += b.stripped_bytes.value_or(0);
    list.push_back(to_json(binary_row(b)));
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
  auto listed = [](const std::vector<std::string>& names, const std::string& a) {
    return std::find(names.begin(), names.end(), a) != names.end();
  };
  BuildCostSelection out;
  out.workload = &w;
  const auto part_it = sel.workloads.empty() ? w.suite.find(quick ? "quick" : "full") : w.suite.end();
  const SuitePart* part = part_it == w.suite.end() ? nullptr : &part_it->second;
  out.in_suite = sel.workloads.empty();
  if (part) out.rounds = part->rounds;
  for (const auto& in : w.inputs)
    if (wanted(sel.inputs, in.name) && !(quick && in.full_only) && (!part || listed(part->inputs, in.name)))
      out.targets.push_back(&in);
  for (const auto& mode : w.modes)
    if (wanted(sel.modes, mode) && (!part || listed(part->modes, mode))) out.modes.push_back(mode);
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
        for (const auto& file : {t.edit_file, t.shared_edit_file}) {
          if (file.empty()) continue;
          const auto edit = fs::path(v->language == "go" ? "go_impls" : "rust_impls") / file;
          if (!fs::is_regular_file(root / edit))
            throw InputError(sel.workload->manifest_path.string() + ": inputs '" + in->name + "'.params." +
                             v->language + ": the file of an incremental edit, " + edit.string() + ", does not exist");
        }
      }
}

std::size_t build_measurement_count(const BuildCostSelection& sel) {
  return sel.modes.size() * sel.targets.size() * sel.variants.size();
}

Footprint footprint_of_project(const ProjectPaths& paths) {
  const auto workloads = discover_workloads(paths.root / "workloads");
  Footprint footprint = measure_code_size(workloads, paths.root);
  ScratchDir strip_dir("strip-built");
  std::set<fs::path> seen;
  for (const auto& w : workloads) {
    if (w.kind == "build") continue;
    for (const auto& v : w.variants) {
      if (!v.command.empty()) continue;
      const fs::path bin = variant_command(v, paths).front();
      if (!seen.insert(bin).second) continue;
      BinaryRow row = binary_row(measure_binary(bin, strip_dir.path()));
      row.workload = w.name;
      row.language = v.language;
      row.variant = v.name;
      footprint.binaries.push_back(row);
    }
  }
  return footprint;
}

bool run_build_cost(const BuildCostSelection& sel, const Plan& plan, const ProjectPaths& paths,
                    const fs::path& run_dir, ResultsDoc& doc, const std::function<void()>& save) {
  const auto started = Clock::now();
  const auto& w = *sel.workload;
  // A build depends on the cache a stopped run left behind: a resumed run measures builds again.
  std::erase_if(doc.measurements, [&](const Measurement& m) { return m.workload == w.name; });
  spdlog::info("measuring code size and the binaries in {}", paths.build_dir.string());
  doc.footprint = to_json(footprint_of_project(paths));
  save();

  // The harness has pinned itself to its own CPUs by now: the CPUs given to xlbench are the plan's
  // harness and variant CPUs together (none: unpinned, its affinity).
  std::set<int> given_set(plan.harness_cpus.begin(), plan.harness_cpus.end());
  given_set.insert(plan.variant_cpus.begin(), plan.variant_cpus.end());
  const auto given = build_cpus(plan, given_set.empty() ? current_affinity()
                                                        : std::vector<int>(given_set.begin(), given_set.end()));
  const std::vector<int>& cpus = given.cpus;
  const std::vector<int>& pin = cpus;  // the build tree gets exactly these CPUs, whatever the harness's own affinity
  const int jobs = given.jobs;
  const int timeout_s = std::max(plan.timeout_s, kMinBuildTimeoutS);
  const int rounds = sel.rounds > 0 && plan.build_rounds == 0 ? sel.rounds : build_rounds(plan);
  const auto log_dir = run_dir / "build-logs";
  fs::create_directories(log_dir);
  doc.plan["build_cost"] = {{"rounds", rounds},
                            {"cpus", cpus},
                            {"pinned", given.pinned},
                            {"jobs", jobs},
                            {"modes", sel.modes},
                            {"in_suite", sel.in_suite},
                            {"timeout_s", timeout_s},
                            {"tree_rss_sample_ms", kTreeRssInterval.count()},
                            {"scratch_base", fs::temp_directory_path().string()}};
  if (sel.modes.empty() || sel.targets.empty() || sel.variants.empty()) {
    spdlog::info("build workload: no build in this plan, the footprint only");
    save();
    return true;
  }

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
    if (tc.variant->language == "rust" && tc.variant->command.empty()) {
      std::string why;
      tc.link_log = tc.scratch->path() / "links.log";
      tc.link_env = link_timer_env(paths.build_dir / "harness" / "xlbench-link-timer", tc.link_log, why);
      if (tc.link_env.empty()) spdlog::warn("{}: link time not measured: {}", tc.variant->id(), why);
    }
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
      for (const std::string state : {"release", "debug", "test"}) {
        const auto base = tc.scratch->path() / in->name / state;
        tc.states[{in->name, state}] = {{tc.scratch->path() / "tree", base / "cache", base / "out"}, false};
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
        const auto scenario = build_scenario(mode);
        if (auto it = tc.recipes.find(in->name); it != tc.recipes.end())
          m.params = {{"packages", it->second.packages},
                      {"edit_file", scenario.shared_edit ? it->second.shared_edit_file : it->second.edit_file},
                      {"edit_line", it->second.edit_line}};
        const auto tools = doc.environment.value("toolchains", json::object());
        m.hello = {{"toolchain", tools.value(m.language == "go" ? "go" : "cargo", "")}};
        if (m.language == "rust") m.hello["rustc"] = tools.value("rustc", "");
        m.facts = {{"jobs", jobs}, {"cpus", cpus}, {"pinned", given.pinned}, {"scenario", scenario.describe()},
                   {"inherited_env", inherited_env()}, {"scratch_dir", tc.scratch->path().string()},
                   {"tree_rss_peak_kb", json::array()}};
        if (scenario.clean)
          m.facts["toolchain"] = !scenario.warm_toolchain ? "cold: empty cache, the standard library compiled in the timed build"
                                 : toolchain_compiles_std(m.language)
                                     ? "warm: the standard library compiled into the cache before the timed build (untimed)"
                                     : "warm: the standard library ships prebuilt";
        slot[{mode, in->name, tc.variant->id()}] = doc.measurements.size();
        doc.measurements.push_back(std::move(m));
      }
  save();

  // A cache holding only the compiled std, made once per toolchain and state and
  // copied into the emptied cache before each fresh build. False: it failed (row failed).
  auto warm_std = [&](Toolchain& tc, const BuildScenario& scenario, const std::string& input, Measurement& m,
                      const std::string& label) {
    if (!toolchain_compiles_std(tc.variant->language)) return true;
    auto it = tc.warm_std.find(scenario.state());
    if (it == tc.warm_std.end()) {
      const auto base = tc.scratch->path() / "toolchain" / scenario.state();
      const BuildDirs dirs{tc.scratch->path() / "tree", base / "cache", base / "out"};
      reset_dirs(dirs);
      const auto inv = invocation_for(tc, scenario, "warm-toolchain", input, dirs, jobs);
      const auto log = log_dir / ("toolchain-" + tc.variant->language + "-" + tc.variant->name + "-" + scenario.state() + ".log");
      spdlog::info("[build] {}: compiling the standard library into a toolchain cache first (not timed)", label);
      long rss = 0;
      auto r = run_logged(inv.argv, inv, pin, timeout_s, log, label + " (standard library)", rss);
      m.facts["toolchain_warmup"] = {{"command", inv.argv}, {"wall_s", r.wall_s}, {"outcome", r.ok() ? "ok" : r.describe()}};
      if (!r.ok()) {
        m.status = "failed";
        m.reason = "compiling the standard library failed (" + r.describe() + "): see " + log.string();
        return false;
      }
      it = tc.warm_std.emplace(scenario.state(), dirs.cache).first;
    }
    auto& state = tc.states.at({input, scenario.state()});
    fs::copy(it->second, state.dirs.cache, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    return true;
  };

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
          auto& state = tc.states.at({in->name, scenario.state()});
          const std::string label = tc.variant->id() + " " + mode + " " + in->name;
          const std::string tag = mode + "-" + in->name + "-" + tc.variant->language + "-" + tc.variant->name;
          long tree_rss = 0;
          if (scenario.clean) {
            reset_dirs(state.dirs);
            state.warm = false;
            if (scenario.warm_toolchain && !warm_std(tc, scenario, in->name, m, label)) {
              save();
              if (interrupt_requested()) return false;
              continue;
            }
          } else if (!state.warm) {
            // No-op and incremental builds start from a successful build of the same tree.
            fs::create_directories(state.dirs.cache);
            fs::create_directories(state.dirs.out);
            spdlog::info("[build] preparing {}: a {} build first (not timed)", label, profile_name(scenario.profile));
            const auto prep = invocation_for(tc, scenario, "prepare", in->name, state.dirs, jobs);
            auto r = run_logged(prep.argv, prep, pin, timeout_s, log_dir / ("prepare-" + tag + ".log"),
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
            const std::string file = recipe == tc.recipes.end() ? ""
                                     : scenario.shared_edit   ? recipe->second.shared_edit_file
                                                              : recipe->second.edit_file;
            if (file.empty()) {
              m.status = "failed";
              m.reason = scenario.shared_edit ? "no shared_edit file for this target in the manifest"
                                              : "no edit file for an incremental build of this target";
              save();
              continue;
            }
            auto& edit = tc.edits[{in->name, file}];
            try {
              if (!edit) edit = std::make_unique<LineEdit>(state.dirs.tree, file, recipe->second.edit_line);
            } catch (const std::exception& e) {
              m.status = "failed";
              m.reason = std::string("cannot edit the scratch copy: ") + e.what();
              save();
              continue;
            }
            m.facts["edits"].push_back(edit->file().lexically_relative(state.dirs.tree).string() + ": " +
                                       edit->apply(++tc.revision));
          }
          const auto inv = invocation_for(tc, scenario, mode, in->name, state.dirs, jobs);
          const auto log = log_dir / (tag + "-" + std::to_string(round + 1) + ".log");
          spdlog::info("[build {}/{}] {} run {}/{} (elapsed {})", done, total, label, round + 1, rounds,
                       elapsed_text(started));
          m.facts["loadavg_before"].push_back(load_average());
          std::error_code ec;
          if (!tc.link_log.empty()) fs::remove(tc.link_log, ec);
          auto r = run_logged(inv.argv, inv, pin, timeout_s, log, label, tree_rss);
          if (!tc.link_env.empty()) {
            const auto links = read_link_log(tc.link_log);
            m.facts["link_s"].push_back(links.total_s);
            m.facts["links"].push_back(links.links);
          }
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
            if (scenario.clean && !scenario.test && !m.facts.contains("binaries"))
              m.facts.update(binaries_fact(inv.binaries_dir, tag));
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
      // The next scenario builds the tree as it is in the repository: the restored
      // file differs from what was last built, so the next no-op or incremental prepares again.
      if (scenario.edit)
        for (auto& tc : toolchains) {
          const auto recipe = tc.recipes.find(in->name);
          if (recipe == tc.recipes.end()) continue;
          const auto& file = scenario.shared_edit ? recipe->second.shared_edit_file : recipe->second.edit_file;
          if (auto it = tc.edits.find({in->name, file}); it != tc.edits.end() && it->second) it->second->restore();
          for (auto& entry : tc.states) entry.second.warm = false;  // one tree under every target's caches
        }
    }
  }
  spdlog::info("build workload done in {}", elapsed_text(started));
  return true;
}

}  // namespace xlb
