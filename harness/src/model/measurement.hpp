#pragma once
// One measurement: a variant on one cell (workload/mode/input), with its raw
// samples and process runs. The results document holds a list of them.
#include <cstdint>
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace xlb {

struct Sample {
  std::int64_t ops = 0;
  std::int64_t ns = 0;
};

// One variant process run (a measurement may span several, interleaved with other variants).
struct ProcessRun {
  std::vector<std::string> command;
  std::vector<int> cpus_granted;
  double wall_s = 0, user_s = 0, sys_s = 0;
  long peak_rss_kb = 0;          // the figure reports use (ChildResult::peak_rss_kb)
  long max_rss_kb = 0;           // raw wait4 ru_maxrss
  long sampled_peak_rss_kb = 0;  // raw VmHWM high-water seen while sampling
  long fork_rss_kb = 0;
  long minor_faults = 0;  // wait4 ru_minflt; 0 in documents written before the field existed
  std::map<std::string, std::string> env;  // environment the harness set for this run (GLIBC_TUNABLES)
  std::string outcome;  // "ok" or a description of the failure
  // How many of the measurement's samples this run appended (0 when it failed). Unset in documents
  // written before the field existed and by runners that do not record it (sample_groups infers it).
  std::optional<int> sample_count;
};

struct Measurement {
  std::string workload, kind, mode, input, language, variant, label, library;
  std::string status = "ok";  // ok | invalid (checksum differs) | failed
  std::string reason;         // for invalid / failed
  std::int64_t input_bytes = 0;
  nlohmann::json params = nlohmann::json::object();  // the input's parameters as sent to the variant
  nlohmann::json hello = nlohmann::json::object();
  nlohmann::json checksum = nlohmann::json::object();
  nlohmann::json reference_checksum = nlohmann::json::object();
  nlohmann::json warmup = nlohmann::json::array();  // one {ops, ns, batch} per process run
  nlohmann::json facts = nlohmann::json::object();  // from the last process run
  std::vector<Sample> samples;
  std::vector<ProcessRun> runs;
  std::string stderr_tail;
  // Process runs (rounds of the plan, spawn warm-up included) finished for good; `run --resume`
  // continues after them. A run cut short by the user's interrupt is not counted.
  int rounds_done = 0;
  // Server workloads only (null otherwise, and then not written): the load
  // phase or server lifecycle this row stands for, with the load generator's
  // figures and the server's resource use per round (docs/results-schema.md).
  nlohmann::json load;

  std::string variant_id() const { return language + "/" + variant; }
  std::string cell() const { return workload + "/" + mode + "/" + input; }
};

// The samples of `m` grouped by the process run that measured them: group sizes, in order, summing
// to m.samples.size(), runs without samples left out. From runs[].sample_count when every run has it
// and the counts add up; otherwise an equal split when samples.size() is a multiple of runs.size();
// otherwise (no runs, e.g. a server phase row, or counts that do not fit) one group.
std::vector<std::size_t> sample_groups(const Measurement& m);

}  // namespace xlb
