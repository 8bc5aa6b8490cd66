#include "core/bounded_json.hpp"

#include <string>

namespace xlb {

JsonTooDeep::JsonTooDeep(int max_depth)
    : std::runtime_error("arrays and objects nested deeper than " + std::to_string(max_depth) + " levels") {}

nlohmann::json parse_bounded_json(std::string_view text, int max_depth) {
  // The callback parser builds the same value as plain parse; it only lets us stop early.
  return nlohmann::json::parse(text, [max_depth](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > max_depth) throw JsonTooDeep(max_depth);
    return true;
  });
}

}  // namespace xlb
