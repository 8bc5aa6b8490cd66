#include "app/cli.hpp"
#include "model/metrics.hpp"

#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "toolchain/build.hpp"
#include "analysis/claims.hpp"
#include "app/ab_cli.hpp"
#include "app/compare_cli.hpp"
#include "app/history_cli.hpp"
#include "app/server_roles.hpp"
#include "kinds/batch/instructions.hpp"
#include "app/grpc_loadgen_cli.hpp"
#include "app/loadgen_cli.hpp"
#include "model/malloc_policy.hpp"
#include "run/environment.hpp"
#include "core/errors.hpp"
#include "model/manifest.hpp"
#include "core/names.hpp"
#include "os/process.hpp"
#include "report/report.hpp"
#include "model/results.hpp"
#include "run/kind_registry.hpp"
#include "run/resume.hpp"
#include "run/suite.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;

void on_signal(int) { request_interrupt(); }

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  // A closed output pipe (`xlbench run | head`) must not kill a run half-way: the
  // results file is the output that matters, and it keeps being written.
  ::signal(SIGPIPE, SIG_IGN);
}

fs::path default_root() {
  if (const char* env = std::getenv("XLBENCH_ROOT")) return env;
  return XLB_SOURCE_DIR;
}

fs::path default_data_dir(const fs::path& root) {
  if (const char* env = std::getenv("XLBENCH_DATA_DIR")) return env;
  auto shared = root / ".." / "shared" / "data";
  return fs::exists(shared) ? fs::canonical(shared) : fs::path{};
}

std::vector<int> parse_cpu_list(const std::string& text, const char* flag) {
  std::vector<int> cpus;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) {
    try {
      size_t used = 0;
      int c = std::stoi(part, &used);
      if (used != part.size() || c < 0 || c >= CPU_SETSIZE) throw std::invalid_argument(part);
      cpus.push_back(c);
    } catch (const std::exception&) {
      throw InputError(std::string(flag) + ": '" + part + "' is not a CPU number");
    }
  }
  return cpus;
}

struct CommonOptions {
  std::string root, build_dir;
  bool verbose = false;
  ProjectPaths paths() const {
    ProjectPaths p;
    // Absolute, because build steps run in other directories (go_impls/, rust_impls/).
    p.root = fs::absolute(root.empty() ? default_root() : fs::path(root));
    p.build_dir = fs::absolute(build_dir.empty() ? p.root / "build" : fs::path(build_dir));
    return p;
  }
};

// The metric registry: what reports, claims files and compare thresholds may name.
int cmd_list_metrics(std::ostream& out) {
  for (const auto& d : metric_registry()) {
    out << d.name << " (" << d.unit << ", " << (d.higher_is_better ? "higher" : "lower") << " is better";
    if (d.series) out << "; compared by compare";
    if (d.claim_scope) out << "; usable in claims";
    out << "): " << d.derivation << "\n";
  }
  return 0;
}

int cmd_list(const CommonOptions& common, const std::vector<fs::path>& workload_dirs, std::ostream& out) {
  auto paths = common.paths();
  auto data_dir = default_data_dir(paths.root);
  for (const auto& w : discover_all_workloads(paths.root / "workloads", workload_dirs)) {
    const auto& kind = kind_of(w);  // an unknown kind is bad input here too
    out << w.name << " (" << w.kind << "): " << w.description
        << (w.origin == "built-in" ? "" : "\n  from " + w.manifest_path.string())
        << (w.in_default_suite ? "" : "\n  not in the default suite: run it with --workload " + w.name) << "\n  modes: ";
    for (const auto& m : w.modes) out << m << " ";
    out << "\n  inputs:\n";
    for (const auto& in : w.inputs) {
      out << "    " << in.name << (in.schema.empty() ? "" : " (schema " + in.schema + ")") << ": ";
      if (in.generate) {
        out << "generated " << in.generate->dump() << "\n";
      } else if (in.local_file) {
        out << in.local_file->string() << (fs::exists(*in.local_file) ? " (present)" : " (missing)") << "\n";
      } else if (in.params_only()) {
        out << "parameters " << in.params.dump() << (in.full_only ? " (full plan only)" : "") << "\n";
      } else {
        bool present = !data_dir.empty() && fs::exists(data_dir / *in.file);
        out << *in.file << (present ? " (present)" : " (absent: pass --data-dir)") << "\n";
      }
    }
    out << "  variants:\n";
    for (const auto& v : w.variants) {
      auto bin = variant_command(v, paths).front();
      out << "    " << v.id() << "  " << v.library << " [" << v.label << "]"
          << (!kind.builds_variants() || fs::exists(bin) ? "" : "  (not built yet)") << "\n";
    }
  }
  return 0;
}

