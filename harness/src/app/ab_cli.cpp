#include "app/ab_cli.hpp"

#include <spdlog/spdlog.h>

#include <ctime>
#include <fstream>
#include <iostream>

#include "run/ab.hpp"
#include "compare/compare.hpp"
#include "core/errors.hpp"
#include "model/manifest.hpp"
#include "core/names.hpp"
#include "model/results.hpp"

namespace xlb {
namespace fs = std::filesystem;

namespace {

bool wanted(const std::vector<std::string>& list, const std::string& a, const std::string& b = "") {
  if (list.empty()) return true;
  for (const auto& x : list)
    if (x == a || (!b.empty() && x == b)) return true;
  return false;
}

std::string ab_run_id() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S-ab", &tm);
  return buf;
}

void write_file(const fs::path& path, const Comparison& c, const std::string& format) {
  std::ofstream out(path);
  write_compare(c, format, out);
  if (!out.flush()) throw InputError(path.string() + ": write failed");
}

}  // namespace

std::unique_ptr<AbCommand> add_ab_command(CLI::App& app) {
  auto cmd = std::make_unique<AbCommand>();
  auto* c = app.add_subcommand(
      "ab", "Same-machine A/B: build a git revision beside the current tree, measure both interleaved, compare");
  cmd->app = c;
  c->add_option("--base", cmd->base_ref, "Git revision to compare against (e.g. HEAD~1, main)")->required();
  c->add_option("-w,--workload", cmd->selection.workloads, "Workload(s) (default: all)");
  c->add_option("-l,--language", cmd->selection.languages, "go and/or rust (default: both)");
  c->add_option("--variant", cmd->selection.variants, "Variant name(s)");
  c->add_option("-i,--input", cmd->selection.inputs, "Input name(s)");
  c->add_option("-m,--mode", cmd->selection.modes, "Mode(s)");
  c->add_flag("-q,--quick", cmd->quick, "Quick plan (two interleaved rounds)");
  c->add_option("--rounds", cmd->rounds, "Interleaved process runs per side (at least 2)")->check(CLI::Range(2, 1000));
  c->add_option("--samples", cmd->samples, "Samples per process run")->check(CLI::Range(1, 100000));
  c->add_option("--spawn-runs", cmd->spawn_runs, "Spawn workloads: process runs per side")->check(CLI::Range(1, 1000));
  c->add_flag("--instructions", cmd->instructions,
              "Also count instructions per operation with callgrind on both sides (batch workloads)");
  add_server_role_options(c, cmd->server_roles);
  c->add_flag("--no-pin", cmd->no_pin, "Do not pin variants and harness to separate CPUs");
  c->add_option("--data-dir", cmd->data_dir, "Directory with the public corpora (default: ../shared/data)");
  c->add_option("--results-dir", cmd->results_dir, "Where the run is written (default: <root>/results)");
  c->add_option("--run-id", cmd->run_id, "Run directory name (default: <UTC time>-ab)");
  cmd->alpha_option = c->add_option("--alpha", cmd->alpha, "1 - confidence of the ratio interval (default 0.05)");
  cmd->threshold_option =
      c->add_option("--threshold", cmd->threshold, "Smallest change that counts (default 0.05 = 5%)");
  c->add_option("--config", cmd->config, "Compare config (per-metric thresholds), as for xlbench compare");
  c->add_option("-f,--format", cmd->format, "console (default), markdown or json")
      ->check(CLI::IsMember({"console", "markdown", "json"}));
  return cmd;
}

int AbCommand::run(const ProjectPaths& paths, const fs::path& default_data,
                   const std::vector<std::string>& command_line) const {
  CompareOptions copts;
  if (!config.empty()) load_compare_config(config, copts);
  if (alpha_option->count()) {
    if (!(alpha > 0 && alpha < 1)) throw InputError("--alpha: must be in (0, 1)");
    copts.alpha = alpha;
  }
  if (threshold_option->count()) {
    if (!(threshold >= 0 && threshold <= 10)) throw InputError("--threshold: must be between 0 and 10");
    copts.threshold = threshold;
  }
  if (!run_id.empty() && !is_identifier(run_id))
    throw InputError("--run-id: '" + run_id + "' is not an identifier ([a-z0-9_-])");

  RunOptions run;
  run.selection = selection;
  run.paths = paths;
  run.plan = quick ? quick_plan() : full_plan();
  // A B then B A: each side sees both positions, so drift during the run cancels.
  run.plan.rounds = rounds ? rounds : std::max(run.plan.rounds, 2);
  if (samples) run.plan.samples_per_run = samples;
  if (spawn_runs) run.plan.spawn_runs = spawn_runs;
  apply_server_roles(server_roles, run.plan);
  if (!no_pin) assign_cpus(run.plan);
  run.data_dir = data_dir.empty() ? default_data : fs::path(data_dir);
  run.results_dir = results_dir.empty() ? paths.root / "results" : fs::path(results_dir);
  run.run_id = run_id.empty() ? ab_run_id() : run_id;
  run.command_line = command_line;
  run.instructions = instructions;

  // The variants the selection picks; their base copies are built from the other revision.
  std::vector<VariantSpec> chosen;
  std::map<std::string, std::vector<VariantSpec>> by_workload;
  for (const auto& w : discover_workloads(paths.root / "workloads")) {
    if (!wanted(selection.workloads, w.name)) continue;
    for (const auto& v : w.variants)
      if (wanted(selection.languages, v.language) && wanted(selection.variants, v.name, v.id())) {
        chosen.push_back(v);
        by_workload[w.name].push_back(v);
      }
  }
  if (chosen.empty()) throw InputError("ab: the selection matches no variant");
  const auto base = prepare_base(paths, base_ref, chosen, [](const std::string& m) { spdlog::info("base: {}", m); });
  for (const auto& [id, why] : base.failed) spdlog::warn("{} has no base build, measured on one side only: {}", id, why);
  for (const auto& [workload, variants] : by_workload)
    run.companion_variants[workload] = base_clones(variants, base);

  const int status = run_suite(run, std::cout);
  const auto run_dir = run.results_dir / run.run_id;
  auto [base_doc, cur_doc] = split_ab(load_results(run_dir / "results.json"));
  base_doc.run_id = base_ref + " (" + base.commit.substr(0, 12) + ")";
  cur_doc.run_id = "working tree";
  const auto comparison = compare_runs(base_doc, cur_doc, copts);
  write_file(run_dir / "ab-compare.md", comparison, "markdown");
  write_file(run_dir / "ab-compare.json", comparison, "json");
  std::cout << "\nA/B: " << base_doc.run_id << " -> working tree\n";
  write_compare(comparison, format, std::cout);
  std::cout << "\nA/B comparison: " << (run_dir / "ab-compare.md").string() << "\n";
  if (status == 130) return status;
  if (comparison.rows.empty()) throw InputError("ab: no measurement is ok on both sides: nothing to compare");
  return compare_exit_status(comparison);
}

}  // namespace xlb
