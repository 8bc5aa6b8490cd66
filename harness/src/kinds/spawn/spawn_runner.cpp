#include "kinds/spawn/spawn_runner.hpp"

#include "core/errors.hpp"
#include "protocol/protocol.hpp"
#include "kinds/batch/runner_support.hpp"

namespace xlb {

void run_spawn_once(const BatchJob& job, const Plan& plan, const std::filesystem::path& request_path,
                    bool warmup, Measurement& m) {
  const auto argv = write_request(job, plan, request_path);
  SpawnSession session;
  std::string checksum_problem;
  auto result = run_child(argv, variant_limits(plan), [&](const std::string& line) -> std::optional<std::string> {
    try {
      session.accept(line);
    } catch (const ProtocolError& e) {
      return std::string("protocol: ") + e.what();
    }
    if (session.complete() && !job.reference.is_null() && session.result().checksum != job.reference) {
      checksum_problem = checksum_diff(session.result().checksum, job.reference);
      return "checksum differs from the reference: " + checksum_problem;
    }
    return std::nullopt;
  });

  const nlohmann::json facts = session.complete() ? session.result().facts : nlohmann::json::object();
  ProcessRun run = process_run_of(argv, result, facts);
  if (!session.hello().is_null()) m.hello = session.hello();
  if (session.complete()) m.checksum = session.result().checksum;
  m.stderr_tail = result.stderr_tail;

  const bool clean = result.ok() && session.complete();
  if (!checksum_problem.empty()) {
    m.status = "invalid";
    m.reason = "checksum differs from the reference: " + checksum_problem;
  } else if (!clean) {
    m.status = "failed";
    m.reason = (result.ok() ? std::string("exited before finishing the protocol") : result.describe()) + " (" +
               session.progress() + ")" + (warmup ? " in the warm-up run" : "");
  }
  run.outcome = m.status == "ok" ? "ok" : m.reason;
  if (warmup) {
    m.warmup.push_back({{"ns", clean ? session.result().ns : 0}, {"wall_s", run.wall_s}, {"outcome", run.outcome}});
    return;
  }
  run.sample_count = 0;
  if (clean && checksum_problem.empty()) {
    // ops = 1: one fan-out per process; the time is the variant's own measurement of its work.
    m.samples.push_back({1, std::max<std::int64_t>(1, session.result().ns)});
    m.facts = facts;
    run.sample_count = 1;
  }
  m.runs.push_back(run);
}

}  // namespace xlb
