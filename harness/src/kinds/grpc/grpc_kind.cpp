#include "kinds/grpc/grpc_kind.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "kinds/cells.hpp"
#include "kinds/grpc/grpc_endpoints.hpp"
#include "kinds/grpc/grpc_server_driver.hpp"
#include "remote/remote_site.hpp"
#include "kinds/server/server_runner.hpp"
#include "os/process.hpp"

namespace xlb {
namespace {

class GrpcUnit : public WorkUnit {
 public:
  explicit GrpcUnit(std::vector<Cell> cells) : cells_(std::move(cells)) {}

  std::size_t progress_steps() const override { return 0; }  // the server runner logs its own progress

  bool measure(MeasureContext& ctx) override {
    const auto& first = cells_.front();
    const auto& w = *first.workload;
    auto& doc = ctx.doc;
    if (ctx.options.resume && std::any_of(doc.measurements.begin(), doc.measurements.end(),
                                           [&](const Measurement& m) { return m.workload == w.name; })) {
      spdlog::warn("--resume: {} was measured before; server workloads are not continued", w.name);
      return true;
    }
    ServerWorkloadJob job;
    job.workload = &w;
    job.input = first.input.get();
    std::vector<GrpcEndpoint> methods;
    for (const auto& c : cells_) {
      methods.push_back(grpc_endpoint(w, c.mode, c.input->params));
      job.endpoints.push_back(grpc_endpoint_spec(grpc_row_mode(c.mode, c.input->name), methods.back()));
      job.endpoints.back().details["input"] = c.input->name;
      if (std::find(job.served_modes.begin(), job.served_modes.end(), c.mode) == job.served_modes.end())
        job.served_modes.push_back(c.mode);
    }
    job.variants = first.variants;
    for (const auto* v : first.variants) job.commands.push_back(variant_command(*v, ctx.options.paths));
    job.build_failed = ctx.build_failed;
    auto driver = make_grpc_server_driver(std::move(methods));
    job.driver = driver.get();
    job.rate_unit = "msgs/s";
    const auto remote = attach_remote_hosts(job, ctx.options.plan, ctx.run_dir);  // --server-host, --client-host
    Plan plan = ctx.options.plan;
    plan.server = grpc_server_plan(plan.server, plan.name == "quick");
    return run_server_workload(job, plan, doc,
                               {ctx.run_dir / "requests", ctx.checkpoint,
                                [](const std::string& line) { spdlog::info("{}", line); }});
  }

 private:
  std::vector<Cell> cells_;  // every selected method of every input
};

class GrpcKind : public WorkloadKind {
 public:
  std::string name() const override { return "grpc"; }

  std::vector<std::unique_ptr<WorkUnit>> plan(const WorkloadSpec& w, PlanContext& ctx) const override {
    auto reference = [](const WorkloadSpec& spec, const std::string& mode, const ResolvedInput& input) {
      return grpc_endpoint(spec, mode, input.params).to_json();
    };
    // One unit, so one server process per variant and round serves every method of every input.
    std::vector<Cell> cells;
    for (auto& group : plan_cells(w, ctx, {reference, false}))
      for (auto& c : group) cells.push_back(std::move(c));
    std::vector<std::unique_ptr<WorkUnit>> units;
    if (!cells.empty()) units.push_back(std::make_unique<GrpcUnit>(std::move(cells)));
    return units;
  }
};

}  // namespace

ServerPlan grpc_server_plan(const ServerPlan& run_plan, bool quick) {
  ServerPlan plan = run_plan;
  // Full: two lane counts instead of three (256 lanes would be 256 threads on a 2-core machine).
  if (!quick) plan.connections = {16, 64};
  return plan;
}

std::string grpc_row_mode(const std::string& mode, const std::string& input) { return mode + "-" + input; }

std::unique_ptr<WorkloadKind> make_grpc_kind() { return std::make_unique<GrpcKind>(); }

}  // namespace xlb
