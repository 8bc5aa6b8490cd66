#include "kinds/build/build_kind.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "kinds/build/build_cost.hpp"

namespace xlb {
namespace {

class BuildUnit : public WorkUnit {
 public:
  explicit BuildUnit(BuildCostSelection selection) : selection_(std::move(selection)) {}

  std::size_t progress_steps() const override { return 0; }  // run_build_cost logs its own progress
  int stage() const override { return 1; }  // builds load every CPU: after the other measurements

  bool measure(MeasureContext& ctx) override {
    const auto& name = selection_.workload->name;
    if (ctx.options.resume && std::any_of(ctx.doc.measurements.begin(), ctx.doc.measurements.end(),
                                          [&](const Measurement& m) { return m.workload == name; })) {
      spdlog::warn("--resume: {} was measured before; build workloads are not continued", name);
      return true;
    }
    return run_build_cost(selection_, ctx.options.plan, ctx.options.paths, ctx.run_dir, ctx.doc, ctx.checkpoint);
  }

 private:
  BuildCostSelection selection_;
};

class BuildKind : public WorkloadKind {
 public:
  std::string name() const override { return "build"; }
  bool builds_variants() const override { return false; }

  std::vector<std::unique_ptr<WorkUnit>> plan(const WorkloadSpec& w, PlanContext& ctx) const override {
    std::vector<std::unique_ptr<WorkUnit>> units;
    auto selection = select_builds(w, ctx.options.selection, ctx.quick());
    check_build_selection(selection, ctx.options.paths.root);
    // In the default suite the footprint (binary sizes, lines of code) is taken even when the plan builds nothing.
    if (build_measurement_count(selection) > 0 || selection.in_suite)
      units.push_back(std::make_unique<BuildUnit>(std::move(selection)));
    return units;
  }
};

}  // namespace

std::unique_ptr<WorkloadKind> make_build_kind() { return std::make_unique<BuildKind>(); }

}  // namespace xlb
