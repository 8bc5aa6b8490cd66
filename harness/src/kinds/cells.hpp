#pragma once
// What the batch, spawn and server kinds share at pre-flight: the cells (workload x mode x
// input) a selection picks, with the variants that run on each and the answer they must give.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kinds/kind.hpp"

namespace xlb {

struct Cell {
  const WorkloadSpec* workload = nullptr;
  std::shared_ptr<const ResolvedInput> input;
  std::string mode;
  nlohmann::json reference;  // null: the reference variant's first answer decides
  std::vector<const VariantSpec*> variants;
  std::string reference_variant;  // rule reference_variant: its id, first in `variants`
};

// The answer a cell's variants must give; throws InputError naming the manifest and field.
using ReferenceRule = std::function<nlohmann::json(const WorkloadSpec&, const std::string& mode, const ResolvedInput&)>;

struct CellOptions {
  ReferenceRule reference;
  bool reference_variants = false;  // the kind supports the reference_variant checksum rule
};

// The cells of `w` the selection picks, one group per available input (modes in manifest
// order); selected variants, their A/B companions and any reference variant are added to
// ctx.to_build, and every resolved input is recorded in ctx.doc.inputs. An input asked for
// by name that is not available is an InputError; otherwise it is skipped with a warning.
std::vector<std::vector<Cell>> plan_cells(const WorkloadSpec& w, PlanContext& ctx, const CellOptions& options);

}  // namespace xlb
