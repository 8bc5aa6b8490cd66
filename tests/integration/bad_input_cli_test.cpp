// Bad input through the real CLI: every case exits 2 with a message that names
// the culprit (option, name, file or field), and no run starts.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/sha256.hpp"
#include "test_project.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct BadCase {
  std::string name;
  std::vector<std::string> args;  // after "--root <root>"
  std::string message_has;
};

std::ostream& operator<<(std::ostream& os, const BadCase& c) { return os << c.name; }

class BadRunArguments : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadRunArguments, ExitTwoNamingTheCulprit) {
  const auto& c = GetParam();
  auto root = testing::make_fake_project("badarg", json::array({testing::fake_variant("go", "ok")}));
  std::vector<std::string> args = {"--root", root.string()};
  args.insert(args.end(), c.args.begin(), c.args.end());
  auto run = testing::run_xlbench(args);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err_tail;
  EXPECT_NE(run.err_tail.find(c.message_has), std::string::npos) << run.err_tail;
  EXPECT_FALSE(fs::exists(root / "results")) << "a rejected run must not start";
  fs::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(
    Cli, BadRunArguments,
    ::testing::Values(BadCase{"zero_samples", {"run", "--samples", "0"}, "--samples"},
                      BadCase{"negative_rounds", {"run", "--rounds", "-1"}, "--rounds"},
                      BadCase{"zero_timeout", {"run", "--timeout-s", "0"}, "--timeout-s"},
                      BadCase{"negative_warmup", {"run", "--warmup-ms", "-5"}, "--warmup-ms"},
                      BadCase{"negative_memory_limit", {"run", "--memory-limit-mb", "-1"}, "--memory-limit-mb"},
                      BadCase{"threshold_out_of_range", {"run", "--threshold", "11"}, "--threshold"},
                      BadCase{"not_a_number", {"run", "--spawn-runs", "many"}, "--spawn-runs"},
                      BadCase{"bad_cpu", {"run", "--variant-cpus", "x"}, "--variant-cpus: 'x'"},
                      BadCase{"run_id_with_dotdot", {"run", "--run-id", "../up"}, "--run-id: '../up'"},
                      BadCase{"run_id_with_slash", {"run", "--run-id", "a/b"}, "--run-id: 'a/b'"},
                      BadCase{"variant_path", {"run", "--variant", "../escape"}, "unknown variant '../escape'"},
                      BadCase{"workload_special_chars", {"run", "--workload", "a;b"}, "unknown workload 'a;b'"},
                      BadCase{"unknown_mode", {"run", "--mode", "typed "}, "unknown mode 'typed '"},
                      BadCase{"missing_data_dir", {"run", "--data-dir", "/nonexistent/xlb"}, "--data-dir: '/nonexistent/xlb'"},
                      BadCase{"unknown_subcommand", {"frobnicate"}, "frobnicate"},
                      BadCase{"server_host_shell", {"run", "--server-host", "h;id"}, "--server-host: 'h;id'"},
                      BadCase{"server_host_option", {"run", "--server-host", "-oProxyCommand=x"},
                              "--server-host: '-oProxyCommand=x'"},
                      BadCase{"server_host_port", {"run", "--server-host", "h:99999"}, "--server-host: 'h:99999'"},
                      BadCase{"server_bind_alone", {"run", "--server-bind", "0.0.0.0"}, "--server-bind: only with"},
                      BadCase{"server_threads_zero", {"run", "--server-threads", "0"}, "--server-threads"},
                      BadCase{"database_host_shell", {"run", "--database-host", "db$(id)"}, "--database-host: 'db$(id)'"},
                      BadCase{"database_bind_alone", {"run", "--database-bind", "10.0.0.7"}, "--database-bind: only with"},
                      BadCase{"database_bind_port", {"run", "--database-host", "db", "--database-bind", "10.0.0.7:5432"},
                              "--database-bind: '10.0.0.7:5432' is not an address"},
                      BadCase{"database_host_unreachable", {"run", "--database-host", "127.0.0.1:1"},
                              "--database-host: cannot run a command on 127.0.0.1:1"},
                      BadCase{"client_host_shell", {"run", "--client-host", "h`id`", "--server-bind", "10.0.0.7"},
                              "--client-host: 'h`id`'"},
                      BadCase{"client_host_servers_on_loopback", {"run", "--client-host", "loadgen"},
                              "--client-host: the servers here bind 127.0.0.1, which loadgen cannot reach"},
                      BadCase{"client_host_wildcard_bind", {"run", "--client-host", "lg", "--server-bind", "0.0.0.0"},
                              "--client-host: the servers here bind 127.0.0.1"},
                      BadCase{"client_threads_alone", {"run", "--client-threads", "4"}, "--client-threads: only with"},
                      BadCase{"client_host_unreachable",
                              {"run", "--client-host", "127.0.0.1:1", "--server-bind", "127.0.0.1"},
                              "--client-host: cannot run a command on 127.0.0.1:1"},
                      // Nothing listens on port 1: ssh fails in BatchMode, named before the run starts.
                      BadCase{"server_host_unreachable", {"run", "--server-host", "127.0.0.1:1"},
                              "--server-host: cannot run a command on 127.0.0.1:1"}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; });

// The fake workload plus a file input that has to come from --data-dir.
fs::path project_with_file_input(const std::string& tag, const std::string& content_sha256) {
  auto root = testing::make_fake_project(tag, json::array({testing::fake_variant("go", "ok")}));
  const auto path = root / "workloads" / "fake" / "workload.json";
  auto manifest = json::parse(std::ifstream(path));
  manifest["inputs"].push_back(
      {{"name", "corpus"}, {"schema", "order"}, {"file", "json/corpus.json"}, {"sha256", content_sha256}});
  std::ofstream(path) << manifest.dump(2);
  return root;
}

TEST(BadInputFiles, MissingInputAskedForByNameIsAnError) {
  auto root = project_with_file_input("missing-input", std::string(64, 'a'));
  auto run = testing::run_xlbench(
      {"--root", root.string(), "run", "--quick", "--input", "corpus", "--data-dir", root.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find("input fake/corpus is not available: not found: " + (root / "json/corpus.json").string()),
            std::string::npos)
      << run.err_tail;
  fs::remove_all(root);
}

TEST(BadInputFiles, WrongSha256NamesTheFile) {
  auto root = project_with_file_input("sha-input", sha256_hex("{\"expected\":true}"));
  fs::create_directories(root / "json");
  std::ofstream(root / "json" / "corpus.json") << R"({"tampered":true})";
  auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick", "--data-dir", root.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err_tail.find((root / "json" / "corpus.json").string() + ": sha256"), std::string::npos)
      << run.err_tail;
  EXPECT_NE(run.err_tail.find("does not match the manifest"), std::string::npos) << run.err_tail;
  EXPECT_FALSE(fs::exists(root / "results") && !fs::is_empty(root / "results")) << "no run may start";
  fs::remove_all(root);
}

TEST(BadInputFiles, ManifestNamesMustBeIdentifiers) {
  for (const std::string bad : {"a b", "semi;colon", "dot.ted", "UPPER", "../x", "$(id)"}) {
    auto root = testing::make_fake_project("names", json::array({testing::fake_variant("go", "ok")}));
    const auto path = root / "workloads" / "fake" / "workload.json";
    auto manifest = json::parse(std::ifstream(path));
    manifest["variants"][0]["name"] = bad;
    std::ofstream(path) << manifest.dump();
    auto run = testing::run_xlbench({"--root", root.string(), "run", "--quick"});
    EXPECT_EQ(run.exit_code, 2) << bad;
    EXPECT_NE(run.err_tail.find("workload.json: variants[0].name"), std::string::npos) << bad << ": " << run.err_tail;
    fs::remove_all(root);
  }
}

class BadDocuments : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("baddocs"); }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  static fs::path good_results() { return fs::path(XLB_SOURCE_DIR) / "tests" / "data" / "compare" / "base.json"; }
  void expect_exit_two(const std::vector<std::string>& args, const std::vector<std::string>& message_has) {
    auto run = testing::run_xlbench(args);
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err_tail;
    for (const auto& part : message_has) EXPECT_NE(run.err_tail.find(part), std::string::npos) << run.err_tail;
  }
  fs::path dir_;
};

