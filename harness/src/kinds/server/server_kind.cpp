#include "kinds/server/server_kind.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "kinds/cells.hpp"
#include "core/errors.hpp"
#include "kinds/server/http_endpoints.hpp"
#include "remote/remote_site.hpp"
#include "kinds/server/server_runner.hpp"
#include "kinds/server/sql_api_database.hpp"
#include "os/process.hpp"

namespace xlb {
namespace {

class ServerUnit : public WorkUnit {
 public:
  explicit ServerUnit(std::vector<Cell> cells) : cells_(std::move(cells)) {}

  std::size_t progress_steps() const override { return 0; }  // the server runner logs its own progress

  bool measure(MeasureContext& ctx) override {
    const auto& first = cells_.front();
    const auto& w = *first.workload;
    auto& doc = ctx.doc;
    // Server workloads are not continued within: a resume keeps what they measured.
    if (ctx.options.resume && std::any_of(doc.measurements.begin(), doc.measurements.end(), [&](const Measurement& m) {
          return m.workload == w.name && m.input == first.input->name;
        })) {
      spdlog::warn("--resume: {}/{} was measured before; server workloads are not continued", w.name,
                   first.input->name);
      return true;
    }
    std::vector<std::string> modes;
    for (const auto& c : cells_) modes.push_back(c.mode);
    // A workload with a database (sql-api): a throwaway cluster for its servers, removed when this scope ends.
    ResolvedInput input = *first.input;
    std::unique_ptr<WorkloadDatabase> database;
    if (!w.database.is_null() && !(database = start_workload_database(w, ctx.options.plan, doc, input))) {
      ctx.checkpoint();
      return !interrupt_requested();  // skipped, with the reason logged and recorded
    }
    auto job = server_job(w, input, modes, first.variants, ctx.options.paths, ctx.build_failed);
    job.database = database.get();
    const auto remote = attach_remote_hosts(job, ctx.options.plan, ctx.run_dir);  // --server-host, --client-host
    return run_server_workload(job, ctx.options.plan, doc,
                               {ctx.run_dir / "requests", ctx.checkpoint,
                                [](const std::string& line) { spdlog::info("{}", line); }});
  }

 private:
  std::vector<Cell> cells_;  // one input, its selected endpoints
};

class ServerKind : public WorkloadKind {
 public:
  std::string name() const override { return "server"; }

  std::vector<std::unique_ptr<WorkUnit>> plan(const WorkloadSpec& w, PlanContext& ctx) const override {
    auto endpoint = [](const WorkloadSpec& spec, const std::string& mode, const ResolvedInput& input) {
      return endpoint_reference(spec, mode, input.params);
    };
    std::vector<std::unique_ptr<WorkUnit>> units;
    for (auto& group : plan_cells(w, ctx, {endpoint, false}))
      units.push_back(std::make_unique<ServerUnit>(std::move(group)));
    const auto& plan = ctx.options.plan;
    // A database here listens on 127.0.0.1 only: a server on another host could not reach it.
    if (!units.empty() && !plan.server_host.empty() && plan.database_host.empty() && !w.database.is_null())
      throw InputError("--server-host: workload " + w.name +
                       " needs its database reachable from the server host: give --database-host too (it may be "
                       "the server host), leave the workload out (-w), or run it without --server-host");
    return units;
  }
};

}  // namespace

std::unique_ptr<WorkloadKind> make_server_kind() { return std::make_unique<ServerKind>(); }

}  // namespace xlb
