// libFuzzer target: the load generator's HTTP response parser (scripts/fuzz.sh).
#include <cstdio>
#include <cstdlib>

#include "http_response_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto problem = xlb::fuzz::check_http_response_input(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
