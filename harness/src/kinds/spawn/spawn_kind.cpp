#include "kinds/spawn/spawn_kind.hpp"

#include "kinds/batch/interleaved_cell.hpp"
#include "kinds/spawn/spawn_runner.hpp"

namespace xlb {
namespace {

class SpawnKind : public WorkloadKind {
 public:
  std::string name() const override { return "spawn"; }

  std::vector<std::unique_ptr<WorkUnit>> plan(const WorkloadSpec& w, PlanContext& ctx) const override {
    auto run_once = [](const BatchJob& job, const Plan& plan, const std::filesystem::path& request, int round,
                       Measurement& m) { run_spawn_once(job, plan, request, round == 0, m); };
    return interleaved_units(w, ctx, {1 + ctx.options.plan.spawn_runs, run_once, false});
  }
};

}  // namespace

std::unique_ptr<WorkloadKind> make_spawn_kind() { return std::make_unique<SpawnKind>(); }

}  // namespace xlb
