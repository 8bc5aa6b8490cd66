#pragma once
// Kind "build": build times and footprints of the Go and Rust trees (build_cost.hpp). Its
// variants are toolchains, not programs the harness builds; it runs after every other unit.
#include <memory>

#include "kinds/kind.hpp"

namespace xlb {

std::unique_ptr<WorkloadKind> make_build_kind();

}  // namespace xlb
