#include "report/sections/claim_text.hpp"

namespace xlb::report {

std::string verdict_tag(VerdictKind k) {
  switch (k) {
    case VerdictKind::supported: return "v-supported";
    case VerdictKind::contradicted: return "v-contradicted";
    case VerdictKind::inconclusive: return "v-inconclusive";
    case VerdictKind::not_measured: return "v-not-measured";
    case VerdictKind::untestable: return "v-untestable";
  }
  return "";
}

}  // namespace xlb::report
