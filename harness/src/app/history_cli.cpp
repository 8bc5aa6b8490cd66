#include "app/history_cli.hpp"

#include <fstream>

#include "core/errors.hpp"
#include "history/check.hpp"
#include "history/open_history.hpp"
#include "history/ingest.hpp"
#include "history/show.hpp"
#include "model/results.hpp"
#include "report/report_common.hpp"

namespace xlb {
namespace fs = std::filesystem;

std::unique_ptr<HistoryCommand> add_history_command(CLI::App& app) {
  auto cmd = std::make_unique<HistoryCommand>();
  auto* h = app.add_subcommand("history", "Results database over many runs and change-point detection (CI)");
  h->require_subcommand(1);
  cmd->app = h;
  const char* db_help = "History database: a SQLite file or postgresql://... (default: $XLBENCH_HISTORY_DB, "
                        "else <root>/results/history.sqlite)";
  cmd->add = h->add_subcommand("add", "Ingest a run's results.json (the same run twice is a no-op)");
  cmd->add->add_option("results", cmd->results, "Path to results.json")->required();
  cmd->add->add_option("--branch", cmd->branch, "Branch the run measured (default: main)");
  cmd->add->add_option("--db", cmd->db, db_help);

  cmd->check = h->add_subcommand("check", "Change points of every series; exit 1 when the newest is a regression");
  cmd->check->add_option("--since", cmd->since, "Only runs from this run id or date (YYYY-MM-DD) on");
  cmd->check->add_option("--threshold", cmd->threshold_pct,
                         "Regression (in %) the newest change point must exceed to fail (default 5)");
  cmd->check->add_option("--max-p", cmd->max_p, "Significance a change point must reach (default 0.001)");
  cmd->check->add_option("--db", cmd->db, db_help);

  cmd->show = h->add_subcommand("show", "Series and change points as HTML (trend charts) or Markdown");
  cmd->show->add_option("-f,--format", cmd->format, "html (default) or markdown");
  cmd->show->add_option("-o,--out", cmd->out, "Write to this file instead of stdout");
  cmd->show->add_option("--since", cmd->since, "Only runs from this run id or date (YYYY-MM-DD) on");
  cmd->show->add_option("--threshold", cmd->threshold_pct, "Regression threshold in % (default 5)");
  cmd->show->add_option("--max-p", cmd->max_p, "Significance a change point must reach (default 0.001)");
  cmd->show->add_option("--db", cmd->db, db_help);
  return cmd;
}

int HistoryCommand::run(const fs::path& root, std::ostream& os) const {
  const auto location = history_location(db, (root / "results" / "history.sqlite").string());
  if (*add) {
    const auto doc = load_results(results);  // before the database: a bad file changes nothing
    const auto claims = fs::path(results).parent_path() / "claims.json";
    auto history = open_history(location, true);
    const auto r = ingest_run(*history, doc, branch, results, fs::exists(claims) ? claims : fs::path());
    if (r.added)
      os << "added run " << doc.run_id << " (machine " << r.machine << ", branch " << branch << ") to "
         << history->name() << ": " << r.series << " series, " << r.points << " values, " << r.claims
         << " claim verdicts\n";
    else
      os << "run " << doc.run_id << " (machine " << r.machine << ") is already in " << history->name()
         << ": nothing added\n";
    return 0;
  }
  if (!(threshold_pct >= 0 && threshold_pct <= 1000))
    throw InputError("--threshold: must be a percentage between 0 and 1000, got " + std::to_string(threshold_pct));
  if (!(max_p > 0 && max_p < 1)) throw InputError("--max-p: must be in (0, 1), got " + std::to_string(max_p));
  if (*show && format != "html" && format != "markdown")
    throw InputError("--format: unknown format '" + format + "' (html, markdown)");
  auto history = open_history(location, false);
  CheckOptions opts;
  opts.threshold = threshold_pct / 100.0;
  opts.detector.max_p_value = max_p;
  const auto result = check_history(load_series(*history, resolve_since(*history, since)), opts);
  if (*check) {
    write_check_console(result, os);
    return check_exit_status(result);
  }
  std::ofstream file;
  if (!out.empty()) {
    file.open(out);
    if (!file) throw InputError(out + ": cannot write");
  }
  std::ostream& dest = out.empty() ? os : file;
  if (format == "markdown")
    write_history_markdown(result, dest);
  else
    write_history_html(result, default_chart_js_path(), dest);
  if (!out.empty() && !file.flush()) throw InputError(out + ": write failed");
  return 0;
}

}  // namespace xlb
