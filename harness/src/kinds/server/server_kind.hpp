#pragma once
// Kind "server": HTTP servers under the built-in load generator (docs/protocol.md, server
// protocol). One unit per workload and input: one server process serves every endpoint (mode).
#include <memory>

#include "kinds/kind.hpp"

namespace xlb {

std::unique_ptr<WorkloadKind> make_server_kind();

}  // namespace xlb
