#pragma once
// The row tag the HTML page colours a claim's verdict by. The claim's figures
// read as analysis/claims.hpp writes them (claimed_text, band_text, measured_text).
#include <string>

#include "analysis/claims.hpp"

namespace xlb::report {

// "v-supported", "v-contradicted", ...
std::string verdict_tag(VerdictKind k);

}  // namespace xlb::report
