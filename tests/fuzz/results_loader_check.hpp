#pragma once
// The body of the results_loader fuzz target, shared with the unit test that
// replays tests/fuzz/corpus/results_loader/: the bytes as a results file (what
// `report`, `compare`, `claims` and `run --resume` read). A document that loads
// must also survive the metrics every report derives from it and a save/load
// round trip. InputError is the right answer to a bad file; returns "" or what went wrong.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "model/results.hpp"

namespace xlb::fuzz {

inline std::string check_results_loader_input(const std::uint8_t* data, std::size_t size) {
  ResultsDoc doc;
  try {
    doc = parse_results(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
  } catch (const InputError&) {
    return "";
  } catch (const std::exception& e) {
    return std::string("loading threw something other than InputError: ") + e.what();
  }
  try {
    const std::string saved = to_json(doc).dump();  // computes every measurement's metrics
    const auto again = parse_results(saved, "saved.json");
    if (again.measurements.size() != doc.measurements.size()) return "the round trip lost measurements";
    if (to_json(again).dump() != saved) return "the round trip changed the document";
  } catch (const std::exception& e) {
    return std::string("a loaded document did not survive metrics and a round trip: ") + e.what();
  }
  return "";
}

}  // namespace xlb::fuzz
