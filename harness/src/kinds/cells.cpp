#include "kinds/cells.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "checks/checksum_reference.hpp"
#include "core/errors.hpp"

namespace xlb {
namespace {

// The variants the user selected, each followed by its A/B companions ("<name>@base").
std::vector<const VariantSpec*> selected_variants(const WorkloadSpec& w, const RunOptions& opt) {
  const auto& sel = opt.selection;
  std::vector<const VariantSpec*> vs;
  for (const auto& v : w.variants)
    if (is_selected(sel.languages, v.language) && is_selected(sel.variants, v.name, v.id())) {
      vs.push_back(&v);
      if (auto it = opt.companion_variants.find(w.name); it != opt.companion_variants.end())
        for (const auto& c : it->second)
          if (c.language == v.language && c.name.starts_with(v.name + "@")) vs.push_back(&c);
    }
  return vs;
}

// Plus the reference variant of any selected mode whose rule is reference_variant: without its
// answer no other variant can be verified.
void add_reference_variants(const WorkloadSpec& w, const Selection& sel, std::vector<const VariantSpec*>& vs) {
  for (const auto& mode : w.modes) {
    if (!is_selected(sel.modes, mode)) continue;
    const auto id = reference_variant_of(w, mode);
    if (id.empty() || std::any_of(vs.begin(), vs.end(), [&](const VariantSpec* v) { return v->id() == id; })) continue;
    for (const auto& v : w.variants)
      if (v.id() == id) {
        spdlog::info("{}: measuring {} too, the reference the other variants must agree with", w.name, id);
        vs.insert(vs.begin(), &v);
      }
  }
}

// Resolves one input and records it in the document; null when it is skipped.
std::shared_ptr<const ResolvedInput> prepare_input(const WorkloadSpec& w, const InputSpec& in, PlanContext& ctx) {
  const auto& sel = ctx.options.selection;
  if (in.full_only && ctx.quick()) {
    spdlog::info("input {}/{} runs in the full plan only", w.name, in.name);
    return nullptr;
  }
  spdlog::info("preparing input {}/{}", w.name, in.name);
  auto r = std::make_shared<const ResolvedInput>(resolve_input(in, ctx.inputs));
  ctx.doc.inputs.push_back({{"workload", w.name}, {"name", r->name}, {"schema", r->schema},
                            {"source", r->source}, {"path", r->path.string()}, {"bytes", r->bytes},
                            {"sha256", r->sha256}, {"available", r->available},
                            {"skip_reason", r->skip_reason}, {"generator", r->generator}});
  if (r->available) return r;
  if (!sel.inputs.empty())  // asked for by name: a missing file is an error, not a skip
    throw InputError("input " + w.name + "/" + r->name + " is not available: " + r->skip_reason);
  spdlog::warn("skipping input {}/{}: {}", w.name, r->name, r->skip_reason);
  return nullptr;
}

}  // namespace

std::vector<std::vector<Cell>> plan_cells(const WorkloadSpec& w, PlanContext& ctx, const CellOptions& options) {
  const auto& sel = ctx.options.selection;
  auto vs = selected_variants(w, ctx.options);
  if (!vs.empty() && options.reference_variants) add_reference_variants(w, sel, vs);
  for (const auto* v : vs)
    if (v->name.find('@') == std::string::npos) ctx.to_build.push_back(*v);

  std::vector<std::vector<Cell>> groups;
  for (const auto& in : w.inputs) {
    if (!is_selected(sel.inputs, in.name)) continue;
    const auto input = prepare_input(w, in, ctx);
    if (!input) continue;
    auto listed = [&](const std::vector<std::string>& names) {
      return std::find(names.begin(), names.end(), input->name) != names.end();
    };
    std::vector<const VariantSpec*> runnable;
    for (const auto* v : vs)
      if (!listed(v->skip_inputs) && !(ctx.quick() && listed(v->full_only_inputs))) runnable.push_back(v);
    std::vector<Cell> cells;
    for (const auto& mode : w.modes) {
      if (!is_selected(sel.modes, mode) || runnable.empty()) continue;
      if (!in.modes.empty() && std::find(in.modes.begin(), in.modes.end(), mode) == in.modes.end()) continue;
      Cell cell{&w, input, mode, options.reference(w, mode, *input), runnable,
                options.reference_variants ? reference_variant_of(w, mode) : ""};
      if (!cell.reference_variant.empty()) {
        // Measured first in round one, so its answer is known before any other variant's.
        auto ref = std::find_if(cell.variants.begin(), cell.variants.end(),
                                [&](const VariantSpec* v) { return v->id() == cell.reference_variant; });
        if (ref == cell.variants.end())
          throw InputError(w.manifest_path.string() + ": checksum." + mode + ".variant: " + cell.reference_variant +
                           " does not run on input '" + input->name + "' (skip_inputs or full_only_inputs)");
        std::rotate(cell.variants.begin(), ref, ref + 1);
      }
      cells.push_back(std::move(cell));
    }
    if (!cells.empty()) groups.push_back(std::move(cells));
  }
  return groups;
}

}  // namespace xlb
