#pragma once
// Kind "spawn": one process run is one sample (fan-out, memory held; docs/protocol.md, spawn
// protocol), after one discarded warm-up run per variant.
#include <memory>

#include "kinds/kind.hpp"

namespace xlb {

std::unique_ptr<WorkloadKind> make_spawn_kind();

}  // namespace xlb
