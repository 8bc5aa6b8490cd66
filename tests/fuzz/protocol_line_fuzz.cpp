// libFuzzer target: the protocol-line parser and the batch/spawn sessions (scripts/fuzz.sh).
#include <cstdio>
#include <cstdlib>

#include "protocol_line_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto problem = xlb::fuzz::check_protocol_line_input(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
