#pragma once
// Rows of a results document that a resumed run finds again and continues.
#include <cstddef>
#include <optional>

#include "model/results.hpp"

namespace xlb {

// The measurement of (workload, mode, input, language, variant), if the document has it.
std::optional<std::size_t> find_measurement(const ResultsDoc& doc, const Measurement& key);

// True when the measurement failed only because the user interrupted the harness.
bool interrupted_by_user(const Measurement& m);

// Makes such a measurement runnable again: status ok, and the records of the
// interrupted process run dropped (its samples were never kept).
void reopen_interrupted(Measurement& m);

}  // namespace xlb
