#include "history/check.hpp"

#include <cstdio>

#include "core/format.hpp"

namespace xlb {
namespace {

std::string short_commit(const std::string& c) { return c.substr(0, 10); }

}  // namespace

std::string percent_text(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", fraction * 100.0);
  return buf;
}

std::string p_text(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", p);
  return buf;
}

bool is_regression(const Series& s, const stats::ChangePoint& cp, double threshold) {
  return s.higher_is_better ? cp.magnitude < -threshold : cp.magnitude > threshold;
}

CheckResult check_history(std::vector<Series> series, const CheckOptions& opts) {
  CheckResult r;
  r.options = opts;
  for (auto& s : series) {
    std::vector<double> values;
    for (const auto& p : s.points) values.push_back(p.value);
    SeriesCheck c{std::move(s), stats::change_points(values, opts.detector), false};
    c.newest_is_regression =
        !c.change_points.empty() && is_regression(c.series, c.change_points.back(), opts.threshold);
    r.regressions += c.newest_is_regression;
    r.series.push_back(std::move(c));
  }
  return r;
}

int check_exit_status(const CheckResult& r) { return r.regressions > 0 ? 1 : 0; }

std::string commit_range(const Series& s, const stats::ChangePoint& cp) {
  return short_commit(s.points[cp.index - 1].git_commit) + ".." + short_commit(s.points[cp.index].git_commit);
}

void write_check_console(const CheckResult& r, std::ostream& out) {
  std::size_t with_changes = 0;
  for (const auto& c : r.series) {
    if (c.change_points.empty()) continue;
    ++with_changes;
    out << c.series.title() << ": " << c.series.points.size() << " runs\n";
    for (const auto& cp : c.change_points) {
      const bool newest = &cp == &c.change_points.back();
      const auto& after = c.series.points[cp.index];
      out << "  change at run " << after.run_id << " (" << after.started_at << "), commits "
          << commit_range(c.series, cp) << ": " << percent_text(cp.magnitude) << " (" << human(cp.mean_before)
          << " -> " << human(cp.mean_after) << " " << c.series.unit << "), p = " << p_text(cp.p_value)
          << (is_regression(c.series, cp, r.options.threshold) ? ", regression" : "")
          << (newest && c.newest_is_regression ? " [FAILS the gate]" : "") << "\n";
    }
  }
  out << r.series.size() << " series, " << with_changes << " with change points (p <= "
      << p_text(r.options.detector.max_p_value) << "); " << r.regressions
      << " whose newest change point is a regression beyond " << fixed(r.options.threshold * 100, 1) << "%\n";
}

}  // namespace xlb
