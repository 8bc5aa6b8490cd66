// libFuzzer target: the checks of a gRPC server's answers (loadgen/grpc/grpc_items.hpp; scripts/fuzz.sh).
#include <cstdio>
#include <cstdlib>

#include "grpc_answer_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto problem = xlb::fuzz::check_grpc_answer_input(data, size);
  if (!problem.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
