#include "core/format.hpp"
#include "history/show.hpp"

namespace xlb {
namespace {

// Table cells must not break the row.
std::string cell(std::string s) {
  for (auto& c : s)
    if (c == '|' || c == '\n') c = ' ';
  return s;
}

}  // namespace

void write_history_markdown(const CheckResult& r, std::ostream& out) {
  out << "## Benchmark history\n\n"
      << r.series.size() << " series; change points by the Hunter/Otava method (p <= "
      << p_text(r.options.detector.max_p_value) << "); a newest change point that is a regression beyond "
      << fixed(r.options.threshold * 100, 1) << "% fails the gate (" << r.regressions << " do).\n\n";
  if (r.series.empty()) return;
  out << "| measurement | metric | branch | machine | runs | latest | change points | newest change | commits | p |\n"
      << "|---|---|---|---|---:|---:|---:|---:|---|---:|\n";
  for (const auto& c : r.series) {
    const auto& s = c.series;
    out << "| " << cell(s.measurement) << " | " << s.metric << " | " << cell(s.branch) << " | " << s.machine << " | "
        << s.points.size() << " | " << human(s.points.back().value) << " " << s.unit << " | " << c.change_points.size()
        << " | ";
    if (c.change_points.empty()) {
      out << "- | - | - |\n";
      continue;
    }
    const auto& cp = c.change_points.back();
    out << percent_text(cp.magnitude) << (c.newest_is_regression ? " **regression**" : "") << " | `"
        << commit_range(s, cp) << "` | " << p_text(cp.p_value) << " |\n";
  }
}

}  // namespace xlb
