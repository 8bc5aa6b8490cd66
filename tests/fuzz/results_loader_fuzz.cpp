// libFuzzer target: the results-file loader (scripts/fuzz.sh).
#include <cstdio>
#include <cstdlib>

#include "results_loader_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto problem = xlb::fuzz::check_results_loader_input(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
