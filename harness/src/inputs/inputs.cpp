#include "inputs/inputs.hpp"

#include <fstream>
#include <functional>
#include <map>

#include "core/atomic_file.hpp"
#include "inputs/csv_inputs.hpp"
#include "core/errors.hpp"
#include "inputs/holding_inputs.hpp"
#include "inputs/json_inputs.hpp"
#include "core/sha256.hpp"

namespace xlb {
namespace {

// Bump when a generator's output changes, so stale cached files are not reused.
constexpr int kGeneratorVersion = 1;

std::int64_t int_param(const nlohmann::json& gen, const std::string& key, const std::string& input) {
  if (!gen.contains(key) || !gen[key].is_number_integer() || gen[key].get<std::int64_t>() < 0)
    throw InputError("input '" + input + "': generate." + key + " must be a non-negative integer");
  return gen[key].get<std::int64_t>();
}

// The size parameter of a generator, with its quick_ variant in quick mode.
std::int64_t size_param(const nlohmann::json& gen, const std::string& key, const InputContext& ctx,
                        const std::string& input) {
  const std::string quick_key = "quick_" + key;
  return int_param(gen, ctx.quick && gen.contains(quick_key) ? quick_key : key, input);
}

struct Generated {
  nlohmann::json descriptor;  // everything the bytes depend on; also names the cache file
  std::function<std::string()> make;
};

using Generator = std::function<Generated(const nlohmann::json&, const InputContext&, const std::string&)>;

const std::map<std::string, Generator>& generators() {
  static const std::map<std::string, Generator> table = {
      {"json_orders",
       [](const nlohmann::json& gen, const InputContext& ctx, const std::string& input) {
         const auto seed = int_param(gen, "seed", input);
         const auto orders = size_param(gen, "orders", ctx, input);
         const std::string shape = gen.value("shape", "page");
         if (shape != "order" && shape != "page")
           throw InputError("input '" + input + "': generate.shape must be 'order' or 'page'");
         return Generated{{{"shape", shape}, {"seed", seed}, {"orders", orders}}, [=] {
                            return generate_json_orders(shape, static_cast<std::uint64_t>(seed), orders);
                          }};
       }},
      {"k8s_resources",
       [](const nlohmann::json& gen, const InputContext& ctx, const std::string& input) {
         const auto seed = int_param(gen, "seed", input);
         const auto resources = size_param(gen, "resources", ctx, input);
         return Generated{{{"seed", seed}, {"resources", resources}},
                          [=] { return generate_k8s_resources(static_cast<std::uint64_t>(seed), resources); }};
       }},
      {"csv_sales",
       [](const nlohmann::json& gen, const InputContext& ctx, const std::string& input) {
         const auto seed = int_param(gen, "seed", input);
         const auto rows = size_param(gen, "rows", ctx, input);
         return Generated{{{"seed", seed}, {"rows", rows}},
                          [=] { return generate_csv_sales(static_cast<std::uint64_t>(seed), rows); }};
       }},
  };
  return table;
}

ResolvedInput generate(const InputSpec& spec, const InputContext& ctx) {
  const auto name = (*spec.generate)["generator"].get<std::string>();
  auto it = generators().find(name);
  if (it == generators().end()) throw InputError("input '" + spec.name + "': unknown generator '" + name + "'");
  auto generated = it->second(*spec.generate, ctx, spec.name);

  ResolvedInput r;
  r.name = spec.name;
  r.schema = spec.schema;
  r.source = "generated";
  r.generator = generated.descriptor;
  r.generator["generator"] = name;
  r.generator["version"] = kGeneratorVersion;
  std::string file = name + "-v" + std::to_string(kGeneratorVersion);
  for (const auto& [key, value] : generated.descriptor.items())
    file += "-" + key + "_" + (value.is_string() ? value.get<std::string>() : value.dump());
  const char* extension = name.starts_with("csv") ? ".csv" : name == "k8s_resources" ? ".jsonl" : ".json";
  r.path = ctx.cache_dir / (file + extension);
  if (!std::filesystem::exists(r.path)) {
    std::filesystem::create_directories(ctx.cache_dir);
    write_file_atomically(r.path, generated.make());
  }
  return r;
}

}  // namespace

ResolvedInput resolve_input(const InputSpec& spec, const InputContext& ctx) {
  ResolvedInput r;
  if (spec.params_only()) {
    r.name = spec.name;
    r.schema = spec.schema;
    r.source = "params";
    r.params = spec.params;
    r.available = true;
    return r;
  }
  if (spec.generate) {
    r = generate(spec, ctx);
  } else if (spec.local_file) {  // part of the workload: absent is an error, not a skip
    r.name = spec.name;
    r.schema = spec.schema;
    r.source = spec.user_file ? "user file" : "workload file";
    r.path = *spec.local_file;
    if (!std::filesystem::is_regular_file(r.path))
      throw InputError(r.path.string() + ": input '" + spec.name + "' names this file (\"path\"), which is missing");
  } else {
    r.name = spec.name;
    r.schema = spec.schema;
    r.source = "file";
    r.path = ctx.data_dir / *spec.file;
    if (ctx.data_dir.empty() || !std::filesystem::exists(r.path)) {
      r.skip_reason = ctx.data_dir.empty() ? "not found: " + *spec.file + " (no data directory; pass --data-dir)"
                                           : "not found: " + r.path.string();
      return r;
    }
  }
  r.params = spec.params;
  r.sha256 = sha256_file(r.path);
  if (spec.sha256 && r.sha256 != *spec.sha256)
    throw InputError(r.path.string() + ": sha256 " + r.sha256 + " does not match the manifest's " +
                     *spec.sha256 + " (input '" + spec.name + "')");
  r.bytes = std::filesystem::file_size(r.path);
  r.available = true;
  return r;
}

}  // namespace xlb