TEST_F(BadDocuments, ResultsFilesForReport) {
  expect_exit_two({"report", (dir_ / "absent.json").string()}, {(dir_ / "absent.json").string(), "cannot open"});
  const auto truncated = write("truncated.json", R"({"schema":"xlbench.results","schema_vers)");
  expect_exit_two({"report", truncated}, {truncated, "not valid JSON"});
  const auto wrong_type = write("wrong.json", R"({"schema":"xlbench.results","schema_version":1,"run_id":"x",)"
                                              R"("status":"complete","measurements":[{"workload":3}]})");
  expect_exit_two({"report", wrong_type}, {wrong_type, "measurements[0].workload"});
  const auto other = write("other.json", R"({"schema":"something.else"})");
  expect_exit_two({"report", other}, {other, "not an xlbench results document"});
}

TEST_F(BadDocuments, ResultsFilesForCompare) {
  const auto broken = write("broken.json", "[1, 2");
  expect_exit_two({"compare", good_results().string(), broken}, {broken});
  const auto negative = write("neg.json", R"({"schema":"xlbench.results","schema_version":1,"run_id":"x",)"
                                          R"("status":"complete","measurements":[{"workload":"w","kind":"batch",)"
                                          R"("mode":"m","input":"i","language":"go","variant":"v","status":"ok",)"
                                          R"("samples":[{"ops":-1,"ns":5}]}]})");
  expect_exit_two({"compare", negative, good_results().string()}, {negative, "samples[0]"});
}

TEST_F(BadDocuments, ClaimsFiles) {
  const auto not_json = write("claims.json", "{claims");
  expect_exit_two({"claims", good_results().string(), "--claims", not_json}, {not_json});
  const auto bad_entry = write("claims2.json", R"({"schema_version":1,"claims":[{"id":"x"}]})");
  expect_exit_two({"claims", good_results().string(), "--claims", bad_entry}, {bad_entry});
  expect_exit_two({"claims", good_results().string(), "--claims", (dir_ / "absent.json").string()},
                  {(dir_ / "absent.json").string()});
}

}  // namespace
}  // namespace xlb
