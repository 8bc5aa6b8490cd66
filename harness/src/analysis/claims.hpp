#pragma once
// Claims made by articles about Go vs Rust (workloads/claims.json), and their
// verdicts against a results document. The tolerance rule and the verdict
// meanings are documented in docs/claims.md.
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "model/claim.hpp"
#include "model/results.hpp"
#include "stats/stats.hpp"

namespace xlb {

const std::vector<std::string>& claim_metrics();
// "http/plaintext/open90 latency_p99: rust/axum vs go/nethttp"
std::string claim_test_text(const ClaimTest& t);

// Validates and parses a claims document; throws InputError naming
// "<source>: claims[i].field" and the claim id when known.
std::vector<Claim> parse_claims(const nlohmann::json& j, const std::string& source_name);
std::vector<Claim> load_claims(const std::filesystem::path& path);
// <root>/workloads/claims.json, root = $XLBENCH_ROOT or the source tree.
std::filesystem::path default_claims_path();

struct Band {
  double low, high;
};
// The claimed range widened by the tolerance (bounds equal to 1 stay put).
Band tolerance_band(const ClaimTest& t, double tolerance = kClaimTolerance);

enum class VerdictKind { supported, contradicted, inconclusive, not_measured, untestable };
std::string to_string(VerdictKind k);

// supported: ci inside the band; contradicted: ci entirely outside it;
// inconclusive: ci overlaps a band edge.
VerdictKind classify(const ClaimTest& t, const stats::Interval& ci, double tolerance = kClaimTolerance);

struct Verdict {
  std::string id, article, claim, note;
  VerdictKind kind = VerdictKind::untestable;
  std::optional<ClaimTest> test;
  std::optional<double> measured;        // measured ratio a/b (better direction)
  std::optional<stats::Interval> ci;     // 95% bootstrap CI; absent when each side has one figure (detail says so)
  std::string detail;                    // why not measured / untestable, or a caveat
  std::string cpu_model;                 // the run's hardware
  int logical_cpus = 0;
};

std::vector<Verdict> evaluate(const std::vector<Claim>& claims, const ResultsDoc& doc);

// How a claim's figures read: "1.3x", ">= 2x", "<= 0.5x", "1.2x to 1.5x"; the band "1.04x to 1.63x";
// the measured "1.42x [1.30, 1.55]", "1.4x (one figure, no CI)" or "-".
std::string claimed_text(const ClaimTest& t);
std::string band_text(const Band& b);
std::string measured_text(const Verdict& v);

// format: console | markdown | json. Throws InputError on another format.
void write_verdicts(const std::vector<Verdict>& verdicts, const std::string& format, std::ostream& out);
nlohmann::json verdicts_json(const std::vector<Verdict>& verdicts);

// A claims file judged against one run, once; reports and the console show this one outcome.
struct ClaimsOutcome {
  std::filesystem::path file;     // the claims file evaluated
  std::vector<Verdict> verdicts;  // every claim, untestable ones included
  std::string error;              // non-empty: the file could not be read (then no verdicts)
};
ClaimsOutcome evaluate_claims_file(const std::filesystem::path& file, const ResultsDoc& doc);

// The claims file a run is judged against: `chosen` when not empty (--claims), else the copy the
// run keeps next to its results (claims.json), else the project's file (runs made before runs
// kept a copy; default: default_claims_path()).
std::filesystem::path claims_file_for(const std::filesystem::path& results_path, const std::filesystem::path& chosen,
                                      const std::filesystem::path& project_file = {});


}  // namespace xlb
