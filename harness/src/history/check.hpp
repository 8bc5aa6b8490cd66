#pragma once
// `xlbench history check`: change points of every series (stats/change_points.hpp) and the
// gate: exit 1 when the newest change point of some series is a regression beyond the threshold.
#include <ostream>
#include <vector>

#include "history/series.hpp"
#include "stats/change_points.hpp"

namespace xlb {

struct CheckOptions {
  double threshold = 0.05;  // |magnitude| a regression must exceed to fail the gate (fraction)
  stats::ChangePointOptions detector;
};

struct SeriesCheck {
  Series series;
  std::vector<stats::ChangePoint> change_points;
  bool newest_is_regression = false;  // the gate's finding for this series
};

struct CheckResult {
  CheckOptions options;
  std::vector<SeriesCheck> series;
  int regressions = 0;  // series whose newest change point is a regression beyond the threshold
};

// A change is a regression when the metric moved the wrong way (ops/s down; ns/op, RSS up)
// by more than `threshold`.
bool is_regression(const Series& s, const stats::ChangePoint& cp, double threshold);

// Pure: no I/O.
CheckResult check_history(std::vector<Series> series, const CheckOptions& opts);
int check_exit_status(const CheckResult& r);  // 1 on a regression, else 0

// "abc1234..def5678": the last commit before the change point and the first after it.
std::string commit_range(const Series& s, const stats::ChangePoint& cp);
std::string percent_text(double fraction);  // "+12.3%"
std::string p_text(double p);               // "1.2e-05"
void write_check_console(const CheckResult& r, std::ostream& out);

}  // namespace xlb
