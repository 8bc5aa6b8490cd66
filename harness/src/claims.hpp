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

#include "results.hpp"
#include "stats.hpp"

namespace xlb {

// The one tolerance for every claim: hardware differs, so a claimed ratio R
// stands for the band [R / (1 + t), R * (1 + t)]. A bound of exactly 1 (a
// claim about who wins at all) is never widened.
inline constexpr double kClaimTolerance = 0.25;

struct ClaimSide {
  std::string language, variant;
  std::string id() const { return language + "/" + variant; }
};

struct ClaimTest {
  // mode and input are empty when the metric takes none (claim_series.hpp: ClaimScope).
  std::string workload, mode, input;
  std::string metric;  // one of claim_metrics()
  ClaimSide a, b;      // ratio a/b in the metric's "better" direction (> 1: a better)
  // The claimed relation as a range of ratios; a point claim has low == high.
  double low = 0;
  double high = std::numeric_limits<double>::infinity();
  bool point() const { return low == high; }
};

struct Claim {
  std::string id, article, claim, note;
  std::optional<ClaimTest> test;
  std::string untestable;  // the reason, when there is no test
};

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

// format: console | markdown | json. Throws InputError on another format.
void write_verdicts(const std::vector<Verdict>& verdicts, const std::string& format, std::ostream& out);
nlohmann::json verdicts_json(const std::vector<Verdict>& verdicts);

// report.md's "Claims" section from the default claims file; a one-line note
// instead when that file is missing or invalid.
void write_claims_section(const ResultsDoc& doc, std::ostream& out);

}  // namespace xlb
