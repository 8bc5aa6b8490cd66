// Micro-benchmarks for xlb::stats: the per-variant summary and the bootstrap,
// the two costs the harness pays once per measured series and per comparison.
#include "stats/stats.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

namespace {

// Timing-like data: base * (1 + 0.1 u), u uniform, from the module's own PRNG.
std::vector<double> samples(double base, std::size_t n, std::uint64_t seed) {
    xlb::stats::Rng rng(seed);
    std::vector<double> v(n);
    for (auto& x : v) x = base * (1.0 + 0.1 * static_cast<double>(rng.next() >> 11) * 0x1.0p-53);
    return v;
}

void BM_Summarize1000(benchmark::State& state) {
    const auto xs = samples(1000.0, 1000, 1);
    for (auto _ : state) benchmark::DoNotOptimize(xlb::stats::summarize(xs));
}
BENCHMARK(BM_Summarize1000);

// Argument: samples per group; 10000 resamples as the harness default.
void BM_RatioOfMedians10k(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto a = samples(1000.0, n, 1), b = samples(1200.0, n, 2);
    for (auto _ : state) benchmark::DoNotOptimize(xlb::stats::ratio_of_medians(a, b, 0.95, 10000, 1));
}
BENCHMARK(BM_RatioOfMedians10k)->Arg(20)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_MannWhitney(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto a = samples(1000.0, n, 3), b = samples(1010.0, n, 4);
    for (auto _ : state) benchmark::DoNotOptimize(xlb::stats::mann_whitney_u(a, b));
}
BENCHMARK(BM_MannWhitney)->Arg(20)->Arg(1000);

}  // namespace
