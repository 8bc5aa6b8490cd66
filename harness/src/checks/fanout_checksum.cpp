#include "checks/fanout_checksum.hpp"

#include <cstdint>

#include "core/errors.hpp"
#include "core/rng.hpp"

namespace xlb {
namespace {

std::int64_t param(const nlohmann::json& params, const char* key) {
  if (!params.contains(key) || !params[key].is_number_integer() || params[key].get<std::int64_t>() < 0)
    throw InputError(std::string("fanout params: '") + key + "' must be a non-negative integer");
  return params[key].get<std::int64_t>();
}

}  // namespace

nlohmann::json fanout_checksum(const std::string& mode, const nlohmann::json& params) {
  const auto tasks = param(params, "tasks");
  std::uint64_t sum = 0;  // wraps, as the spec says
  if (mode == "sleep" || mode == "channel" || mode == "hold") {
    for (std::int64_t i = 0; i < tasks; ++i) sum += static_cast<std::uint64_t>(i);
  } else if (mode == "compute") {
    const auto rounds = param(params, "rounds");
    for (std::int64_t i = 0; i < tasks; ++i) {
      // splitmix64 with its state starting at i, `rounds` outputs; the task's result is the last.
      Rng rng(static_cast<std::uint64_t>(i));
      std::uint64_t value = static_cast<std::uint64_t>(i);
      for (std::int64_t r = 0; r < rounds; ++r) value = rng.next();
      sum += value;
    }
  } else {
    throw InputError("fanout: unknown mode '" + mode + "'");
  }
  return {{"tasks", tasks}, {"sum", static_cast<std::int64_t>(sum)}};
}

}  // namespace xlb
