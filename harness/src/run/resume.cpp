#include "run/resume.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "model/malloc_policy.hpp"
#include "os/process.hpp"

namespace xlb {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& source, const std::string& field, const std::string& what) {
  throw InputError(source + ": plan." + field + ": " + what);
}

std::vector<std::string> strings_at(const json& j, const std::string& key, const std::string& source) {
  if (!j.contains(key)) return {};
  const auto& v = j[key];
  if (!v.is_array() || !std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); }))
    fail(source, "selection." + key, "must be an array of strings");
  return v.get<std::vector<std::string>>();
}

void read_int(const json& j, const char* key, int& out, const std::string& source) {
  if (!j.contains(key)) return;
  if (!j[key].is_number_integer()) fail(source, key, "must be an integer");
  out = j[key].get<int>();
}

void read_cpus(const json& j, const char* key, std::vector<int>& out, const std::string& source) {
  if (!j.contains(key)) return;
  const auto& v = j[key];
  if (!v.is_array() || !std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_number_integer(); }))
    fail(source, key, "must be an array of CPU numbers");
  out = v.get<std::vector<int>>();
}


}  // namespace

json selection_json(const Selection& s) {
  return {{"workloads", s.workloads}, {"languages", s.languages}, {"variants", s.variants},
          {"inputs", s.inputs},       {"modes", s.modes}};
}

Selection selection_from_json(const json& j, const std::string& source) {
  if (!j.is_object()) fail(source, "selection", "must be an object");
  Selection s;
  s.workloads = strings_at(j, "workloads", source);
  s.languages = strings_at(j, "languages", source);
  s.variants = strings_at(j, "variants", source);
  s.inputs = strings_at(j, "inputs", source);
  s.modes = strings_at(j, "modes", source);
  return s;
}

Plan plan_from_json(const json& j, const std::string& source) {
  if (!j.is_object()) throw InputError(source + ": plan must be an object");
  if (!j.contains("name") || !j["name"].is_string()) fail(source, "name", "missing");
  const auto name = j["name"].get<std::string>();
  if (name != "quick" && name != "full") fail(source, "name", "unknown plan '" + name + "'");
  Plan p = name == "quick" ? quick_plan() : full_plan();
  read_int(j, "warmup_ms", p.warmup_ms, source);
  read_int(j, "samples_per_run", p.samples_per_run, source);
  read_int(j, "min_sample_ms", p.min_sample_ms, source);
  read_int(j, "rounds", p.rounds, source);
  read_int(j, "build_rounds", p.build_rounds, source);
  read_int(j, "build_jobs", p.build_jobs, source);
  read_int(j, "spawn_runs", p.spawn_runs, source);
  read_int(j, "timeout_s", p.timeout_s, source);
  read_int(j, "threads", p.threads, source);
  read_int(j, "memory_limit_mb", p.memory_limit_mb, source);
  read_int(j, "server_threads", p.server_threads, source);  // runs before --server-threads: 0
  read_int(j, "client_threads", p.client_threads, source);  // runs before --client-threads: 0
  for (auto [field, target] : {std::pair{"server_host", &p.server_host}, std::pair{"server_bind", &p.server_bind},
                               std::pair{"database_host", &p.database_host},
                               std::pair{"database_bind", &p.database_bind},
                               std::pair{"client_host", &p.client_host}}) {
    if (!j.contains(field)) continue;  // runs before --server-host (--database-host) ran here
    if (!j[field].is_string()) fail(source, field, "must be a string");
    *target = j[field].get<std::string>();
  }
  read_cpus(j, "variant_cpus", p.variant_cpus, source);
  read_cpus(j, "harness_cpus", p.harness_cpus, source);
  if (j.contains("threshold")) {
    if (!j["threshold"].is_number()) fail(source, "threshold", "must be a number");
    p.threshold = j["threshold"].get<double>();
  }
  // Runs recorded before the field existed ran Rust variants with glibc's defaults: resume them so.
  if (j.contains("rust_malloc") && !j["rust_malloc"].is_string()) fail(source, "rust_malloc", "must be a string");
  p.rust_malloc = recorded_rust_malloc(j);
  if (!is_malloc_policy(p.rust_malloc))
    fail(source, "rust_malloc", "unknown value '" + p.rust_malloc + "' (steady, default)");
  if (p.samples_per_run < 1 || p.rounds < 1 || p.build_rounds < 0 || p.spawn_runs < 1 || p.timeout_s < 1 || p.threads < 1 ||
      p.warmup_ms < 0 || p.min_sample_ms < 1 || p.memory_limit_mb < 0)
    throw InputError(source + ": plan has a value out of range");
  return p;
}

ResumePoint load_resume_point(const std::filesystem::path& results_dir, const std::string& run_id) {
  const auto path = results_dir / run_id / "results.json";
  if (!std::filesystem::exists(path))
    throw InputError("--resume " + run_id + ": no run with this id (" + path.string() + " not found)");
  ResumePoint point;
  point.doc = load_results(path);
  const auto source = path.string();
  if (point.doc.run_id != run_id) throw InputError(source + ": run_id is '" + point.doc.run_id + "', not " + run_id);
  if (point.doc.status == "complete")
    throw InputError("--resume " + run_id + ": the run is already complete; start a new one instead");
  if (point.doc.status != "running" && point.doc.status != "interrupted" && point.doc.status != "failed")
    throw InputError(source + ": status '" + point.doc.status + "' cannot be resumed");
  const auto& plan = point.doc.plan;
  if (!plan.contains("selection"))
    throw InputError(source + ": plan.selection missing (the run was written by an xlbench without --resume)");
  point.selection = selection_from_json(plan["selection"], source);
  point.plan = plan_from_json(plan, source);
  if (plan.contains("data_dir")) {
    if (!plan["data_dir"].is_string()) fail(source, "data_dir", "must be a string");
    point.data_dir = plan["data_dir"].get<std::string>();
  }
  if (plan.contains("input_files")) {  // runs before --input-file have none
    const auto& files = plan["input_files"];
    if (!files.is_array()) fail(source, "input_files", "must be an array");
    for (const auto& f : files) {
      if (!f.is_object() || !f.contains("workload") || !f["workload"].is_string() || !f.contains("path") ||
          !f["path"].is_string())
        fail(source, "input_files", "must be an array of {\"workload\", \"path\"} strings");
      point.input_files.emplace_back(f["workload"].get<std::string>(), f["path"].get<std::string>());
    }
  }
  if (plan.contains("workload_dirs")) {  // runs before --workloads have none
    const auto& dirs = plan["workload_dirs"];
    if (!dirs.is_array()) fail(source, "workload_dirs", "must be an array of strings");
    for (const auto& d : dirs) {
      if (!d.is_string()) fail(source, "workload_dirs", "must be an array of strings");
      point.workload_dirs.emplace_back(d.get<std::string>());
    }
  }
  return point;
}

void check_same_inputs(const json& before, const json& now, const std::string& run_id) {
  auto text = [](const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  for (const auto& old_input : before) {
    for (const auto& new_input : now) {
      if (text(old_input, "workload") != text(new_input, "workload") || text(old_input, "name") != text(new_input, "name"))
        continue;
      const auto old_sha = text(old_input, "sha256"), new_sha = text(new_input, "sha256");
      if (!old_sha.empty() && !new_sha.empty() && old_sha != new_sha)
        throw InputError("--resume " + run_id + ": input " + text(new_input, "workload") + "/" +
                         text(new_input, "name") + " changed since the run started (sha256 " + old_sha +
                         " then, " + new_sha + " now); start a new run");
    }
  }
}

}  // namespace xlb
