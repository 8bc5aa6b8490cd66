#include "run/suite.hpp"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "analysis/claims.hpp"
#include "core/errors.hpp"
#include "kinds/kind.hpp"
#include "model/manifest.hpp"
#include "model/results.hpp"
#include "os/process.hpp"
#include "os/run_lock.hpp"
#include "report/report.hpp"
#include "run/environment.hpp"
#include "run/kind_registry.hpp"
#include "run/preflight.hpp"
#include "run/resume.hpp"
#include "toolchain/build.hpp"

namespace xlb {
namespace {

std::string utc_now(const char* format) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// A name the user asked for that matches nothing is a typo, not an empty run.
void check_known(const std::vector<std::string>& wanted, const std::set<std::string>& known, const char* what) {
  for (const auto& w : wanted) {
    if (known.contains(w)) continue;
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw InputError(std::string("unknown ") + what + " '" + w + "' (known: " + list + ")");
  }
}

// The verdict table of the articles' claims; a broken claims file costs a note, not the run.
void print_claim_verdicts(const ClaimsOutcome& claims, std::ostream& out) {
  if (!claims.error.empty()) {
    out << "\nClaims not evaluated: " << claims.error << "\n";
    return;
  }
  out << "\n";
  write_verdicts(claims.verdicts, "console", out);
}

// The run keeps the claims file it is judged against (claims.json next to results.json), so a
// later `report` or `claims` on it uses the same claims whatever the project's file says then.
// A resumed run keeps the copy it has.
std::filesystem::path keep_claims_file(const std::filesystem::path& run_dir) {
  const auto kept = run_dir / "claims.json";
  std::error_code ec;
  if (!std::filesystem::exists(kept, ec) && !std::filesystem::copy_file(default_claims_path(), kept, ec))
    spdlog::warn("claims file not copied into the run ({}): reports will use {}", ec.message(),
                 default_claims_path().string());
  return std::filesystem::exists(kept, ec) ? kept : default_claims_path();
}

// --input-file: each file becomes one more input of its workload, before the selection is checked.
void add_user_inputs(std::vector<WorkloadSpec>& all,
                     const std::vector<std::pair<std::string, std::filesystem::path>>& files) {
  for (const auto& [workload, path] : files) {
    auto w = std::find_if(all.begin(), all.end(), [&](const WorkloadSpec& s) { return s.name == workload; });
    if (w == all.end())
      throw InputError("--input-file " + workload + "=" + path.string() + ": no workload '" + workload + "'");
    auto in = user_input(*w, path);
    if (std::any_of(w->inputs.begin(), w->inputs.end(), [&](const InputSpec& i) { return i.name == in.name; }))
      throw InputError("--input-file " + workload + "=" + path.string() + ": workload '" + workload +
                       "' already has an input named '" + in.name + "' (rename the file)");
    w->inputs.push_back(std::move(in));
  }
}

}  // namespace

int run_suite(const RunOptions& opt, std::ostream& out) {
  const auto& sel = opt.selection;
  const std::string run_id = opt.run_id.empty() ? utc_now("%Y%m%d-%H%M%S") : opt.run_id;
  // Before any work: refuse a second measuring run on this machine.
  const MachineLock machine_lock = acquire_machine_lock(run_id, opt.allow_concurrent);
  auto all = discover_all_workloads(opt.paths.root / "workloads", opt.workload_dirs);
  add_user_inputs(all, opt.input_files);
  std::set<std::string> names, langs{"go", "rust"}, variants, inputs, modes;
  for (const auto& w : all) {
    names.insert(w.name);
    for (const auto& v : w.variants) variants.insert(v.name), variants.insert(v.id());
    for (const auto& i : w.inputs) inputs.insert(i.name);
    for (const auto& m : w.modes) modes.insert(m);
  }
  check_known(sel.workloads, names, "workload");
  check_known(sel.languages, langs, "language");
  check_known(sel.variants, variants, "variant");
  check_known(sel.inputs, inputs, "input");
  check_known(sel.modes, modes, "mode");
  // Where each role runs, the other hosts asked over ssh: an unreachable host is bad input, before the run starts.
  nlohmann::json topology = nlohmann::json::object();
  add_topology(topology, opt.plan, ssh_tools_from_env());
  check_results_dir(opt.results_dir);  // a run that cannot keep its results fails now, not later

  std::vector<WorkloadSpec> workloads;
  for (auto& w : all)
    if (sel.workloads.empty() ? w.in_default_suite : is_selected(sel.workloads, w.name))
      workloads.push_back(std::move(w));

  // Pre-flight: each workload's kind plans its units (inputs resolved, reference answers known)
  // before anything is built or timed.
  ResultsDoc doc;
  std::vector<VariantSpec> to_build;
  PlanContext plan_ctx{opt, {opt.data_dir, opt.paths.input_cache(), opt.plan.name == "quick"}, doc, to_build};
  std::vector<std::unique_ptr<WorkUnit>> units;
  for (const auto& w : workloads)
    for (auto& unit : kind_of(w).plan(w, plan_ctx)) units.push_back(std::move(unit));
  if (units.empty()) throw InputError("nothing to run: the selection matches no available input and variant");
  std::stable_sort(units.begin(), units.end(), [](const auto& a, const auto& b) { return a->stage() < b->stage(); });

  const auto run_dir = opt.results_dir / run_id;
  const auto results_path = run_dir / "results.json";
  if (!opt.resume && std::filesystem::exists(results_path))
    throw InputError(run_dir.string() + ": a run with this id already exists (continue it with --resume " +
                     run_id + ")");
  std::filesystem::create_directories(run_dir / "requests");
  // Held while this process measures into run_dir: a resume cannot race a live run.
  const auto run_lock = FileLock::try_acquire(run_dir / "run.lock", "pid " + std::to_string(::getpid()));
  if (!run_lock)
    throw InputError("run " + run_id + " is still being measured (" + FileLock::holder_note(run_dir / "run.lock") +
                     ")");
  if (opt.resume) {
    // Everything the stopped run measured stays; the cells below find their measurements in it.
    auto inputs = std::move(doc.inputs);
    doc = load_results(results_path);
    check_same_inputs(doc.inputs, inputs, run_id);
    doc.inputs = std::move(inputs);
    doc.status = "running";
    doc.environment["resumes"].push_back({{"at", utc_now("%Y-%m-%dT%H:%M:%SZ")},
                                          {"command_line", opt.command_line},
                                          {"run_lock", machine_lock.to_json()}});
    spdlog::info("resuming run {}: {} measurements on record", run_id, doc.measurements.size());
  } else {
    doc.run_id = run_id;
    doc.started_at = utc_now("%Y-%m-%dT%H:%M:%SZ");
    doc.plan = plan_json(opt.plan);
    doc.plan["selection"] = selection_json(sel);  // with the plan: what --resume needs to plan again
    doc.plan["data_dir"] = opt.data_dir.string();
    for (const auto& w : workloads) {
      doc.plan["baselines"][w.name] = w.baseline;
      doc.plan["workloads"][w.name] = {{"kind", w.kind}, {"description", w.description}};
      if (w.origin != "built-in") {
        doc.plan["workloads"][w.name]["origin"] = w.origin;
        doc.plan["workloads"][w.name]["manifest"] = w.manifest_path.string();
      }
    }
    for (const auto& [workload, path] : opt.input_files)
      doc.plan["input_files"].push_back(
          {{"workload", workload}, {"path", std::filesystem::absolute(path).lexically_normal().string()}});
    if (!opt.workload_dirs.empty()) {
      doc.plan["workload_dirs"] = nlohmann::json::array();
      for (const auto& d : opt.workload_dirs)
        doc.plan["workload_dirs"].push_back(std::filesystem::absolute(d).lexically_normal().string());
    }
    doc.environment = collect_environment(opt.paths.root, opt.command_line);
    doc.environment["run_lock"] = machine_lock.to_json();
    doc.environment.update(topology);
  }
  save_results(doc, results_path);  // pre-flight write: an unwritable directory fails here, not later
  const auto claims_file = keep_claims_file(run_dir);
  spdlog::info("run {} -> {}", doc.run_id, results_path.string());

  std::map<std::string, std::string> build_failed;
  if (opt.build) {
    auto outcome = build_variants(build_steps(to_build, opt.paths), run_dir / "build-logs",
                                  [](const std::string& msg) { spdlog::info("{}", msg); });
    if (opt.resume) {
      for (auto& record : outcome.records) doc.builds.push_back(std::move(record));
    } else {
      doc.builds = outcome.records;
    }
    build_failed = outcome.failed;
    save_results(doc, results_path);
  }
  if (!opt.plan.harness_cpus.empty() && !set_affinity(opt.plan.harness_cpus))
    spdlog::warn("could not pin the harness to its CPUs");

  auto checkpoint = [&] {
    try {
      save_results(doc, results_path);
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string(e.what()) + "; " + results_path.string() +
                               " keeps everything up to the previous write: make room, then continue with "
                               "`xlbench run --resume " + run_id + "`");
    }
  };
  Progress progress;
  for (const auto& unit : units) progress.total += unit->progress_steps();
  MeasureContext measure_ctx{opt, run_dir, doc, build_failed, checkpoint, progress, progress_line};
  bool interrupted = false;
  for (const auto& unit : units)
    if ((interrupted = !unit->measure(measure_ctx))) break;
  doc.status = interrupted ? "interrupted" : "complete";
  doc.finished_at = utc_now("%Y-%m-%dT%H:%M:%SZ");
  save_results(doc, results_path);
  // Claims are judged once; the reports and the console show that one outcome.
  const auto claims = std::make_shared<const ClaimsOutcome>(evaluate_claims_file(claims_file, doc));
  write_report_files(doc, run_dir, opt.plan.threshold, claims);
  make_reporter("console", opt.plan.threshold)->write(doc, out);
  print_claim_verdicts(*claims, out);
  out << "\nresults: " << results_path.string() << "\nreport:  " << (run_dir / "report.md").string() << "\n";
  return interrupted ? 130 : 0;
}

}  // namespace xlb
