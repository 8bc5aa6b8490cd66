#pragma once
// What every section builder reads: the document, the verdict threshold, the
// claims outcome of the run, and the Rust/Go comparisons computed once.
#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "analysis/claims.hpp"
#include "model/results.hpp"
#include "report/model/report_model.hpp"

namespace xlb::report {

using nlohmann::json;

struct ReportContext {
  const ResultsDoc& doc;
  double threshold;
  const ClaimsOutcome& claims;
  std::vector<LanguageComparison> comparisons;

  ReportContext(const ResultsDoc& d, double t, const ClaimsOutcome& c)
      : doc(d), threshold(t), claims(c), comparisons(compare_languages(d, t)) {}
};

// "x" -> "workload-x": the id of a workload's top-level section (the HTML anchor).
inline std::string workload_section_id(const std::string& workload) { return "workload-" + workload; }

}  // namespace xlb::report
