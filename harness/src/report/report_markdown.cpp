// Markdown reporter: report.md, also fit for a CI job summary.
#include <set>

#include "analysis/analysis.hpp"
#include "analysis/claims.hpp"
#include "core/format.hpp"
#include "model/malloc_policy.hpp"
#include "model/metrics.hpp"
#include "report/report_build.hpp"
#include "report/report_common.hpp"
#include "report/report_holding.hpp"
#include "report/report_http.hpp"

namespace xlb {
namespace {

// Markdown table cells must not contain raw pipes or newlines.
std::string cell_text(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string env_value(const nlohmann::json& env, const char* key) {
  if (!env.contains(key)) return "unknown";
  return env[key].is_string() ? env[key].get<std::string>() : env[key].dump();
}

// Spawn workloads: one process per sample, so time, memory and bytes per task.
void write_spawn_table(const ResultsDoc& doc, const std::vector<const Measurement*>& cell, std::ostream& out) {
  out << "| variant | label | time median [95% CI] | CV | peak RSS MB (median of runs) | bytes/task vs 0 tasks "
         "| CPU s/run | threads (hello) | status |\n|---|---|---|---|---|---|---|---|---|\n";
  for (const auto* m : cell) {
    auto row = summarize_row(*m);
    out << "| " << m->variant_id() << " | " << m->label << " | " << row.ops << " | " << row.cv << " | " << row.rss_mb
        << " | " << per_task_text(doc, *m) << " | " << row.cpu_s << " | " << m->hello.value("threads", 0) << " | "
        << m->status << " |\n";
  }
}

void write_batch_table(const std::vector<const Measurement*>& cell, std::ostream& out) {
  out << "| variant | label | ops/s median [95% CI] | MB/s | ns/op p50 | ns/op p95 | CV | peak RSS MB | CPU s/run "
         "| page faults/op | status |\n|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto* m : cell) {
    auto row = summarize_row(*m);
    out << "| " << m->variant_id() << " | " << m->label << " | " << row.ops << " | " << row.mb_s << " | "
        << row.ns_p50 << " | " << row.ns_p95 << " | " << row.cv << " | " << row.rss_mb << " | " << row.cpu_s
        << " | " << row.faults_per_op << " | " << m->status << " |\n";
  }
}

class MarkdownReporter : public Reporter {
 public:
  MarkdownReporter(double threshold, ClaimsRef claims) : threshold_(threshold), claims_(std::move(claims)) {}

  void write(const ResultsDoc& doc, std::ostream& out) const override {
    const auto& env = doc.environment;
    out << "# xlbench run " << doc.run_id << "\n\n";
    out << "Status: **" << doc.status << "**, plan `" << doc.plan.value("name", "?") << "`, started "
        << doc.started_at << ", finished " << (doc.finished_at.empty() ? "-" : doc.finished_at) << ".\n\n";
    out << "| machine | |\n|---|---|\n";
    out << "| CPU | " << cell_text(env_value(env, "cpu_model")) << " (" << env_value(env, "logical_cpus")
        << " logical) |\n";
    out << "| kernel, governor, ASLR | " << cell_text(env_value(env, "kernel")) << ", "
        << env_value(env, "governor") << ", " << env_value(env, "aslr") << " |\n";
    if (env.contains("toolchains"))
      for (const auto& [k, v] : env["toolchains"].items()) out << "| " << k << " | " << cell_text(v.dump()) << " |\n";
    out << "| variant CPUs / harness CPUs | " << doc.plan.value("variant_cpus", nlohmann::json::array()).dump()
        << " / " << doc.plan.value("harness_cpus", nlohmann::json::array()).dump() << " |\n";
    out << "| samples | " << doc.plan.value("rounds", 0) << " interleaved process runs x "
        << doc.plan.value("samples_per_run", 0) << " samples of >= " << doc.plan.value("min_sample_ms", 0)
        << " ms, after >= " << doc.plan.value("warmup_ms", 0) << " ms warm-up |\n";
    out << "| Rust allocator (batch workloads) | " << rust_malloc_text(doc.plan) << " |\n";
    out << "| git commit | " << env_value(env, "git_commit") << (env.value("git_dirty", false) ? " (dirty)" : "")
        << " |\n\n";

    const auto comparisons = compare_languages(doc, threshold_);
    std::string workload;
    std::set<std::string> servers_written;
    for (const auto& cell : cells_of(doc)) {
      const auto& first = *cell.front();
      if (first.kind == "build") continue;  // its own section below (report_build.hpp)
      if (first.workload != workload) {
        workload = first.workload;
        out << "## " << workload << "\n\n";
        const auto info = doc.plan.value("workloads", nlohmann::json::object()).value(workload, nlohmann::json::object());
        if (!info.value("description", "").empty()) out << info["description"].get<std::string>() << ".\n\n";
      }
      if (first.kind == "server") {  // one section per server workload (report_http.hpp)
        if (servers_written.insert(first.workload).second) write_http_markdown(doc, first.workload, threshold_, out);
        continue;
      }
      out << "### " << first.mode << " / " << first.input;
      if (first.input_bytes > 0) out << " (" << first.input_bytes << " bytes)";
      if (first.params.contains("tasks")) out << " (" << first.params["tasks"].dump() << " tasks)";
      out << "\n\n";
      if (first.kind == "spawn") {
        write_spawn_table(doc, cell, out);
        write_holding_markdown(doc, cell, out);
      } else {
        write_batch_table(cell, out);
      }
      auto here = comparisons_of_cell(comparisons, first);
      if (!here.empty()) {
        out << "\n| Rust / Go (" << (first.kind == "spawn" ? "speed: Go time / Rust time" : "ops/s")
            << ") | pair | ratio [95% CI] | Mann-Whitney U | verdict |\n|---|---|---|---|---|\n";
        for (const auto* c : here)
          out << "| " << c->basis << " | " << c->rust->variant << " vs " << c->go->variant << " | "
              << ratio_text(c->cmp.ratio.ratio, c->cmp.ratio.ci) << " | " << p_value_text(c->cmp.test.p_value)
              << " | " << c->verdict << " |\n";
      }
      out << "\n";
    }

    write_build_cost_markdown(doc, out);
    auto problems = problem_rows(doc);
    if (!problems.empty()) {
      out << "## Invalid and failed measurements\n\nThese never enter a comparison.\n\n| measurement | outcome |\n|---|---|\n";
      for (const auto& [id, reason] : problems) out << "| " << cell_text(id) << " | " << cell_text(reason) << " |\n";
      out << "\n";
    }
    out << "## How to read this\n\n"
        << "Each sample times a batch of operations inside the variant with a monotonic clock; the harness "
           "computes every statistic from the raw samples in `results.json`. Medians carry a distribution-free "
           "95% interval (order statistics). Ratios are medians of Rust over Go throughput with a percentile "
           "bootstrap interval; a verdict names a winner only when the Mann-Whitney U test gives p < 0.05, the "
           "interval excludes 1, and the difference exceeds "
        << fixed(threshold_ * 100, 0)
        << "%. \"baseline\" compares each language's idiomatic default; \"fastest\" the best variant of each.\n\n";
    write_claims_section(claims_or_default(claims_, doc), out);
  }

 private:
  double threshold_;
  ClaimsRef claims_;
};

}  // namespace

std::unique_ptr<Reporter> make_markdown_reporter(double threshold, ClaimsRef claims) {
  return std::make_unique<MarkdownReporter>(threshold, std::move(claims));
}

}  // namespace xlb
