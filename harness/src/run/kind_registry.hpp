#pragma once
// The workload kinds this harness knows: a manifest's "kind" -> its implementation
// (kinds/kind.hpp). Adding a kind: its folder under kinds/ (listed in LAYERS of
// scripts/check-includes.py), one row here, and its name in tests/unit/kind_registry_test.cpp.
#include <string>
#include <vector>

#include "kinds/kind.hpp"

namespace xlb {

// The kind of `workload`; InputError naming the manifest's "kind" field and the kinds that exist.
const WorkloadKind& kind_of(const WorkloadSpec& workload);

std::vector<std::string> kind_names();

}  // namespace xlb
