#include "kinds/batch/batch_kind.hpp"

#include "checks/checksum_reference.hpp"
#include "kinds/batch/interleaved_cell.hpp"
#include "kinds/batch/runner.hpp"

namespace xlb {
namespace {

class BatchKind : public WorkloadKind {
 public:
  std::string name() const override { return "batch"; }

  std::vector<std::unique_ptr<WorkUnit>> plan(const WorkloadSpec& w, PlanContext& ctx) const override {
    std::vector<std::unique_ptr<WorkUnit>> units;
    for (auto& group : plan_cells(w, ctx, {reference_checksum, true}))
      for (auto& cell : group)
        units.push_back(interleaved_cell_unit(
            std::move(cell),
            {ctx.options.plan.rounds,
             [](const BatchJob& job, const Plan& plan, const std::filesystem::path& request, int, Measurement& m) {
               run_batch_once(job, plan, request, m);
             },
             ctx.options.instructions}));
    return units;
  }
};

}  // namespace

std::unique_ptr<WorkloadKind> make_batch_kind() { return std::make_unique<BatchKind>(); }

}  // namespace xlb
