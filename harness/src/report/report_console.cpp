// Console reporter: the summary a user reads at the end of a run.
#include <iomanip>
#include <set>

#include "analysis/analysis.hpp"
#include "core/format.hpp"
#include "model/metrics.hpp"
#include "report/report_build.hpp"
#include "report/report_common.hpp"
#include "report/report_holding.hpp"
#include "report/report_http.hpp"

namespace xlb {
namespace {

std::string pad(const std::string& s, size_t width) {
  // Count UTF-8 code points so non-ASCII names do not shift the columns.
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  return chars >= width ? s + " " : s + std::string(width - chars, ' ');
}

class ConsoleReporter : public Reporter {
 public:
  explicit ConsoleReporter(double threshold) : threshold_(threshold) {}

  void write(const ResultsDoc& doc, std::ostream& out) const override {
    out << "xlbench run " << doc.run_id << " (" << doc.status << ", plan " << doc.plan.value("name", "?")
        << ") on " << doc.environment.value("cpu_model", "unknown CPU") << "\n";
    const auto comparisons = compare_languages(doc, threshold_);
    std::set<std::string> servers_written;
    for (const auto& cell : cells_of(doc)) {
      const auto& first = *cell.front();
      if (first.kind == "build") continue;  // its own section below (report_build.hpp)
      if (first.kind == "server") {  // one section per server workload (report_http.hpp)
        if (servers_written.insert(first.workload).second) write_http_console(doc, first.workload, threshold_, out);
        continue;
      }
      out << "\n" << first.workload << " / " << first.mode << " / " << first.input;
      if (first.input_bytes > 0) out << "  (" << human(static_cast<double>(first.input_bytes)) << "B)";
      if (first.params.contains("tasks")) out << "  (" << first.params["tasks"].dump() << " tasks)";
      out << "\n";
      const bool spawn = first.kind == "spawn";
      out << "  " << pad("variant", 20) << pad(spawn ? "time median [95% CI]" : "ops/s median [95% CI]", 30)
          << pad(spawn ? "B/task" : "MB/s", 9) << pad("CV", 7) << pad("RSS MB", 8)
          << (spawn ? "" : pad("faults/op", 10)) << "status\n";
      for (const auto* m : cell) {
        const auto row = summarize_row(*m);
        out << "  " << pad(m->variant_id(), 20) << pad(row.ops, 30) << pad(spawn ? per_task_text(doc, *m) : row.mb_s, 9)
            << pad(row.cv, 7) << pad(row.rss_mb, 8) << (spawn ? "" : pad(row.faults_per_op, 10)) << m->status << "\n";
      }
      write_holding_console(doc, cell, out);
      for (const auto* c : comparisons_of_cell(comparisons, first))
        out << "  Rust/Go " << c->basis << " (" << c->rust->variant << " vs " << c->go->variant
            << "): " << ratio_text(c->cmp.ratio.ratio, c->cmp.ratio.ci) << " " << p_value_text(c->cmp.test.p_value)
            << " -> " << c->verdict << "\n";
    }
    write_build_cost_console(doc, out);
    auto problems = problem_rows(doc);
    if (!problems.empty()) {
      out << "\nInvalid or failed:\n";
      for (const auto& [id, reason] : problems) out << "  " << id << ": " << reason << "\n";
    }
  }

 private:
  double threshold_;
};

}  // namespace

std::unique_ptr<Reporter> make_console_reporter(double threshold) {
  return std::make_unique<ConsoleReporter>(threshold);
}

}  // namespace xlb
