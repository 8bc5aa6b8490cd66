#include "inputs/csv_inputs.hpp"

#include <array>

#include "core/rng.hpp"

namespace xlb {
namespace {

constexpr std::array kCustomers = {"Ana Souza", "Björn Åberg", "Chloé Martin", "李 伟", "O'Neil, Pat",
                                   "Fatima Zahra", "Günter Groß", "Kwame Mensah", "Łucja Nowak"};
constexpr std::array kProducts = {"widget", "gadget", "café beans", "cable", "notebook", "lamp", "tea"};
constexpr std::array kComments = {"ok", "Leave at the door, ring twice", "Said \"fragile\" on the box",
                                  "multi-line\r\nnote", "", "5* service, would buy again"};

// Quotes a field when RFC 4180 requires it, doubling inner quotes.
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string store_name(std::uint64_t n) {
  // Every 25th store has a comma in its name, so some keys arrive quoted.
  std::string id = std::to_string(1000 + n);
  return n % 25 == 0 ? "store " + id + ", downtown" : "store-" + id;
}

}  // namespace

std::string generate_csv_sales(std::uint64_t seed, std::int64_t rows) {
  Rng rng(seed);
  std::string out = "order_id,store,customer,product,quantity,price_cents,discount_pct,comment,created_at\r\n";
  out.reserve(static_cast<size_t>(rows) * 110);
  for (std::int64_t i = 0; i < rows; ++i) {
    const auto discount = rng.below(3) == 0 ? std::string() : std::to_string(rng.below(51));
    out += std::to_string(100000 + i);
    out += ',' + field(store_name(rng.below(1000)));
    out += ',' + field(kCustomers[rng.below(kCustomers.size())]);
    out += ',' + field(kProducts[rng.below(kProducts.size())]);
    out += ',' + std::to_string(1 + rng.below(20));
    out += ',' + std::to_string(99 + rng.below(99900));
    out += ',' + discount;
    out += ',' + field(kComments[rng.below(kComments.size())]);
    out += ",2026-" + std::to_string(10 + rng.below(3)) + "-" + std::to_string(10 + rng.below(18)) + "T12:00:00Z";
    out += "\r\n";
  }
  return out;
}

}  // namespace xlb
