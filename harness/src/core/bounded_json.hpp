#pragma once
// JSON from outside (a variant's stdout, a results file) with a bound on its
// nesting: copying, comparing and printing a json value recurse once per
// level, so 30,000 nested brackets in one 64 KB line would overflow the stack.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

namespace xlb {

class JsonTooDeep : public std::runtime_error {
 public:
  explicit JsonTooDeep(int max_depth);
};

// Like nlohmann::json::parse (throws its parse_error on bad syntax), and throws
// JsonTooDeep when arrays and objects nest deeper than `max_depth`.
nlohmann::json parse_bounded_json(std::string_view text, int max_depth);

}  // namespace xlb
