#pragma once
// The message parse_claims gives for a malformed claims document, or "(no error)".
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/claims.hpp"
#include "core/errors.hpp"

inline std::string claims_parse_error(const nlohmann::json& j) {
  try {
    xlb::parse_claims(j, "claims.json");
  } catch (const xlb::InputError& e) {
    return e.what();
  }
  return "(no error)";
}
