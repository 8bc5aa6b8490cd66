// The harness parses every line a variant prints; keep that cheap.
#include <benchmark/benchmark.h>

#include "protocol/protocol.hpp"

static void BM_ParseSampleLine(benchmark::State& state) {
  const std::string line = R"({"type":"sample","index":7,"ops":12345,"ns":100012345})";
  for (auto _ : state) benchmark::DoNotOptimize(xlb::parse_message(line));
}
BENCHMARK(BM_ParseSampleLine);

static void BM_SessionOfHundredSamples(benchmark::State& state) {
  std::vector<std::string> lines = {R"({"type":"hello","protocol":1,"language":"go","variant":"x"})",
                                    R"({"type":"check","checksum":{"objects":1,"arrays":2}})",
                                    R"({"type":"warmup","ops":10,"ns":1000,"batch":10})"};
  for (int i = 0; i < 100; ++i)
    lines.push_back(R"({"type":"sample","index":)" + std::to_string(i) + R"(,"ops":10,"ns":1000})");
  lines.push_back(R"({"type":"done","facts":{}})");
  for (auto _ : state) {
    xlb::BatchSession session(100);
    for (const auto& l : lines) session.accept(l);
    benchmark::DoNotOptimize(session.complete());
  }
}
BENCHMARK(BM_SessionOfHundredSamples);
