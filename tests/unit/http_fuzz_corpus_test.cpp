// Replays every file kept under tests/fuzz/corpus/<target>/ (seeds and inputs
// that once crashed a fuzz target) through the target's checks, so a fixed
// crash stays fixed in ordinary ctest runs. One row per fuzz target.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "../fuzz/grpc_answer_check.hpp"
#include "../fuzz/http_response_check.hpp"
#include "../fuzz/protocol_line_check.hpp"
#include "../fuzz/results_loader_check.hpp"

namespace xlb {
namespace {

namespace fs = std::filesystem;

struct FuzzTarget {
  const char* name;
  std::function<std::string(const std::uint8_t*, std::size_t)> check;
};

const std::vector<FuzzTarget> kTargets = {
    {"http_response", fuzz::check_http_response_input},
    {"protocol_line", fuzz::check_protocol_line_input},
    {"results_loader", fuzz::check_results_loader_input},
    {"grpc_answer", fuzz::check_grpc_answer_input},
};

TEST(FuzzCorpus, EveryKeptInputPassesItsTarget) {
  const fs::path corpus_root = fs::path(XLB_TEST_DATA_DIR) / ".." / "fuzz" / "corpus";
  for (const auto& target : kTargets) {
    const auto dir = corpus_root / target.name;
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    int replayed = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EXPECT_EQ(target.check(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), "")
          << target.name << ": " << entry.path();
      ++replayed;
    }
    EXPECT_GT(replayed, 0) << dir << " holds no inputs";
  }
}

}  // namespace
}  // namespace xlb
