#pragma once
// A throwaway project root with a fake workload whose variants are test doubles.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "os/process.hpp"

namespace xlb::testing {

inline std::filesystem::path make_temp_dir(const std::string& tag) {
  std::string pattern = (std::filesystem::temp_directory_path() / ("xlbench-" + tag + "-XXXXXX")).string();
  char* made = ::mkdtemp(pattern.data());
  if (!made) throw std::runtime_error("mkdtemp failed");
  return made;
}

inline nlohmann::json fake_variant(const std::string& language, const std::string& behave) {
  return {{"language", language},
          {"name", behave},
          {"target", behave},
          {"library", "fake"},
          {"command", {XLB_FAKE_VARIANT, "--behave", behave}}};
}

// Writes <root>/workloads/fake/workload.json with one generated input and the given variants.
inline std::filesystem::path make_fake_project(const std::string& tag, const nlohmann::json& variants) {
  auto root = make_temp_dir(tag);
  std::filesystem::create_directories(root / "workloads" / "fake");
  nlohmann::json manifest = {
      {"schema_version", 1},
      {"name", "fake"},
      {"kind", "batch"},
      {"description", "test doubles"},
      {"modes", {"dom"}},
      {"inputs", {{{"name", "small"}, {"schema", "order"},
                   {"generate", {{"generator", "json_orders"}, {"shape", "order"}, {"seed", 1}, {"orders", 1}}}}}},
      {"checksum", {{"dom", {{"rule", "json_stats"}}}}},
      {"variants", variants}};
  std::ofstream(root / "workloads" / "fake" / "workload.json") << manifest.dump(2);
  return root;
}

// The machine-wide run lock of this test process: tests must neither wait for nor
// refuse a developer's real run (nor each other's test processes).
inline std::string test_lock_file() {
  return (std::filesystem::temp_directory_path() / ("xlbench-test-" + std::to_string(::getpid()) + ".lock")).string();
}

// Removes this process's lock file when the tests end (flock files outlive their locks).
class LockFileCleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove(test_lock_file(), ec);
  }
};
inline ::testing::Environment* const kLockFileCleanup = ::testing::AddGlobalTestEnvironment(new LockFileCleanup);

struct CliRun {
  int exit_code;
  std::string out;
  std::string err_tail;
};

inline CliRun run_xlbench(const std::vector<std::string>& args, int timeout_s = 300,
                          const std::map<std::string, std::string>& env = {}) {
  std::vector<std::string> argv = {XLB_CLI};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildLimits limits;
  limits.timeout = std::chrono::seconds(timeout_s);
  limits.env = env;
  limits.stderr_tail_bytes = 16384;
  limits.env["XLBENCH_LOCK_FILE"] = test_lock_file();
  std::string out;
  auto r = run_child(argv, limits, [&](const std::string& line) -> std::optional<std::string> {
    out += line + "\n";
    return std::nullopt;
  });
  return {r.term_signal ? 128 + r.term_signal : r.exit_code, out, r.stderr_tail};
}

// Processes whose command line mentions `needle` (orphan check).
inline int count_processes_with(const std::string& needle) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream cmdline(entry.path() / "cmdline");
    std::string text((std::istreambuf_iterator<char>(cmdline)), {});
    if (text.find(needle) != std::string::npos && entry.path().filename() != std::to_string(::getpid())) ++count;
  }
  return count;
}

// Running, not a zombie waiting for a parent that does not reap (a container's pid 1).
inline bool process_running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

}  // namespace xlb::testing
