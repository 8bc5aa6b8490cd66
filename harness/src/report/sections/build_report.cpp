#include "report/sections/build_report.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "report/sections/kind_sections.hpp"

namespace xlb::report {
namespace {

using SectionBuilder = std::function<void(const ReportContext&, const std::string& workload, Section&)>;

// A kind's section builder. Build workloads have none: the build-cost section reports them. A kind
// this table does not know (a plug-in's own) gets the batch builder's per-cell tables and ratios.
const SectionBuilder* builder_of(const std::string& kind) {
  static const std::map<std::string, SectionBuilder> builders = {
      {"batch", add_batch_sections}, {"spawn", add_spawn_sections}, {"server", add_server_sections}, {"grpc", add_grpc_sections},
      {"build", {}}};
  static const SectionBuilder fallback = add_batch_sections;
  const auto it = builders.find(kind);
  if (it == builders.end()) return &fallback;
  return it->second ? &it->second : nullptr;
}

std::string headline(const ResultsDoc& doc) {
  return doc.status + ", plan " + doc.plan.value("name", std::string("?")) + ", on " +
         doc.environment.value("cpu_model", std::string("unknown CPU"));
}

}  // namespace

Report build_report(const ResultsDoc& doc, double threshold, const ClaimsOutcome& claims) {
  const ReportContext ctx(doc, threshold, claims);
  Report report{doc.run_id, headline(doc), {}};
  report.sections.push_back(findings_section(ctx));
  report.sections.push_back(run_section(ctx));
  std::vector<std::string> seen;
  for (const auto& m : doc.measurements) {
    if (std::find(seen.begin(), seen.end(), m.workload) != seen.end()) continue;
    seen.push_back(m.workload);
    const auto* builder = builder_of(m.kind);
    if (!builder) continue;
    Section s{workload_section_id(m.workload), m.workload, m.kind, {}, {}};
    const auto info = doc.plan.value("workloads", json::object()).value(m.workload, json::object());
    if (info.is_object() && !info.value("description", "").empty())
      s.paragraph(info["description"].get<std::string>() + ".", Tone::muted);
    (*builder)(ctx, m.workload, s);
    report.sections.push_back(std::move(s));
  }
  if (auto build = build_cost_section(ctx); !build.blocks.empty()) report.sections.push_back(std::move(build));
  report.sections.push_back(claims_section(ctx));
  report.sections.push_back(how_to_read_section(ctx));
  return report;
}

}  // namespace xlb::report
