#pragma once
// The report model of a results document: findings first, the run, one
// section per workload (built by its kind's section builder), build cost,
// claims, how to read it.
#include "analysis/claims.hpp"
#include "model/results.hpp"
#include "report/model/report_model.hpp"

namespace xlb::report {

Report build_report(const ResultsDoc& doc, double threshold, const ClaimsOutcome& claims);

}  // namespace xlb::report
