#include "run/kind_registry.hpp"

#include <functional>
#include <map>
#include <memory>

#include "core/errors.hpp"
#include "kinds/batch/batch_kind.hpp"
#include "kinds/build/build_kind.hpp"
#include "kinds/grpc/grpc_kind.hpp"
#include "kinds/server/server_kind.hpp"
#include "kinds/spawn/spawn_kind.hpp"

namespace xlb {
namespace {

const std::map<std::string, std::unique_ptr<WorkloadKind>>& registry() {
  static const auto kinds = [] {
    std::map<std::string, std::unique_ptr<WorkloadKind>> table;
    for (const auto& make : std::vector<std::function<std::unique_ptr<WorkloadKind>()>>{
             make_batch_kind, make_spawn_kind, make_server_kind, make_build_kind, make_grpc_kind}) {
      auto kind = make();
      const auto name = kind->name();
      table.emplace(name, std::move(kind));
    }
    return table;
  }();
  return kinds;
}

}  // namespace

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (const auto& [name, kind] : registry()) names.push_back(name);
  return names;
}

const WorkloadKind& kind_of(const WorkloadSpec& workload) {
  auto it = registry().find(workload.kind);
  if (it != registry().end()) return *it->second;
  std::string known;
  for (const auto& name : kind_names()) known += (known.empty() ? "" : ", ") + name;
  throw InputError(workload.manifest_path.string() + ": kind: unknown kind '" + workload.kind + "' (" + known + ")");
}

}  // namespace xlb
