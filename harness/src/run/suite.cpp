#include "run/suite.hpp"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "toolchain/build.hpp"
#include "kinds/build/build_cost.hpp"
#include "analysis/claims.hpp"
#include "checks/checksum_reference.hpp"
#include "run/environment.hpp"
#include "core/errors.hpp"
#include "inputs/inputs.hpp"
#include "kinds/batch/instructions.hpp"
#include "model/manifest.hpp"
#include "run/preflight.hpp"
#include "os/process.hpp"
#include "report/report.hpp"
#include "model/results.hpp"
#include "run/resume.hpp"
#include "os/run_lock.hpp"
#include "kinds/batch/runner.hpp"
#include "kinds/server/server_runner.hpp"
#include "kinds/server/sql_api_database.hpp"
#include "kinds/spawn/spawn_runner.hpp"

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

bool selected(const std::vector<std::string>& wanted, const std::string& name,
              const std::string& alt = "") {
  if (wanted.empty()) return true;
  return std::find(wanted.begin(), wanted.end(), name) != wanted.end() ||
         (!alt.empty() && std::find(wanted.begin(), wanted.end(), alt) != wanted.end());
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

struct Cell {
  const WorkloadSpec* workload;
  const ResolvedInput* input;
  std::string mode;
  nlohmann::json reference;  // null: the reference variant's first answer decides
  std::vector<const VariantSpec*> variants;
  std::string reference_variant;  // rule reference_variant: its id (measured first in round one)
};

// The variants of a workload the user selected, plus the reference variant of any selected mode
// whose rule is reference_variant: without its answer no other variant can be verified.
std::vector<const VariantSpec*> with_reference_variants(const WorkloadSpec& w, const Selection& sel,
                                                        std::vector<const VariantSpec*> vs) {
  for (const auto& mode : w.modes) {
    if (!selected(sel.modes, mode)) continue;
    const auto id = reference_variant_of(w, mode);
    if (id.empty() || std::any_of(vs.begin(), vs.end(), [&](const VariantSpec* v) { return v->id() == id; })) continue;
    for (const auto& v : w.variants)
      if (v.id() == id) {
        spdlog::info("{}: measuring {} too, the reference the other variants must agree with", w.name, id);
        vs.insert(vs.begin(), &v);
      }
  }
  return vs;
}

// Rule reference_variant: once the reference variant has answered, every job of the cell is checked
// against that answer. Without an answer (the reference failed) nothing else can be verified.
void settle_reference(const Cell& cell, std::vector<BatchJob>& jobs, const std::vector<size_t>& slots,
                      ResultsDoc& doc) {
  if (cell.reference_variant.empty() || !jobs.front().reference.is_null()) return;
  auto& ref = doc.measurements[slots.front()];
  if (ref.status == "ok" && ref.checksum.is_object() && !ref.checksum.empty()) {
    for (size_t i = 0; i < jobs.size(); ++i) {
      jobs[i].reference = ref.checksum;
      doc.measurements[slots[i]].reference_checksum = ref.checksum;
    }
  } else if (ref.rounds_done > 0 || ref.status != "ok") {
    for (size_t i = 1; i < jobs.size(); ++i) {
      auto& m = doc.measurements[slots[i]];
      if (m.status != "ok") continue;
      m.status = "failed";
      m.reason = "not verified: the reference variant " + cell.reference_variant + " gave no answer (" +
                 (ref.reason.empty() ? ref.status : ref.reason) + ")";
    }
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

// Kinds whose runners do not continue a measurement (server, build): a resume keeps what they
// measured rather than measuring it twice.
bool has_measurements(const ResultsDoc& doc, const std::string& workload, const std::string& input = "") {
  return std::any_of(doc.measurements.begin(), doc.measurements.end(), [&](const Measurement& m) {
    return m.workload == workload && (input.empty() || m.input == input);
  });
}

}  // namespace

int run_suite(const RunOptions& opt, std::ostream& out) {
  const auto& sel = opt.selection;
  const std::string run_id = opt.run_id.empty() ? utc_now("%Y%m%d-%H%M%S") : opt.run_id;
  // Before any work: refuse a second measuring run on this machine.
  const MachineLock machine_lock = acquire_machine_lock(run_id, opt.allow_concurrent);
  auto all = discover_all_workloads(opt.paths.root / "workloads", opt.workload_dirs);
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
  check_results_dir(opt.results_dir);  // a run that cannot keep its results fails now, not later

  std::vector<WorkloadSpec> workloads;
  for (auto& w : all)
    if (sel.workloads.empty() ? w.in_default_suite : selected(sel.workloads, w.name)) workloads.push_back(std::move(w));

  // Pre-flight: inputs and reference answers, before anything is built or timed.
  InputContext ictx{opt.data_dir, opt.paths.input_cache(), opt.plan.name == "quick"};
  std::vector<std::vector<ResolvedInput>> resolved(workloads.size());
  std::vector<Cell> cells;
  std::vector<BuildCostSelection> build_runs;
  std::vector<VariantSpec> to_build;
  ResultsDoc doc;
  for (size_t wi = 0; wi < workloads.size(); ++wi) {
    const auto& w = workloads[wi];
    if (w.kind == "build") {  // builds, not variant processes: measured by build_cost.hpp
      auto b = select_builds(w, sel, opt.plan.name == "quick");
      check_build_selection(b, opt.paths.root);
      if (build_measurement_count(b) > 0) build_runs.push_back(b);
      continue;
    }
    std::vector<const VariantSpec*> vs;
    for (const auto& v : w.variants)
      if (selected(sel.languages, v.language) && selected(sel.variants, v.name, v.id())) {
        vs.push_back(&v);
        if (auto it = opt.companion_variants.find(w.name); it != opt.companion_variants.end())
          for (const auto& c : it->second)
            if (c.language == v.language && c.name.starts_with(v.name + "@")) vs.push_back(&c);
      }
    if (!vs.empty()) vs = with_reference_variants(w, sel, std::move(vs));
    for (const auto* v : vs)
      if (v->name.find('@') == std::string::npos) to_build.push_back(*v);
    resolved[wi].reserve(w.inputs.size());
    for (const auto& in : w.inputs) {
      if (!selected(sel.inputs, in.name)) continue;
      if (in.full_only && opt.plan.name == "quick") {
        spdlog::info("input {}/{} runs in the full plan only", w.name, in.name);
        continue;
      }
      spdlog::info("preparing input {}/{}", w.name, in.name);
      resolved[wi].push_back(resolve_input(in, ictx));
      const auto& r = resolved[wi].back();
      doc.inputs.push_back({{"workload", w.name}, {"name", r.name}, {"schema", r.schema},
                            {"source", r.source}, {"path", r.path.string()}, {"bytes", r.bytes},
                            {"sha256", r.sha256}, {"available", r.available},
                            {"skip_reason", r.skip_reason}, {"generator", r.generator}});
      if (!r.available) {
        if (!sel.inputs.empty())  // asked for by name: a missing file is an error, not a skip
          throw InputError("input " + w.name + "/" + r.name + " is not available: " + r.skip_reason);
        spdlog::warn("skipping input {}/{}: {}", w.name, r.name, r.skip_reason);
        continue;
      }
      std::vector<const VariantSpec*> runnable;
      const bool quick = opt.plan.name == "quick";
      auto listed = [&](const std::vector<std::string>& names) {
        return std::find(names.begin(), names.end(), r.name) != names.end();
      };
      for (const auto* v : vs)
        if (!listed(v->skip_inputs) && !(quick && listed(v->full_only_inputs))) runnable.push_back(v);
      for (const auto& mode : w.modes) {
        if (!selected(sel.modes, mode) || runnable.empty()) continue;
        Cell cell{&w, &r, mode,
                  w.kind == "server" ? endpoint_reference(w, mode, r.params) : reference_checksum(w, mode, r),
                  runnable, w.kind == "server" ? "" : reference_variant_of(w, mode)};
        if (!cell.reference_variant.empty()) {
          // Measured first in round one, so its answer is known before any other variant's.
          auto ref = std::find_if(cell.variants.begin(), cell.variants.end(),
                                  [&](const VariantSpec* v) { return v->id() == cell.reference_variant; });
          if (ref == cell.variants.end())
            throw InputError(w.manifest_path.string() + ": checksum." + mode + ".variant: " + cell.reference_variant +
                             " does not run on input '" + r.name + "' (skip_inputs or full_only_inputs)");
          std::rotate(cell.variants.begin(), ref, ref + 1);
        }
        cells.push_back(std::move(cell));
      }
    }
  }
  if (cells.empty() && build_runs.empty()) throw InputError("nothing to run: the selection matches no available input and variant");

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
    if (!opt.workload_dirs.empty()) {
      doc.plan["workload_dirs"] = nlohmann::json::array();
      for (const auto& d : opt.workload_dirs)
        doc.plan["workload_dirs"].push_back(std::filesystem::absolute(d).lexically_normal().string());
    }
    doc.environment = collect_environment(opt.paths.root, opt.command_line);
    doc.environment["run_lock"] = machine_lock.to_json();
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
  size_t total = 0, done = 0;
  auto runs_per_variant = [&](const Cell& c) {
    if (c.workload->kind == "server") return 0;  // counted by the server runner's own progress lines
    return c.workload->kind == "spawn" ? 1 + opt.plan.spawn_runs : opt.plan.rounds;
  };
  for (const auto& c : cells) total += c.variants.size() * static_cast<size_t>(runs_per_variant(c));
  bool interrupted = false;
  std::set<std::string> servers_done;
  for (const auto& cell : cells) {
    if (cell.workload->kind == "server") {
      // One server process serves every endpoint: the cells of a workload and input are measured together.
      if (!servers_done.insert(cell.workload->name + "/" + cell.input->name).second) continue;
      if (opt.resume && has_measurements(doc, cell.workload->name, cell.input->name)) {
        spdlog::warn("--resume: {}/{} was measured before; server workloads are not continued", cell.workload->name,
                     cell.input->name);
        continue;
      }
      std::vector<std::string> modes;
      for (const auto& c : cells)
        if (c.workload == cell.workload && c.input == cell.input) modes.push_back(c.mode);
      // A workload with a database (sql-api): a throwaway cluster for its servers, removed when this scope ends.
      ResolvedInput input = *cell.input;
      std::unique_ptr<WorkloadDatabase> database;
      if (!cell.workload->database.is_null() && !(database = start_workload_database(*cell.workload, opt.plan, doc, input))) {
        checkpoint();
        if ((interrupted = interrupt_requested())) break;
        continue;  // skipped, with the reason logged and recorded
      }
      auto job = server_job(*cell.workload, input, modes, cell.variants, opt.paths, build_failed);
      job.database = database.get();
      interrupted = !run_server_workload(job, opt.plan, doc,
                                         {run_dir / "requests", checkpoint, [](const std::string& line) {
                                            spdlog::info("{}", line);
                                          }});
      if (interrupted) break;
      continue;
    }
    std::vector<BatchJob> jobs;
    std::vector<size_t> slots;  // index of each job's measurement in doc
    for (const auto* v : cell.variants) {
      BatchJob job{cell.workload, v, cell.mode, cell.input, variant_command(*v, opt.paths), cell.reference,
                   cell.input->params};
      Measurement m = new_measurement(job);
      if (auto found = find_measurement(doc, m)) {  // resumed: keep what is on record
        reopen_interrupted(doc.measurements[*found]);
        slots.push_back(*found);
        jobs.push_back(job);
        continue;
      }
      if (auto it = build_failed.find(v->id()); it != build_failed.end()) {
        m.status = "failed";
        m.reason = it->second;
      }
      slots.push_back(doc.measurements.size());
      doc.measurements.push_back(std::move(m));
      jobs.push_back(job);
    }
    const int rounds = runs_per_variant(cell);
    settle_reference(cell, jobs, slots, doc);  // a resumed run: the reference may have answered before
    for (int round = 0; round < rounds && !interrupted; ++round) {
      // Alternate the order each round so drift does not always favour the same variant.
      std::vector<size_t> order(jobs.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = round % 2 ? order.size() - 1 - i : i;
      for (size_t i : order) {
        auto& m = doc.measurements[slots[i]];
        ++done;
        if (m.status != "ok" || round < m.rounds_done) continue;  // failed, or measured before a resume
        const auto request = run_dir / "requests" /
                             (m.workload + "-" + m.mode + "-" + m.input + "-" + m.language + "-" + m.variant + ".json");
        if (cell.workload->kind == "spawn") {
          run_spawn_once(jobs[i], opt.plan, request, round == 0, m);
        } else {
          run_batch_once(jobs[i], opt.plan, request, m);
        }
        if (!interrupted_by_user(m)) ++m.rounds_done;
        if (i == 0) settle_reference(cell, jobs, slots, doc);
        checkpoint();
        spdlog::info("[{}/{}] {} {} run {}/{}: {}", done, total, m.cell(), m.variant_id(), round + 1, rounds,
                     progress_line(m));
        if (interrupt_requested()) {
          interrupted = true;
          break;
        }
      }
    }
    if (opt.instructions && cell.workload->kind == "batch" && !interrupted) {
      for (size_t i = 0; i < jobs.size(); ++i) {
        spdlog::info("counting instructions: {} {}", doc.measurements[slots[i]].cell(), doc.measurements[slots[i]].variant_id());
        record_instruction_count(jobs[i], opt.plan, run_dir / "callgrind", doc.measurements[slots[i]]);
      }
      save_results(doc, results_path);
    }
    if (interrupted) break;
  }

  for (const auto& b : build_runs) {
    if (opt.resume && has_measurements(doc, b.workload->name)) {
      spdlog::warn("--resume: {} was measured before; build workloads are not continued", b.workload->name);
      continue;
    }
    if (!interrupted) interrupted = !run_build_cost(b, opt.plan, opt.paths, run_dir, doc, checkpoint);
  }
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
