// The report subcommand with the export formats, and a real consumer of one:
// two benchstat exports fed to Go's benchstat (skipped when it is not
// installed; scripts/check-exports.sh installs it into build/tools).
#include <gtest/gtest.h>

#include <fstream>

#include "model/results.hpp"
#include "test_project.hpp"

namespace {

namespace fs = std::filesystem;
using xlb::testing::run_xlbench;

xlb::ResultsDoc doc_with_speed(double factor) {
  xlb::ResultsDoc doc;
  doc.run_id = "html-it";
  doc.status = "complete";
  doc.started_at = "2026-01-01T12:00:00Z";
  doc.finished_at = "2026-01-01T12:01:00Z";
  doc.plan = {{"name", "quick"}, {"baselines", {{"json", {{"go", "encoding_json"}, {"rust", "serde_json"}}}}}};
  doc.environment = {{"cpu_model", "Test CPU"}, {"logical_cpus", 2}, {"kernel", "Linux 6.1"}, {"arch", "x86_64"}};
  for (const auto& [lang, variant, ns] : {std::tuple{"go", "encoding_json", 40000.0}, {"rust", "serde_json", 20000.0}}) {
    xlb::Measurement m;
    m.workload = "json";
    m.mode = "typed";
    m.input = "twitter";
    m.language = lang;
    m.variant = variant;
    m.label = "idiomatic";
    m.input_bytes = 631515;
    for (int i = 0; i < 10; ++i)
      m.samples.push_back({100, static_cast<std::int64_t>(100 * ns * factor * (1.0 + 0.01 * (i % 4)))});
    doc.measurements.push_back(m);
  }
  return doc;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

fs::path benchstat_tool() {
  if (const char* env = std::getenv("XLB_BENCHSTAT")) return env;
  return fs::path(XLB_SOURCE_DIR) / "build" / "tools" / "benchstat";
}

TEST(ReportFormatsCli, ExportsEveryFormatToAFile) {
  auto dir = xlb::testing::make_temp_dir("reports");
  xlb::save_results(doc_with_speed(1.0), dir / "results.json");
  for (const std::string f : {"html", "gbench", "benchstat"}) {
    auto r = run_xlbench({"report", (dir / "results.json").string(), "-f", f, "-o", (dir / ("out." + f)).string()});
    ASSERT_EQ(r.exit_code, 0) << f << ": " << r.err_tail;
  }
  EXPECT_NE(read(dir / "out.html").find("<!DOCTYPE html>"), std::string::npos);
  auto gbench = nlohmann::json::parse(read(dir / "out.gbench"));
  EXPECT_EQ(gbench["benchmarks"].size(), 20u);
  EXPECT_NE(read(dir / "out.benchstat").find("BenchmarkJson/typed/twitter/go/encoding_json \t100\t"), std::string::npos);
  auto bad = run_xlbench({"report", (dir / "results.json").string(), "-f", "pdf"});
  EXPECT_EQ(bad.exit_code, 2);
  fs::remove_all(dir);
}

TEST(ReportFormatsCli, BenchstatParsesTwoExports) {
  const auto tool = benchstat_tool();
  if (!fs::exists(tool)) GTEST_SKIP() << "benchstat not installed at " << tool << " (scripts/check-exports.sh installs it)";
  auto dir = xlb::testing::make_temp_dir("benchstat");
  xlb::save_results(doc_with_speed(1.0), dir / "old.json");
  xlb::save_results(doc_with_speed(0.8), dir / "new.json");
  for (const std::string n : {"old", "new"}) {
    auto r = run_xlbench({"report", (dir / (n + ".json")).string(), "-f", "benchstat", "-o", (dir / (n + ".txt")).string()});
    ASSERT_EQ(r.exit_code, 0) << r.err_tail;
  }
  std::string out;
  xlb::ChildLimits limits;
  limits.timeout = std::chrono::seconds(60);
  auto r = xlb::run_child({tool.string(), (dir / "old.txt").string(), (dir / "new.txt").string()}, limits,
                          [&](const std::string& line) -> std::optional<std::string> {
                            out += line + "\n";
                            return std::nullopt;
                          });
  ASSERT_EQ(r.exit_code, 0) << r.stderr_tail;
  EXPECT_NE(out.find("Json/typed/twitter/rust/serde_json"), std::string::npos) << out;
  EXPECT_NE(out.find("sec/op"), std::string::npos) << out;
  EXPECT_NE(out.find("B/s"), std::string::npos) << out;
  EXPECT_NE(out.find("-20.00%"), std::string::npos) << out;  // new is 0.8x the time of old, on every sample
  fs::remove_all(dir);
}

}  // namespace
