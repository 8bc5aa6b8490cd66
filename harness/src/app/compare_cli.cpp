#include "app/compare_cli.hpp"

#include <fstream>
#include <iostream>

#include "compare/compare.hpp"
#include "core/errors.hpp"
#include "model/results.hpp"
#include "model/topology.hpp"

namespace xlb {

std::unique_ptr<CompareCommand> add_compare_command(CLI::App& app) {
  auto cmd = std::make_unique<CompareCommand>();
  auto* c = app.add_subcommand("compare",
                               "Compare two results.json (baseline, current): exit 1 on a regression (CI gate)");
  cmd->app = c;
  c->add_option("baseline", cmd->baseline, "Baseline results.json")->required();
  c->add_option("current", cmd->current, "Current results.json")->required();
  cmd->alpha_option = c->add_option("--alpha", cmd->alpha, "1 - confidence of the ratio interval (default 0.05)");
  cmd->threshold_option = c->add_option(
      "--threshold", cmd->threshold, "Smallest change that counts, as a fraction (default 0.05 = 5%)");
  c->add_option("--config", cmd->config, "JSON file: {\"alpha\": 0.05, \"thresholds\": {\"ops_per_s\": 0.05, ...}}");
  c->add_option("-f,--format", cmd->format, "console (default), markdown or json");
  c->add_option("-o,--out", cmd->out, "Write to this file instead of stdout");
  c->add_flag("--allow-mixed-topology", cmd->allow_mixed_topology,
              "Compare a single-host run with a multi-host one (refused otherwise)");
  return cmd;
}

int CompareCommand::run() const {
  if (format != "console" && format != "markdown" && format != "json")
    throw InputError("--format: unknown format '" + format + "' (console, markdown, json)");
  CompareOptions opts;
  if (!config.empty()) load_compare_config(config, opts);
  // Explicit flags win over the config file; per-metric thresholds from the config win over --threshold.
  if (alpha_option->count()) {
    if (!(alpha > 0 && alpha < 1)) throw InputError("--alpha: must be in (0, 1), got " + std::to_string(alpha));
    opts.alpha = alpha;
  }
  if (threshold_option->count()) {
    if (!(threshold >= 0 && threshold <= 10))
      throw InputError("--threshold: must be a fraction between 0 and 10, got " + std::to_string(threshold));
    opts.threshold = threshold;
  }
  const auto base_doc = load_results(baseline);
  const auto cur_doc = load_results(current);
  if (!allow_mixed_topology)
    check_same_topology(base_doc.environment, baseline, cur_doc.environment, current, "--allow-mixed-topology");
  const auto result = compare_runs(base_doc, cur_doc, opts);
  if (result.rows.empty())
    throw InputError(baseline + " and " + current + " have no measurement that is ok in both: nothing to compare");
  if (out.empty()) {
    write_compare(result, format, std::cout);
  } else {
    std::ofstream file(out);
    if (!file) throw InputError(out + ": cannot write");
    write_compare(result, format, file);
    if (!file.flush()) throw InputError(out + ": write failed");
  }
  return compare_exit_status(result);
}

}  // namespace xlb
