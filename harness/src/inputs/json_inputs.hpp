#pragma once
// Deterministic JSON documents for the json workload: API-style orders.
#include <cstdint>
#include <string>

namespace xlb {

// shape "order": one order object (a small API payload);
// shape "page": {"orders":[...], "next_cursor":..., "total":N}.
std::string generate_json_orders(const std::string& shape, std::uint64_t seed, std::int64_t orders);

}  // namespace xlb
