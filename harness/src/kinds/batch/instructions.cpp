#include "kinds/batch/instructions.hpp"

#include <fstream>

#include "os/process.hpp"

namespace xlb {
namespace fs = std::filesystem;

bool callgrind_available() {
  return capture_output({"valgrind", "--version"}).starts_with("valgrind");
}

std::int64_t callgrind_total(const fs::path& out_file) {
  std::ifstream in(out_file);
  std::string line;
  std::int64_t summary = -1;
  while (std::getline(in, line)) {
    for (const char* key : {"totals:", "summary:"}) {
      if (!line.starts_with(key)) continue;
      try {
        summary = std::stoll(line.substr(std::string(key).size()));
      } catch (const std::exception&) {
        return -1;
      }
      if (std::string(key) == "totals:") return summary;
    }
  }
  return summary;
}

InstructionCount count_instructions(const BatchJob& job, const Plan& plan, const fs::path& work_dir) {
  InstructionCount count;
  // One operation per sample under callgrind (50-100x slower), no timed warm-up.
  static constexpr int kSamples[2] = {1, 3};
  fs::create_directories(work_dir);
  for (int i = 0; i < 2; ++i) {
    Plan p = plan;
    p.warmup_ms = 0;
    p.min_sample_ms = 1;
    p.samples_per_run = kSamples[i];
    p.timeout_s = std::max(plan.timeout_s, 1800);
    const auto stem = job.workload->name + "-" + job.mode + "-" + job.input->name + "-" + job.variant->language +
                      "-" + job.variant->name + "-" + std::to_string(kSamples[i]);
    const auto out_file = work_dir / (stem + ".callgrind");
    BatchJob counted = job;
    // Go's asynchronous preemption signals crash callgrind; `env` keeps this argv-only.
    counted.command = {"env", "GODEBUG=asyncpreemptoff=1", "valgrind", "--tool=callgrind",
                       "--callgrind-out-file=" + out_file.string()};
    counted.command.insert(counted.command.end(), job.command.begin(), job.command.end());
    Measurement scratch = new_measurement(counted);
    run_batch_once(counted, p, work_dir / (stem + ".request.json"), scratch);
    if (scratch.status != "ok") {
      count.problem = "callgrind run failed: " + scratch.reason;
      return count;
    }
    std::int64_t ops = 0;
    for (const auto& w : scratch.warmup) ops += w.value("ops", std::int64_t{0});
    for (const auto& s : scratch.samples) ops += s.ops;
    count.ops[i] = ops;
    count.total[i] = callgrind_total(out_file);
    std::error_code ec;
    fs::remove(out_file, ec);
    if (count.total[i] < 0) {
      count.problem = "no totals line in " + out_file.string();
      return count;
    }
  }
  if (count.ops[1] <= count.ops[0] || count.total[1] <= count.total[0]) {
    count.problem = "the longer callgrind run did not count more instructions";
    return count;
  }
  count.per_op = static_cast<double>(count.total[1] - count.total[0]) / static_cast<double>(count.ops[1] - count.ops[0]);
  count.ok = true;
  return count;
}

void record_instruction_count(const BatchJob& job, const Plan& plan, const fs::path& work_dir, Measurement& m) {
  if (m.status != "ok") return;
  m.facts["instructions_method"] = "callgrind (difference of two runs)";
  const auto count = count_instructions(job, plan, work_dir);
  if (count.ok) {
    m.facts["instructions_per_op"] = count.per_op;
  } else {
    m.facts["instructions_problem"] = count.problem;
  }
}

}  // namespace xlb
