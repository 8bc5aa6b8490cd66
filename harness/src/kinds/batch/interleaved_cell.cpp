#include "kinds/batch/interleaved_cell.hpp"

#include <spdlog/spdlog.h>

#include "checks/checksum_reference.hpp"
#include "kinds/batch/instructions.hpp"
#include "kinds/batch/runner.hpp"
#include "model/resumable_rows.hpp"
#include "os/process.hpp"
#include "toolchain/toolchain.hpp"

namespace xlb {
namespace {

class InterleavedCell : public WorkUnit {
 public:
  InterleavedCell(Cell cell, InterleavedCellOptions options) : cell_(std::move(cell)), options_(std::move(options)) {}

  std::size_t progress_steps() const override {
    return cell_.variants.size() * static_cast<std::size_t>(options_.rounds);
  }

  bool measure(MeasureContext& ctx) override {
    open_rows(ctx);
    settle_reference(ctx.doc);  // a resumed run: the reference may have answered before
    bool interrupted = false;
    for (int round = 0; round < options_.rounds && !interrupted; ++round) {
      // Alternate the order each round so drift does not always favour the same variant.
      for (size_t k = 0; k < jobs_.size(); ++k) {
        const size_t i = round % 2 ? jobs_.size() - 1 - k : k;
        auto& m = ctx.doc.measurements[slots_[i]];
        ++ctx.progress.done;
        if (m.status != "ok" || round < m.rounds_done) continue;  // failed, or measured before a resume
        const auto request = ctx.run_dir / "requests" /
                             (m.workload + "-" + m.mode + "-" + m.input + "-" + m.language + "-" + m.variant + ".json");
        options_.run_once(jobs_[i], ctx.options.plan, request, round, m);
        if (!interrupted_by_user(m)) ++m.rounds_done;
        if (i == 0) settle_reference(ctx.doc);
        ctx.checkpoint();
        spdlog::info("[{}/{}] {} {} run {}/{}: {}", ctx.progress.done, ctx.progress.total, m.cell(), m.variant_id(),
                     round + 1, options_.rounds, ctx.describe(m));
        if (interrupt_requested()) {
          interrupted = true;
          break;
        }
      }
    }
    if (options_.count_instructions && !interrupted) {
      for (size_t i = 0; i < jobs_.size(); ++i) {
        auto& m = ctx.doc.measurements[slots_[i]];
        spdlog::info("counting instructions: {} {}", m.cell(), m.variant_id());
        record_instruction_count(jobs_[i], ctx.options.plan, ctx.run_dir / "callgrind", m);
      }
      ctx.checkpoint();
    }
    return !interrupted;
  }

 private:
  // One measurement per variant: found again on --resume, new otherwise.
  void open_rows(MeasureContext& ctx) {
    for (const auto* v : cell_.variants) {
      BatchJob job{cell_.workload, v, cell_.mode, cell_.input.get(), variant_command(*v, ctx.options.paths),
                   cell_.reference, cell_.input->params};
      Measurement m = new_measurement(job);
      if (auto found = find_measurement(ctx.doc, m)) {  // resumed: keep what is on record
        reopen_interrupted(ctx.doc.measurements[*found]);
        slots_.push_back(*found);
        jobs_.push_back(job);
        continue;
      }
      if (auto it = ctx.build_failed.find(v->build_key()); it != ctx.build_failed.end()) {
        m.status = "failed";
        m.reason = it->second;
      }
      slots_.push_back(ctx.doc.measurements.size());
      ctx.doc.measurements.push_back(std::move(m));
      jobs_.push_back(job);
    }
  }

  // Rule reference_variant: once the reference variant (first) has answered, every job is
  // checked against that answer. Without an answer (the reference failed) nothing else can be
  // verified, so nothing else is trusted.
  void settle_reference(ResultsDoc& doc) {
    if (cell_.reference_variant.empty() || !jobs_.front().reference.is_null()) return;
    auto& ref = doc.measurements[slots_.front()];
    if (ref.status == "ok" && ref.checksum.is_object() && !ref.checksum.empty()) {
      for (size_t i = 0; i < jobs_.size(); ++i) {
        jobs_[i].reference = ref.checksum;
        doc.measurements[slots_[i]].reference_checksum = ref.checksum;
      }
    } else if (ref.rounds_done > 0 || ref.status != "ok") {
      for (size_t i = 1; i < jobs_.size(); ++i) {
        auto& m = doc.measurements[slots_[i]];
        if (m.status != "ok") continue;
        m.status = "failed";
        m.reason = "not verified: the reference variant " + cell_.reference_variant + " gave no answer (" +
                   (ref.reason.empty() ? ref.status : ref.reason) + ")";
      }
    }
  }

  Cell cell_;
  InterleavedCellOptions options_;
  std::vector<BatchJob> jobs_;
  std::vector<size_t> slots_;  // index of each job's measurement in the document
};

}  // namespace

std::unique_ptr<WorkUnit> interleaved_cell_unit(Cell cell, InterleavedCellOptions options) {
  return std::make_unique<InterleavedCell>(std::move(cell), std::move(options));
}

std::vector<std::unique_ptr<WorkUnit>> interleaved_units(const WorkloadSpec& w, PlanContext& ctx,
                                                         const InterleavedCellOptions& options) {
  std::vector<std::unique_ptr<WorkUnit>> units;
  for (auto& group : plan_cells(w, ctx, {reference_checksum, true}))
    for (auto& cell : group) units.push_back(interleaved_cell_unit(std::move(cell), options));
  return units;
}

}  // namespace xlb
