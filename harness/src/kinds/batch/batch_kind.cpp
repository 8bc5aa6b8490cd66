#include "kinds/batch/batch_kind.hpp"

#include "kinds/batch/interleaved_cell.hpp"
#include "kinds/batch/runner.hpp"

namespace xlb {
namespace {

class BatchKind : public WorkloadKind {
 public:
  std::string name() const override { return "batch"; }

  std::vector<std::unique_ptr<WorkUnit>> plan(const WorkloadSpec& w, PlanContext& ctx) const override {
    auto run_once = [](const BatchJob& job, const Plan& plan, const std::filesystem::path& request, int,
                       Measurement& m) { run_batch_once(job, plan, request, m); };
    return interleaved_units(w, ctx, {ctx.options.plan.rounds, run_once, ctx.options.instructions});
  }
};

}  // namespace

std::unique_ptr<WorkloadKind> make_batch_kind() { return std::make_unique<BatchKind>(); }

}  // namespace xlb
