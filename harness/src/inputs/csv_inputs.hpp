#pragma once
// Deterministic CSV for the csv workload: sales records with CRLF line ends,
// quoted keys and comments (commas, doubled quotes, line breaks), empty fields.
#include <cstdint>
#include <string>

namespace xlb {

std::string generate_csv_sales(std::uint64_t seed, std::int64_t rows);

}  // namespace xlb
