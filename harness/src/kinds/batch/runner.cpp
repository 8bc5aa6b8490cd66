#include "kinds/batch/runner.hpp"

#include <fstream>

#include "core/atomic_file.hpp"
#include "core/errors.hpp"
#include "model/malloc_policy.hpp"
#include "os/process.hpp"
#include "protocol/protocol.hpp"
#include "kinds/batch/runner_support.hpp"

namespace xlb {

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
  m.params = job.params;
  // Null until the reference variant has answered (rule reference_variant): recorded as {} until then.
  if (!job.reference.is_null()) m.reference_checksum = job.reference;
  return m;
}

using nlohmann::json;

void run_batch_once(const BatchJob& job, const Plan& plan, const std::filesystem::path& request_path,
                    Measurement& m) {
  const auto argv = write_request(job, plan, request_path);

  ChildLimits limits = variant_limits(plan);
  const auto malloc_overrides = malloc_env(plan.rust_malloc, job.variant->language, job.workload->kind);
  limits.env.insert(malloc_overrides.begin(), malloc_overrides.end());

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
    // A null reference: this is the reference variant's first answer (rule reference_variant).
    if (!checked && !session.checksum().is_null()) {
      checked = true;
      if (!job.reference.is_null() && session.checksum() != job.reference) {
        checksum_problem = checksum_diff(session.checksum(), job.reference);
        return "checksum differs from the reference: " + checksum_problem;
      }
    }
    return std::nullopt;
  });

  ProcessRun run = process_run_of(argv, result, session.facts());
  run.env = malloc_overrides;

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
  // compare treats the process run as its unit of replication: it needs to know which samples are whose.
  run.sample_count = clean && checksum_problem.empty() ? static_cast<int>(session.samples().size()) : 0;
  m.runs.push_back(run);
}

}  // namespace xlb
