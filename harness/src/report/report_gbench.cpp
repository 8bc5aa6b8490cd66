// Google Benchmark JSON export (-f gbench): one "iteration" entry per sample so
// google/benchmark's tools/compare.py can compare two runs, including its
// Mann-Whitney U test over the per-repetition entries.
#include <sstream>

#include "model/metrics.hpp"
#include "report/report_common.hpp"

namespace xlb {
namespace {

// /proc/loadavg text "0.52 0.40 0.31 1/123 4567" -> [0.52, 0.40, 0.31].
nlohmann::json load_avg(const nlohmann::json& env) {
  nlohmann::json out = nlohmann::json::array();
  if (!env.contains("loadavg") || !env["loadavg"].is_string()) return out;
  std::istringstream in(env["loadavg"].get<std::string>());
  for (int i = 0; i < 3; ++i) {
    double v;
    if (!(in >> v)) break;
    out.push_back(v);
  }
  return out;
}

class GbenchReporter : public Reporter {
 public:
  void write(const ResultsDoc& doc, std::ostream& out) const override {
    const auto& env = doc.environment;
    nlohmann::json context = {
        {"date", doc.started_at},
        {"executable", "xlbench"},
        {"host_name", env.value("host_name", std::string("unknown"))},
        {"num_cpus", env.value("logical_cpus", 0)},
        {"cpu_scaling_enabled", env.value("governor", std::string()) != "performance"},
        {"caches", nlohmann::json::array()},
        {"load_avg", load_avg(env)},
        {"library_build_type", "release"},
        {"json_schema_version", 1},
        {"xlbench_run_id", doc.run_id},
        {"xlbench_status", doc.status},
        {"xlbench_plan", doc.plan.value("name", std::string("?"))},
        {"xlbench_cpu_model", env.value("cpu_model", std::string("unknown"))},
    };
    if (env.contains("mhz_per_cpu")) context["mhz_per_cpu"] = env["mhz_per_cpu"];
    if (env.contains("git_commit")) context["xlbench_git_commit"] = env["git_commit"];

    nlohmann::json benchmarks = nlohmann::json::array();
    int family = 0;
    for (const auto& m : doc.measurements) {
      if (m.status != "ok" || m.samples.empty()) continue;  // no trustworthy timings
      const std::string name = m.cell() + "/" + m.variant_id();
      const auto reps = static_cast<std::int64_t>(m.samples.size());
      for (std::int64_t i = 0; i < reps; ++i) {
        const auto& s = m.samples[static_cast<size_t>(i)];
        if (s.ops <= 0 || s.ns <= 0) continue;
        const double ns_per_op = static_cast<double>(s.ns) / static_cast<double>(s.ops);
        nlohmann::json b = {
            {"name", name},
            {"family_index", family},
            {"per_family_instance_index", 0},
            {"run_name", name},
            {"run_type", "iteration"},
            {"repetitions", reps},
            {"repetition_index", i},
            {"threads", 1},
            {"iterations", s.ops},
            {"real_time", ns_per_op},
            // Variants report wall-clock batches only; cpu_time repeats real_time (documented in docs/reports.md).
            {"cpu_time", ns_per_op},
            {"time_unit", "ns"},
            {"items_per_second", 1e9 / ns_per_op},
            {"label", m.label},
        };
        if (m.input_bytes > 0) b["bytes_per_second"] = static_cast<double>(m.input_bytes) * 1e9 / ns_per_op;
        benchmarks.push_back(std::move(b));
      }
      ++family;
    }
    out << nlohmann::json{{"context", context}, {"benchmarks", benchmarks}}.dump(2) << "\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_gbench_reporter() { return std::make_unique<GbenchReporter>(); }

}  // namespace xlb
