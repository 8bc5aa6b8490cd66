// xlbench_history_detection_rate: how often `xlbench history check`'s detector (the Hunter /
// Otava method, stats/change_points.hpp) reports a change in series of unchanged runs (false
// positives), and how often it finds an injected step of -5%, -10%, -20% (detection), on
// synthetic series with Gaussian run-to-run noise. Prints the figures; asserts nothing.
//
//   build/tests/xlbench_history_detection_rate [--series N] [--seed S]
//
// A series is `before` runs at level 1000 then `after` runs at the stepped level (none for the
// false-positive rows). "any change" = at least one change point reported; "found" = a change
// point within 2 runs of the step; "gate" = the newest change point is a regression beyond
// the 5% threshold, i.e. `history check` would exit 1.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "stats/change_points.hpp"
#include "stats/stats.hpp"

namespace {

struct Scenario {
  double cv, step;  // step: relative change of the level (0: none)
  int before, after;
};

struct Rates {
  int any = 0, found = 0, gate = 0;
};

Rates measure(const Scenario& s, int series, xlb::stats::Rng& rng) {
  Rates r;
  const double threshold = 0.05;
  for (int k = 0; k < series; ++k) {
    std::vector<double> xs;
    for (int i = 0; i < s.before + s.after; ++i) {
      const double level = 1000.0 * (i < s.before ? 1.0 : 1.0 + s.step);
      xs.push_back(level * (1.0 + s.cv * xlb::stats::standard_normal(rng)));
    }
    const auto cps = xlb::stats::change_points(xs);
    if (cps.empty()) continue;
    ++r.any;
    for (const auto& cp : cps)
      if (std::abs(static_cast<int>(cp.index) - s.before) <= 2) {
        ++r.found;
        break;
      }
    if (cps.back().magnitude < -threshold) ++r.gate;  // throughput: lower is worse
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int series = 1000;
  std::uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--series") == 0) series = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--seed") == 0) seed = std::strtoull(argv[i + 1], nullptr, 10);
    else {
      std::fprintf(stderr, "usage: xlbench_history_detection_rate [--series N] [--seed S]\n");
      return 2;
    }
  }
  if (series <= 0) {
    std::fprintf(stderr, "--series must be positive\n");
    return 2;
  }
  xlb::stats::Rng rng(seed);
  const xlb::stats::ChangePointOptions defaults;
  std::printf("detector: max_p_value %g, window %zu, min_segment %zu; %d series per row, seed %llu\n\n",
              defaults.max_p_value, defaults.window, defaults.min_segment, series,
              static_cast<unsigned long long>(seed));
  std::printf("| noise (CV) | step | runs before + after | any change | found (+-2 runs) | gate fails (>5%% regression) |\n");
  std::printf("|---:|---:|---|---:|---:|---:|\n");
  for (double cv : {0.02, 0.05}) {
    for (int runs : {30, 60}) {
      const auto r = measure({cv, 0.0, runs, 0}, series, rng);
      std::printf("| %.0f%% | none | %d + 0 | %.1f%% | - | %.1f%% |\n", cv * 100, runs, 100.0 * r.any / series,
                  100.0 * r.gate / series);
    }
    for (double step : {-0.05, -0.10, -0.20})
      for (int after : {5, 10}) {
        const auto r = measure({cv, step, 30, after}, series, rng);
        std::printf("| %.0f%% | %.0f%% | 30 + %d | %.1f%% | %.1f%% | %.1f%% |\n", cv * 100, step * 100, after,
                    100.0 * r.any / series, 100.0 * r.found / series, 100.0 * r.gate / series);
      }
  }
  return 0;
}
