#include "inputs/json_inputs.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "core/rng.hpp"

namespace xlb {
namespace {

using ojson = nlohmann::ordered_json;

// Names mix ASCII, accented Latin, CJK, emoji and characters JSON must escape,
// so parsers do real unescaping and UTF-8 work, as in real API payloads.
constexpr std::array kFirst = {"Ana", "Björn", "Chloé", "Dmitri", "Eun-ji", "Fatima", "Günter",
                               "Hiroshi", "Inés", "José", "Kwame", "Łukasz", "Mei", "Nadia"};
constexpr std::array kLast = {"O'Brien", "Müller", "García", "Nakamura 中村", "Smith",
                              "Kowalski", "Dubois", "Rossi \"Rocco\"", "Ivanova", "Chen 陈"};
constexpr std::array kCities = {"Zürich", "São Paulo", "Kraków", "東京", "Reykjavík", "Lyon", "Austin"};
constexpr std::array kCountries = {"CH", "BR", "PL", "JP", "IS", "FR", "US"};
constexpr std::array kStatus = {"pending", "paid", "shipped", "delivered", "cancelled"};
constexpr std::array kProducts = {"Widget", "Gadget 🚀", "Café beans", "Cable\\adapter", "Notebook",
                                  "Headphones", "Tea (green)", "Lamp"};
constexpr std::array kTags = {"sale", "new", "eco", "gift", "fragile", "bulk", "ünïcødé"};
constexpr std::array kSources = {"web", "ios", "android", "api"};
constexpr std::array kNotes = {"Leave at the door\nRing twice", "Gift wrap, please 🎁",
                               "Call before delivery: \"+41 44 000 00 00\"", "Tab\tseparated\tnote"};

template <typename Array>
const char* pick(Rng& rng, const Array& items) {
  return items[rng.below(items.size())];
}

ojson make_order(Rng& rng, std::int64_t id) {
  ojson items = ojson::array();
  std::int64_t total = 0;
  const auto n_items = 1 + rng.below(6);
  for (std::uint64_t i = 0; i < n_items; ++i) {
    const auto qty = static_cast<std::int64_t>(1 + rng.below(5));
    const auto price = static_cast<std::int64_t>(99 + rng.below(50000));
    ojson tags = ojson::array();
    for (std::uint64_t t = rng.below(4); t > 0; --t) tags.push_back(pick(rng, kTags));
    ojson discount = rng.below(3) == 0 ? ojson(static_cast<double>(5 + rng.below(30)) / 100.0) : ojson(nullptr);
    items.push_back({{"sku", "SKU-" + std::to_string(100000 + rng.below(900000))},
                     {"name", pick(rng, kProducts)},
                     {"qty", qty},
                     {"price_cents", price},
                     {"tags", tags},
                     {"discount", discount}});
    total += qty * price;
  }
  const std::string first = pick(rng, kFirst), last = pick(rng, kLast);
  ojson flags = ojson::array();
  for (std::uint64_t f = rng.below(3); f > 0; --f) flags.push_back(f == 1 ? "first_order" : "coupon");
  return {
      {"id", id},
      {"status", pick(rng, kStatus)},
      {"created_at", "2026-" + std::to_string(10 + rng.below(3)) + "-" + std::to_string(10 + rng.below(18)) +
                         "T" + std::to_string(10 + rng.below(14)) + ":" + std::to_string(10 + rng.below(50)) +
                         ":00Z"},
      {"customer",
       {{"id", static_cast<std::int64_t>(1000 + rng.below(1000000))},
        {"name", first + " " + last},
        {"email", "customer" + std::to_string(rng.below(100000)) + "@example.com"},
        {"vip", rng.below(5) == 0},
        {"address",
         {{"street", std::to_string(1 + rng.below(300)) + " Main Street"},
          {"city", pick(rng, kCities)},
          {"zip", std::to_string(10000 + rng.below(89999))},
          {"country", pick(rng, kCountries)}}}}},
      {"items", items},
      {"total_cents", total},
      {"currency", "EUR"},
      {"notes", rng.below(2) == 0 ? ojson(pick(rng, kNotes)) : ojson(nullptr)},
      {"metadata",
       {{"source", pick(rng, kSources)},
        {"score", static_cast<double>(rng.below(10000)) / 100.0},
        {"flags", flags}}},
  };
}

}  // namespace

std::string generate_json_orders(const std::string& shape, std::uint64_t seed, std::int64_t orders) {
  Rng rng(seed);
  if (shape == "order") return make_order(rng, 1).dump();
  ojson list = ojson::array();
  for (std::int64_t i = 0; i < orders; ++i) list.push_back(make_order(rng, 1 + i));
  ojson page = {{"orders", list},
                {"next_cursor", orders > 0 ? ojson("cursor-" + std::to_string(orders)) : ojson(nullptr)},
                {"total", orders}};
  return page.dump();
}

}  // namespace xlb
