#include "kinds/spawn/spawn_kind.hpp"

#include "checks/checksum_reference.hpp"
#include "kinds/batch/interleaved_cell.hpp"
#include "kinds/spawn/spawn_runner.hpp"

namespace xlb {
namespace {

class SpawnKind : public WorkloadKind {
 public:
  std::string name() const override { return "spawn"; }

  std::vector<std::unique_ptr<WorkUnit>> plan(const WorkloadSpec& w, PlanContext& ctx) const override {
    std::vector<std::unique_ptr<WorkUnit>> units;
    for (auto& group : plan_cells(w, ctx, {reference_checksum, true}))
      for (auto& cell : group)
        units.push_back(interleaved_cell_unit(
            std::move(cell),
            {1 + ctx.options.plan.spawn_runs,
             [](const BatchJob& job, const Plan& plan, const std::filesystem::path& request, int round,
                Measurement& m) { run_spawn_once(job, plan, request, round == 0, m); },
             false}));
    return units;
  }
};

}  // namespace

std::unique_ptr<WorkloadKind> make_spawn_kind() { return std::make_unique<SpawnKind>(); }

}  // namespace xlb
