#pragma once
// Kind "batch": a variant process repeats one operation and prints timed samples
// (docs/protocol.md, batch protocol); its process runs are interleaved with the others'.
#include <memory>

#include "kinds/kind.hpp"

namespace xlb {

std::unique_ptr<WorkloadKind> make_batch_kind();

}  // namespace xlb
