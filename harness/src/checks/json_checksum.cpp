#include "checks/json_checksum.hpp"

#include <cstdint>
#include <functional>
#include <vector>

#include "core/errors.hpp"

namespace xlb {
namespace {

using nlohmann::json;

struct Stats {
  std::int64_t objects = 0, arrays = 0, strings = 0, numbers = 0, bools = 0, nulls = 0;
  std::int64_t members = 0, elements = 0, string_bytes = 0, key_bytes = 0;
};

void walk(const json& v, Stats& s) {
  switch (v.type()) {
    case json::value_t::object:
      ++s.objects;
      for (const auto& [key, child] : v.items()) {
        ++s.members;
        s.key_bytes += static_cast<std::int64_t>(key.size());
        walk(child, s);
      }
      break;
    case json::value_t::array:
      ++s.arrays;
      for (const auto& child : v) {
        ++s.elements;
        walk(child, s);
      }
      break;
    case json::value_t::string:
      ++s.strings;
      s.string_bytes += static_cast<std::int64_t>(v.get_ref<const std::string&>().size());
      break;
    case json::value_t::boolean: ++s.bools; break;
    case json::value_t::null: ++s.nulls; break;
    default: ++s.numbers; break;
  }
}

struct Segment {
  std::string key;  // "*" = every value of an object
  bool each_element = false;
};

std::vector<Segment> parse_path(const std::string& path) {
  std::vector<Segment> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    Segment seg;
    if (part.ends_with("[*]")) {
      seg.each_element = true;
      part.resize(part.size() - 3);
    }
    if (part.empty()) throw InputError("checksum path '" + path + "': empty segment");
    seg.key = part;
    segments.push_back(seg);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return segments;
}

void visit(const json& v, const std::vector<Segment>& path, size_t i,
           const std::function<void(const json&)>& leaf) {
  if (i == path.size()) {
    leaf(v);
    return;
  }
  const Segment& seg = path[i];
  auto step = [&](const json& child) {
    if (!seg.each_element) {
      visit(child, path, i + 1, leaf);
    } else if (child.is_array()) {
      for (const auto& e : child) visit(e, path, i + 1, leaf);
    }
  };
  if (!v.is_object()) return;
  if (seg.key == "*") {
    for (const auto& [k, child] : v.items()) step(child);
  } else if (auto it = v.find(seg.key); it != v.end()) {
    step(*it);
  }
}

}  // namespace

json json_stats(const json& doc) {
  Stats s;
  walk(doc, s);
  return json{{"objects", s.objects}, {"arrays", s.arrays},   {"strings", s.strings},
              {"numbers", s.numbers}, {"bools", s.bools},     {"nulls", s.nulls},
              {"members", s.members}, {"elements", s.elements}, {"string_bytes", s.string_bytes},
              {"key_bytes", s.key_bytes}};
}

json json_path_aggregates(const json& doc, const json& aggregates) {
  if (!aggregates.is_array()) throw InputError("checksum aggregates must be an array");
  json out = json::object();
  for (const auto& agg : aggregates) {
    if (!agg.is_object() || !agg.contains("key") || !agg.contains("op") || !agg.contains("path") ||
        !agg["key"].is_string() || !agg["op"].is_string() || !agg["path"].is_string())
      throw InputError("checksum aggregate needs string 'key', 'op' and 'path': " + agg.dump());
    const auto op = agg["op"].get<std::string>();
    if (op != "count" && op != "sum" && op != "bytes")
      throw InputError("checksum aggregate '" + agg["key"].get<std::string>() + "': unknown op '" + op + "'");
    std::uint64_t total = 0;  // unsigned so overflow wraps, as the spec says
    visit(doc, parse_path(agg["path"].get<std::string>()), 0, [&](const json& v) {
      if (v.is_null()) return;
      if (op == "count") {
        ++total;
      } else if (op == "sum" && v.is_number_integer()) {
        total += v.is_number_unsigned() ? v.get<std::uint64_t>()
                                        : static_cast<std::uint64_t>(v.get<std::int64_t>());
      } else if (op == "bytes" && v.is_string()) {
        total += v.get_ref<const std::string&>().size();
      }
    });
    out[agg["key"].get<std::string>()] = static_cast<std::int64_t>(total);
  }
  return out;
}

}  // namespace xlb
