#pragma once
// Instruction counts per operation for batch variants, the low-noise measure:
// counted by valgrind's callgrind (this machine's kernel may not expose
// hardware counters to perf), which gives the same total for the same binary
// and input whatever else the machine is doing.
#include <cstdint>
#include <filesystem>
#include <string>

#include "model/plan.hpp"
#include "kinds/batch/runner.hpp"

namespace xlb {

struct InstructionCount {
  bool ok = false;
  std::string problem;        // why there is no count
  double per_op = 0;          // instructions per operation
  std::int64_t total[2]{};    // callgrind totals of the two runs
  std::int64_t ops[2]{};      // operations each run performed (warm-up + samples)
};

// True when `valgrind --tool=callgrind` can be started.
bool callgrind_available();

// Two runs under callgrind that differ only in their sample count; the
// difference of their totals over the difference of their operations cancels
// process start-up, input loading and the checksum operation.
InstructionCount count_instructions(const BatchJob& job, const Plan& plan, const std::filesystem::path& work_dir);

// Counts `m`'s variant when m is ok and stores instructions_per_op (or the
// reason there is none) in m.facts, with the method used.
void record_instruction_count(const BatchJob& job, const Plan& plan, const std::filesystem::path& work_dir,
                              Measurement& m);

// Reads the "totals:" (or "summary:") line of a callgrind output file; -1 if absent.
std::int64_t callgrind_total(const std::filesystem::path& out_file);

}  // namespace xlb
