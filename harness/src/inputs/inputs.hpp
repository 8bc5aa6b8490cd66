#pragma once
// Turns a manifest's input specs into files on disk: generated inputs go to a
// cache (made once, atomically); data-directory files are sha256-verified.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "model/manifest.hpp"

namespace xlb {

struct InputContext {
  std::filesystem::path data_dir;   // may be empty or missing: file inputs are then skipped
  std::filesystem::path cache_dir;  // where generated inputs are written
  bool quick = false;               // generators use their quick_* parameters
};

struct ResolvedInput {
  std::string name, schema;
  std::filesystem::path path;
  std::uintmax_t bytes = 0;
  std::string sha256;
  std::string source;  // "generated", "file" or "params" (a parameter point, no file)
  bool available = false;
  std::string skip_reason;  // why an optional file input is absent
  nlohmann::json generator;
  nlohmann::json params = nlohmann::json::object();  // the manifest's input params
};

// Throws InputError on a wrong sha256 or an unknown generator.
ResolvedInput resolve_input(const InputSpec& spec, const InputContext& ctx);

}  // namespace xlb
