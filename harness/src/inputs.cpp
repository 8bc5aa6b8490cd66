#include "inputs.hpp"

#include <fstream>

#include "atomic_file.hpp"
#include "errors.hpp"
#include "json_inputs.hpp"
#include "sha256.hpp"

namespace xlb {
namespace {

// Bump when a generator's output changes, so stale cached files are not reused.
constexpr int kGeneratorVersion = 1;

std::int64_t int_param(const nlohmann::json& gen, const std::string& key, const std::string& input) {
  if (!gen.contains(key) || !gen[key].is_number_integer() || gen[key].get<std::int64_t>() < 0)
    throw InputError("input '" + input + "': generate." + key + " must be a non-negative integer");
  return gen[key].get<std::int64_t>();
}

ResolvedInput generate(const InputSpec& spec, const InputContext& ctx) {
  const auto& gen = *spec.generate;
  const auto generator = gen["generator"].get<std::string>();
  if (generator != "json_orders")
    throw InputError("input '" + spec.name + "': unknown generator '" + generator + "'");
  const auto seed = int_param(gen, "seed", spec.name);
  const auto orders = int_param(gen, ctx.quick && gen.contains("quick_orders") ? "quick_orders" : "orders", spec.name);
  const std::string shape = gen.value("shape", "page");
  if (shape != "order" && shape != "page")
    throw InputError("input '" + spec.name + "': generate.shape must be 'order' or 'page'");

  ResolvedInput r;
  r.name = spec.name;
  r.schema = spec.schema;
  r.source = "generated";
  r.generator = {{"generator", generator}, {"shape", shape}, {"seed", seed}, {"orders", orders},
                 {"version", kGeneratorVersion}};
  r.path = ctx.cache_dir / (generator + "-v" + std::to_string(kGeneratorVersion) + "-" + shape + "-s" +
                            std::to_string(seed) + "-n" + std::to_string(orders) + ".json");
  if (!std::filesystem::exists(r.path)) {
    std::filesystem::create_directories(ctx.cache_dir);
    write_file_atomically(r.path, generate_json_orders(shape, static_cast<std::uint64_t>(seed), orders));
  }
  return r;
}

}  // namespace

ResolvedInput resolve_input(const InputSpec& spec, const InputContext& ctx) {
  ResolvedInput r;
  if (spec.generate) {
    r = generate(spec, ctx);
  } else {
    r.name = spec.name;
    r.schema = spec.schema;
    r.source = "file";
    r.path = ctx.data_dir / *spec.file;
    if (ctx.data_dir.empty() || !std::filesystem::exists(r.path)) {
      r.skip_reason = "not found: " + (ctx.data_dir.empty() ? *spec.file : r.path.string()) +
                      " (no data directory; pass --data-dir)";
      return r;
    }
  }
  r.sha256 = sha256_file(r.path);
  if (spec.sha256 && r.sha256 != *spec.sha256)
    throw InputError(r.path.string() + ": sha256 " + r.sha256 + " does not match the manifest's " +
                     *spec.sha256 + " (input '" + spec.name + "')");
  r.bytes = std::filesystem::file_size(r.path);
  r.available = true;
  return r;
}

}  // namespace xlb
