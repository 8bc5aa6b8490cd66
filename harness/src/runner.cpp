#include "runner.hpp"

#include <fstream>

#include "atomic_file.hpp"
#include "errors.hpp"
#include "process.hpp"
#include "protocol.hpp"

namespace xlb {
namespace {

using nlohmann::json;

json make_request(const BatchJob& job, const Plan& plan) {
  return {{"protocol", 1},
          {"workload", job.workload->name},
          {"mode", job.mode},
          {"input",
           {{"name", job.input->name},
            {"path", std::filesystem::absolute(job.input->path).string()},
            {"schema", job.input->schema},
            {"bytes", job.input->bytes}}},
          {"params", job.params},
          {"warmup_ms", plan.warmup_ms},
          {"samples", plan.samples_per_run},
          {"min_sample_ms", plan.min_sample_ms},
          {"threads", plan.threads}};
}

// Keys whose values differ, for a readable "invalid" reason.
std::string checksum_diff(const json& got, const json& want) {
  std::string diff;
  for (const auto& [key, value] : want.items()) {
    if (!got.contains(key)) {
      diff += key + " missing; ";
    } else if (got[key] != value) {
      diff += key + " " + got[key].dump() + " != " + value.dump() + "; ";
    }
  }
  for (const auto& [key, value] : got.items())
    if (!want.contains(key)) diff += "unexpected " + key + "; ";
  if (diff.size() > 2) diff.resize(diff.size() - 2);
  return diff;
}

}  // namespace

Measurement new_measurement(const BatchJob& job) {
  Measurement m;
  m.workload = job.workload->name;
  m.kind = job.workload->kind;
  m.mode = job.mode;
  m.input = job.input->name;
  m.language = job.variant->language;
  m.variant = job.variant->name;
  m.label = job.variant->label;
  m.library = job.variant->library;
  m.input_bytes = static_cast<std::int64_t>(job.input->bytes);
  m.reference_checksum = job.reference;
  return m;
}

void run_batch_once(const BatchJob& job, const Plan& plan, const std::filesystem::path& request_path,
                    Measurement& m) {
  write_file_atomically(request_path, make_request(job, plan).dump(2) + "\n");

  std::vector<std::string> argv = job.command;
  argv.push_back("--request");
  argv.push_back(request_path.string());

  ChildLimits limits;
  limits.timeout = std::chrono::seconds(plan.timeout_s);
  limits.cpus = plan.variant_cpus;
  limits.env["GOMAXPROCS"] = std::to_string(plan.threads);

  BatchSession session(plan.samples_per_run);
  std::string checksum_problem;
  bool checked = false;
  auto result = run_child(argv, limits, [&](const std::string& line) -> std::optional<std::string> {
    try {
      session.accept(line);
    } catch (const ProtocolError& e) {
      return std::string(session.variant_error().empty() ? "protocol: " : "") + e.what();
    }
    // Verify the answer before any sample is trusted: stop a wrong variant at once.
    if (!checked && !session.checksum().is_null()) {
      checked = true;
      if (session.checksum() != job.reference) {
        checksum_problem = checksum_diff(session.checksum(), job.reference);
        return "checksum differs from the reference: " + checksum_problem;
      }
    }
    return std::nullopt;
  });

  ProcessRun run;
  run.command = argv;
  run.cpus_granted = result.cpus_granted;
  run.wall_s = result.wall_s;
  run.user_s = result.user_s;
  run.sys_s = result.sys_s;
  run.max_rss_kb = result.max_rss_kb;
  run.sampled_peak_rss_kb = result.sampled_peak_rss_kb;
  run.fork_rss_kb = result.fork_rss_kb;
  run.peak_rss_kb = result.peak_rss_kb();

  if (!session.hello().is_null()) m.hello = session.hello();
  if (!session.checksum().is_null()) m.checksum = session.checksum();
  m.stderr_tail = result.stderr_tail;

  const bool clean = result.ok() && session.complete();
  if (!checksum_problem.empty()) {
    m.status = "invalid";
    m.reason = "checksum differs from the reference: " + checksum_problem;
  } else if (!clean) {
    std::string why = result.ok() ? "exited before finishing the protocol (" + session.progress() + ")"
                                  : result.describe() + " (" + session.progress() + ")";
    m.status = "failed";
    m.reason = why;
  } else {
    m.warmup.push_back({{"ops", session.warmup().ops}, {"ns", session.warmup().ns},
                        {"batch", session.warmup().batch}});
    for (const auto& s : session.samples()) m.samples.push_back({s.ops, s.ns});
    m.facts = session.facts();
  }
  run.outcome = clean && checksum_problem.empty() ? "ok" : m.reason;
  m.runs.push_back(run);
}

}  // namespace xlb
