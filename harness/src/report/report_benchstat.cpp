// benchstat export (-f benchstat): the Go benchmark text format, one line per
// sample, so `benchstat old.txt new.txt` compares two runs.
#include <cctype>
#include <cstdio>

#include "report/report_common.hpp"

namespace xlb {
namespace {

// Go benchmark names: no whitespace; a trailing "-<digits>" would be read as GOMAXPROCS.
std::string name_part(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out += (std::isspace(c) || c < 0x20) ? '_' : static_cast<char>(c);
  if (out.empty()) out = "_";
  size_t dash = out.rfind('-');
  if (dash != std::string::npos && dash + 1 < out.size() &&
      out.find_first_not_of("0123456789", dash + 1) == std::string::npos)
    out[dash] = '_';
  return out;
}

std::string config_value(const nlohmann::json& env, const char* key, const char* fallback) {
  if (!env.contains(key)) return fallback;
  std::string v = env[key].is_string() ? env[key].get<std::string>() : env[key].dump();
  for (auto& c : v)
    if (c == '\n' || c == '\r') c = ' ';
  return v.empty() ? fallback : v;
}

std::string goarch(const std::string& machine) {
  if (machine == "x86_64") return "amd64";
  if (machine == "aarch64") return "arm64";
  if (machine == "i686" || machine == "i386") return "386";
  return machine;
}

class BenchstatReporter : public Reporter {
 public:
  void write(const ResultsDoc& doc, std::ostream& out) const override {
    const auto& env = doc.environment;
    std::string kernel = config_value(env, "kernel", "linux");
    std::string goos = kernel.substr(0, kernel.find(' '));
    for (auto& c : goos) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out << "goos: " << goos << "\n";
    out << "goarch: " << goarch(config_value(env, "arch", "unknown")) << "\n";
    out << "pkg: xlbench\n";
    out << "cpu: " << config_value(env, "cpu_model", "unknown") << "\n";
    for (const auto& m : doc.measurements) {
      if (m.status != "ok" || m.samples.empty()) continue;
      std::string workload = name_part(m.workload);
      workload[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(workload[0])));
      const std::string name = "Benchmark" + workload + "/" + name_part(m.mode) + "/" + name_part(m.input) + "/" +
                               name_part(m.language) + "/" + name_part(m.variant);
      for (const auto& s : m.samples) {
        if (s.ops <= 0 || s.ns <= 0) continue;
        const double ns_per_op = static_cast<double>(s.ns) / static_cast<double>(s.ops);
        char line[160];
        std::snprintf(line, sizeof line, "\t%lld\t%.6g ns/op", static_cast<long long>(s.ops), ns_per_op);
        out << name << " " << line;
        if (m.input_bytes > 0) {
          std::snprintf(line, sizeof line, "\t%.6g MB/s", static_cast<double>(m.input_bytes) * 1e3 / ns_per_op);
          out << line;
        }
        out << "\n";
      }
    }
  }
};

}  // namespace

std::unique_ptr<Reporter> make_benchstat_reporter() { return std::make_unique<BenchstatReporter>(); }

}  // namespace xlb