// `run --resume ID`: the stopped run's plan and selection replace the command line's.
void apply_resume(const CLI::App& runc, const std::string& run_id, bool data_dir_given, RunOptions& run) {
  if (!is_identifier(run_id)) throw InputError("--resume: '" + run_id + "' is not a run id ([a-z0-9_-])");
  for (const auto* option : runc.get_options()) {
    if (option->count() == 0) continue;
    bool allowed = false;
    for (const char* name : {"resume", "results-dir", "data-dir", "no-build", "allow-concurrent"})
      allowed = allowed || option->check_lname(name);
    if (!allowed)
      throw InputError("--resume continues run " + run_id + " with its own plan and selection; " +
                       option->get_name() + " cannot be combined with it");
  }
  auto point = load_resume_point(run.results_dir, run_id);
  run.selection = std::move(point.selection);
  run.plan = std::move(point.plan);
  if (!data_dir_given) run.data_dir = point.data_dir;
  run.workload_dirs = std::move(point.workload_dirs);
  run.input_files = std::move(point.input_files);
  run.run_id = run_id;
  run.resume = true;
}

}  // namespace

int run_cli(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("xlbench"));
  spdlog::set_pattern("%^[%H:%M:%S %l]%$ %v");
  CLI::App app{"xlbench: build, verify and measure equivalent Go and Rust workloads"};
  app.require_subcommand(1);
  CommonOptions common;
  app.add_option("--root", common.root, "Project checkout (default: the source tree xlbench was built from)");
  app.add_option("--build-dir", common.build_dir, "Where variants and inputs are built (default: <root>/build)");
  app.add_flag("-v,--verbose", common.verbose, "Debug logging");

  auto* list = app.add_subcommand("list", "Show workloads, inputs and variants");
  // Workloads that live outside this tree (docs/external-workloads.md), for list, build and run.
  std::vector<fs::path> workload_dirs;
  const char* workloads_help = "Also load the workload(s) in DIR (DIR/workload.json or DIR/*/workload.json); repeatable";
  list->add_option("--workloads", workload_dirs, workloads_help);
  bool list_metrics = false;
  list->add_flag("--metrics", list_metrics, "List the metrics (name, unit, direction, derivation) instead");

  RunOptions run;
  std::string data_dir, results_dir, variant_cpus, harness_cpus;
  bool quick = false, no_build = false, no_pin = false;
  int samples = 0, warmup_ms = -1, min_sample_ms = 0, rounds = 0, spawn_runs = 0, timeout_s = 0;
  auto* runc = app.add_subcommand("run", "Build, verify and measure; writes results/<run-id>/");
  runc->add_option("--workloads", workload_dirs, workloads_help);
  std::vector<std::string> input_files;
  runc->add_option("--input-file", input_files,
                   "A file of yours as one more input of a workload, e.g. json=payload.json (dom mode); repeatable");
  runc->add_option("-w,--workload", run.selection.workloads, "Workload(s) to run (default: all)");
  runc->add_option("-l,--language", run.selection.languages, "go and/or rust (default: both)");
  runc->add_option("--variant", run.selection.variants, "Variant name(s), e.g. serde_json or rust/serde_json");
  runc->add_option("-i,--input", run.selection.inputs, "Input name(s), e.g. twitter");
  runc->add_option("-m,--mode", run.selection.modes, "Mode(s), e.g. typed");
  runc->add_flag("-q,--quick", quick, "Quick plan: seconds per workload, for CI and smoke tests");
  runc->add_option("--samples", samples, "Samples per process run")->check(CLI::Range(1, 100000));
  runc->add_option("--warmup-ms", warmup_ms, "Minimum warm-up per process run")->check(CLI::Range(0, 600000));
  runc->add_option("--min-sample-ms", min_sample_ms, "Target duration of one sample")->check(CLI::Range(1, 600000));
  runc->add_option("--rounds", rounds, "Interleaved process runs per variant")->check(CLI::Range(1, 1000));
  int build_jobs = 0;
  runc->add_option("--build-jobs", build_jobs,
                   "Build workload: parallel jobs, on that many CPUs (default: every CPU given to xlbench)")
      ->check(CLI::Range(1, 1024));
  runc->add_option("--spawn-runs", spawn_runs, "Spawn workloads: measured process runs per variant")
      ->check(CLI::Range(1, 1000));
  runc->add_option("--timeout-s", timeout_s, "Time limit of one process run")->check(CLI::Range(1, 86400));
  runc->add_option("--threshold", run.plan.threshold, "Practical difference before a winner is named")
      ->check(CLI::Range(0.0, 10.0));
  runc->add_option("--variant-cpus", variant_cpus, "CPUs for the variant, e.g. 1 (default: the last CPU)");
  runc->add_option("--harness-cpus", harness_cpus, "CPUs for the harness, e.g. 0 (default: the others)");
  runc->add_flag("--no-pin", no_pin, "Do not pin variant and harness to separate CPUs");
  runc->add_option("--data-dir", data_dir, "Directory with json/twitter.json etc. (default: ../shared/data)");
  runc->add_option("--results-dir", results_dir, "Where runs are written (default: <root>/results)");
  runc->add_option("--run-id", run.run_id, "Name of the run directory (default: UTC timestamp)");
  runc->add_flag("--no-build", no_build, "Use the binaries already built");
  std::string resume_id;
  int memory_limit_mb = -1;
  runc->add_option("--resume", resume_id,
                   "Continue an interrupted run with its own plan and selection; measured runs are kept");
  runc->add_flag("--allow-concurrent", run.allow_concurrent,
                 "Run even while another xlbench run measures on this machine (recorded in the results)");
  runc->add_option("--memory-limit-mb", memory_limit_mb,
                   "Kill a variant whose resident memory exceeds this (default: min(8192, RAM/2); 0: no limit)")
      ->check(CLI::Range(0, 1 << 24));
  std::string rust_malloc = kMallocSteady;
  runc->add_option("--rust-malloc", rust_malloc,
                   "Rust batch variants' glibc malloc: steady (fixed thresholds, no trim after every "
                   "operation; default) or default (glibc untouched)");
  ServerRoleOptions server_roles;
  add_server_role_options(runc, server_roles);
  runc->add_flag("--instructions", run.instructions,
                 "Also count instructions per operation with callgrind (batch workloads; slow, low noise)");

  std::string report_path, report_format = "markdown", report_out;
  double report_threshold = 0.03;
  auto* report = app.add_subcommand("report", "Re-render a report from a results.json");
  report->add_option("results", report_path, "Path to results.json")->required();
  report->add_option("-f,--format", report_format, "console, markdown, html, json, model (the report model as JSON), gbench (Google Benchmark JSON) or benchstat");
  report->add_option("-o,--out", report_out, "Write to this file instead of stdout");
  std::string report_claims;
  report->add_option("--claims", report_claims,
                     "Claims file (default: the copy kept in the run's directory, else <root>/workloads/claims.json)");
  report->add_option("--threshold", report_threshold, "Practical difference before a winner is named")
      ->check(CLI::Range(0.0, 10.0));

  auto* build = app.add_subcommand("build", "Build every Go and Rust variant (release)");
  build->add_option("--workloads", workload_dirs, workloads_help);
  auto compare = add_compare_command(app);
  auto history = add_history_command(app);
  auto loadgen = add_loadgen_command(app);
  auto grpc_loadgen = add_grpc_loadgen_command(app);
  auto ab = add_ab_command(app);

  std::string claims_results, claims_file, claims_format = "console";
  auto* claimsc = app.add_subcommand("claims", "Verdicts on the articles' claims (workloads/claims.json) for a run");
  claimsc->add_option("results", claims_results, "Path to results.json")->required();
  claimsc->add_option("--claims", claims_file,
                      "Claims file (default: the copy kept in the run's directory, else <root>/workloads/claims.json)");
  claimsc->add_option("-f,--format", claims_format, "console, markdown or json")
      ->check(CLI::IsMember({"console", "markdown", "json"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // "xlbench frobnicate": CLI11 would only say that a subcommand is required.
    if (!app.remaining().empty() && dynamic_cast<const CLI::RequiredError*>(&e)) {
      std::cerr << "unknown command or argument '" << app.remaining().front()
                << "'; run xlbench --help for the commands\n";
      return 2;
    }
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (common.verbose) spdlog::set_level(spdlog::level::debug);

  try {
    if (*list) return list_metrics ? cmd_list_metrics(std::cout) : cmd_list(common, workload_dirs, std::cout);
    if (*compare->app) return compare->run();
    if (*history->app) return history->run(common.paths().root, std::cout);
    if (*loadgen->app) {
      install_signal_handlers();  // Ctrl-C ends the window early; the partial result is printed
      return loadgen->run(std::cout);
    }
    if (*grpc_loadgen->app) {
      install_signal_handlers();
      return grpc_loadgen->run(std::cout);
    }
    if (*ab->app) {
      install_signal_handlers();
      const auto paths = common.paths();
      return ab->run(paths, default_data_dir(paths.root), std::vector<std::string>(argv, argv + argc));
    }
    if (*claimsc) {
      auto claims =
          load_claims(claims_file_for(claims_results, claims_file, common.paths().root / "workloads" / "claims.json"));
      write_verdicts(evaluate(claims, load_results(claims_results)), claims_format, std::cout);
      return 0;  // verdicts are findings, not failures
    }
    if (*build) {
      auto paths = common.paths();
      std::vector<VariantSpec> all;
      for (const auto& w : discover_all_workloads(paths.root / "workloads", workload_dirs))
        if (kind_of(w).builds_variants())  // the build kind's variants are the toolchains themselves
          all.insert(all.end(), w.variants.begin(), w.variants.end());
      auto outcome = build_variants(build_steps(all, paths), paths.build_dir / "logs",
                                    [](const std::string& m) { spdlog::info("{}", m); });
      for (const auto& [id, why] : outcome.failed) spdlog::error("{}: {}", id, why);
      return outcome.failed.empty() ? 0 : 1;
    }
    if (*report) {
      auto doc = load_results(report_path);
      // Claims the run kept (or --claims), loaded and judged once for this report.
      const auto claims_path = claims_file_for(report_path, report_claims);
      if (!report_claims.empty()) load_claims(claims_path);  // a file named by the user must be valid: exit 2
      auto claims = std::make_shared<const ClaimsOutcome>(evaluate_claims_file(claims_path, doc));
      auto reporter = make_reporter(report_format, report_threshold, claims);
      if (report_out.empty()) {
        reporter->write(doc, std::cout);
      } else {
        std::ofstream out(report_out);
        if (!out) throw InputError(report_out + ": cannot write");
        reporter->write(doc, out);
      }
      return 0;
    }
    // run
    run.paths = common.paths();
    double threshold = run.plan.threshold;
    run.plan = quick ? quick_plan() : full_plan();
    run.plan.threshold = threshold;
    if (samples) run.plan.samples_per_run = samples;
    if (warmup_ms >= 0) run.plan.warmup_ms = warmup_ms;
    if (min_sample_ms) run.plan.min_sample_ms = min_sample_ms;
    if (rounds) run.plan.rounds = run.plan.build_rounds = rounds;
    if (spawn_runs) run.plan.spawn_runs = spawn_runs;
    run.plan.build_jobs = build_jobs;
    if (timeout_s) run.plan.timeout_s = timeout_s;
    if (memory_limit_mb >= 0) run.plan.memory_limit_mb = memory_limit_mb;
    check_malloc_policy(rust_malloc);
    run.plan.rust_malloc = rust_malloc;
    apply_server_roles(server_roles, run.plan);
    if (!no_pin) assign_cpus(run.plan);
    if (!variant_cpus.empty()) run.plan.variant_cpus = parse_cpu_list(variant_cpus, "--variant-cpus");
    if (!harness_cpus.empty()) run.plan.harness_cpus = parse_cpu_list(harness_cpus, "--harness-cpus");
    run.data_dir = data_dir.empty() ? default_data_dir(run.paths.root) : fs::path(data_dir);
    if (!data_dir.empty() && !fs::is_directory(run.data_dir))
      throw InputError("--data-dir: '" + data_dir + "' is not a directory");
    run.results_dir = results_dir.empty() ? run.paths.root / "results" : fs::path(results_dir);
    run.build = !no_build;
    run.workload_dirs = workload_dirs;
    for (const auto& spec : input_files) {
      const auto eq = spec.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
        throw InputError("--input-file: '" + spec + "' is not <workload>=<path> (e.g. json=payload.json)");
      run.input_files.emplace_back(spec.substr(0, eq), fs::path(spec.substr(eq + 1)));
    }
    if (!run.run_id.empty() && !is_identifier(run.run_id))
      throw InputError("--run-id: '" + run.run_id + "' is not an identifier ([a-z0-9_-])");
    run.command_line.assign(argv, argv + argc);
    if (run.instructions && !callgrind_available())
      throw InputError("--instructions: valgrind is not installed (scripts/setup.sh installs it)");
    if (!resume_id.empty()) apply_resume(*runc, resume_id, !data_dir.empty(), run);
    install_signal_handlers();
    return run_suite(run, std::cout);
  } catch (const InputError& e) {
    spdlog::error("{}", e.what());
    return 2;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
}

}  // namespace xlb
