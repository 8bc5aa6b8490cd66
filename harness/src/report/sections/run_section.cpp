// The run: what ran, where, when, with which plan; the invalid and failed
// measurements (they never enter a chart or a comparison); how to read it all.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "core/format.hpp"
#include "model/malloc_policy.hpp"
#include "report/sections/cell_text.hpp"
#include "report/sections/kind_sections.hpp"

namespace xlb::report {
namespace {

std::string env_text(const json& env, const char* key) {
  if (!env.contains(key)) return "unknown";
  return env[key].is_string() ? env[key].get<std::string>() : env[key].dump();
}

// Seconds between two "YYYY-MM-DDTHH:MM:SS..." UTC stamps, or -1.
double seconds_between(const std::string& from, const std::string& to) {
  auto parse = [](const std::string& s, std::time_t& out) {
    std::tm tm{};
    if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec) != 6)
      return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    out = timegm(&tm);
    return true;
  };
  std::time_t a = 0, b = 0;
  if (!parse(from, a) || !parse(to, b)) return -1;
  return std::difftime(b, a);
}

std::string duration_text(double s) {
  if (s < 0) return "-";
  const long t = std::lround(s);
  char buf[48];
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%ldh %02ldm %02lds", t / 3600, t / 60 % 60, t % 60);
  else if (t >= 60) std::snprintf(buf, sizeof buf, "%ldm %02lds", t / 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%lds", t);
  return buf;
}

// Workloads in document order, with the kind of their first row.
std::string what_ran(const ResultsDoc& doc) {
  std::vector<std::string> seen;
  std::string text;
  for (const auto& m : doc.measurements) {
    if (std::find(seen.begin(), seen.end(), m.workload) != seen.end()) continue;
    seen.push_back(m.workload);
    text += (text.empty() ? "" : ", ") + m.workload + " (" + m.kind + ")";
  }
  return std::to_string(doc.measurements.size()) + " measurements: " + (text.empty() ? "-" : text);
}

}  // namespace

Section run_section(const ReportContext& ctx) {
  const auto& doc = ctx.doc;
  const auto& env = doc.environment;
  const auto& plan = doc.plan;
  Section s{"summary", "Run", "run", {}, {}};
  Table t("", {"run", ""});
  t.add({"status", doc.status});
  t.add({"plan", plan.value("name", std::string("?")) + ": " + std::to_string(plan.value("rounds", 0)) +
                     " interleaved process runs x " + std::to_string(plan.value("samples_per_run", 0)) +
                     " samples of >= " + std::to_string(plan.value("min_sample_ms", 0)) + " ms, after >= " +
                     std::to_string(plan.value("warmup_ms", 0)) + " ms warm-up"});
  t.add({"what ran", what_ran(doc)});
  t.add({"started / finished", doc.started_at + " / " + (doc.finished_at.empty() ? "-" : doc.finished_at)});
  t.add({"duration", duration_text(seconds_between(doc.started_at, doc.finished_at))});
  t.add({"CPU", env_text(env, "cpu_model") + " (" + env_text(env, "logical_cpus") + " logical)"});
  t.add({"kernel, governor, ASLR",
         env_text(env, "kernel") + ", " + env_text(env, "governor") + ", " + env_text(env, "aslr")});
  t.add({"load average at start", env_text(env, "loadavg")});
  if (env.contains("toolchains") && env["toolchains"].is_object())
    for (const auto& [k, v] : env["toolchains"].items()) t.add({k, v.is_string() ? v.get<std::string>() : v.dump()});
  t.add({"variant CPUs / harness CPUs", plan.value("variant_cpus", json::array()).dump() + " / " +
                                            plan.value("harness_cpus", json::array()).dump()});
  t.add({"Rust allocator (batch workloads)", rust_malloc_text(plan)});
  t.add({"git commit", env_text(env, "git_commit") + (env.value("git_dirty", false) ? " (dirty)" : "")});
  t.detail = true;  // the console's first line names the run, its status and CPU
  s.table(std::move(t));

  const auto problems = problem_rows(doc);
  if (problems.empty()) {
    s.paragraph("Every measured variant produced the reference checksum and finished.", Tone::muted);
  } else {
    Table p("Invalid and failed measurements (" + std::to_string(problems.size()) +
                "): these never enter a chart or a comparison",
            {"measurement", "outcome"});
    for (const auto& [id, reason] : problems) p.add({id, reason}, "bad");
    s.table(std::move(p));
  }
  return s;
}

Section how_to_read_section(const ReportContext& ctx) {
  Section s{"how-to-read", "How to read this", "how-to-read", {}, {}};
  s.paragraph(
      "Each sample times a batch of operations inside the variant with a monotonic clock (spawn workloads: one process "
      "run per sample; servers: completed requests per 100 ms interval of the load generator); every statistic is "
      "computed from the raw samples in results.json. Medians carry a distribution-free 95% interval (order "
      "statistics; in report.html * marks intervals whose coverage is below 95% because there are too few samples). "
      "Ratios are medians of Rust over Go throughput with a percentile bootstrap 95% interval; a verdict names a "
      "winner only when the Mann-Whitney U test gives p < 0.05, the interval excludes 1, and the difference exceeds " +
          fixed(ctx.threshold * 100, 0) +
          "%. \"baseline\" compares each language's idiomatic default; \"fastest\" the best variant of each. A "
          "measurement that is invalid or failed is never drawn or compared. docs/reports.md says what each table and chart shows.",
      Tone::muted);
  return s;
}

}  // namespace xlb::report
