#include "analysis/claims.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include "analysis/analysis.hpp"
#include "core/bounded_json.hpp"
#include "analysis/claim_series.hpp"
#include "core/errors.hpp"
#include "core/format.hpp"
#include "model/metrics.hpp"
#include "core/names.hpp"

namespace xlb {
namespace {

using nlohmann::json;

// Builds error messages "<source>: claims[3].test.metric: what (claim 'id')".
struct Where {
  const std::string& source;
  size_t index;
  std::string id;
  [[noreturn]] void fail(const std::string& field, const std::string& what) const {
    std::string msg = source + ": claims[" + std::to_string(index) + "]";
    if (!field.empty()) msg += "." + field;
    msg += ": " + what;
    if (!id.empty()) msg += " (claim '" + id + "')";
    throw InputError(msg);
  }
};

std::string required_string(const json& obj, const std::string& key, const std::string& field, const Where& w) {
  if (!obj.contains(key)) w.fail(field, "missing");
  if (!obj[key].is_string()) w.fail(field, "must be a string");
  auto s = obj[key].get<std::string>();
  if (s.empty()) w.fail(field, "must not be empty");
  return s;
}

double positive_number(const json& obj, const std::string& key, const std::string& field, const Where& w) {
  if (!obj[key].is_number()) w.fail(field, "must be a number");
  double v = obj[key].get<double>();
  if (!std::isfinite(v) || v <= 0) w.fail(field, "must be a finite number > 0");
  return v;
}

ClaimSide parse_side(const json& t, const std::string& key, const Where& w) {
  const std::string field = "test." + key;
  if (!t.contains(key)) w.fail(field, "missing");
  if (!t[key].is_object()) w.fail(field, "must be an object {language, variant}");
  ClaimSide s;
  s.language = required_string(t[key], "language", field + ".language", w);
  if (s.language != "go" && s.language != "rust") w.fail(field + ".language", "must be 'go' or 'rust', not '" + s.language + "'");
  s.variant = required_string(t[key], "variant", field + ".variant", w);
  return s;
}

// mode and input as the metric's scope wants them: required, forbidden, or an open-loop phase.
void parse_scope(const json& t, const ClaimMetricSpec& spec, ClaimTest& test, const Where& w) {
  const bool mode = spec.scope != ClaimScope::lifecycle && spec.scope != ClaimScope::footprint;
  const bool input = mode && spec.scope != ClaimScope::endpoint;
  const std::string why = spec.scope == ClaimScope::endpoint    ? "each server's best closed-loop phase is used"
                          : spec.scope == ClaimScope::lifecycle ? "it reads the server's lifecycle row"
                                                                : "it reads the run's footprint";
  if (mode) test.mode = required_string(t, "mode", "test.mode", w);
  else if (t.contains("mode")) w.fail("test.mode", "metric '" + spec.name + "' takes no mode (" + why + ")");
  if (input) test.input = required_string(t, "input", "test.input", w);
  else if (t.contains("input")) w.fail("test.input", "metric '" + spec.name + "' takes no input (" + why + ")");
  if (spec.scope == ClaimScope::open_phase) {
    const auto& in = test.input;
    const bool open = in.size() > 4 && in.rfind("open", 0) == 0 &&
                      std::all_of(in.begin() + 4, in.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!open)
      w.fail("test.input", "metric '" + spec.name + "' needs an open-loop phase (open50, open90), not '" + in +
                               "': a closed loop hides queueing from latency");
  }
}

ClaimTest parse_test(const json& t, const Where& w) {
  if (!t.is_object()) w.fail("test", "must be an object");
  ClaimTest test;
  for (const auto& [k, v] : t.items())
    if (k != "workload" && k != "mode" && k != "input" && k != "fallback_input" && k != "metric" && k != "a" &&
        k != "b" && k != "expected")
      w.fail("test." + k, "unknown field");
  test.workload = required_string(t, "workload", "test.workload", w);
  test.metric = required_string(t, "metric", "test.metric", w);
  const auto* spec = find_claim_metric(test.metric);
  if (!spec) w.fail("test.metric", "unknown metric '" + test.metric + "'");
  parse_scope(t, *spec, test, w);
  if (t.contains("fallback_input")) {
    if (spec->scope != ClaimScope::cell)
      w.fail("test.fallback_input", "only cell metrics take a fallback input, not '" + test.metric + "'");
    test.fallback_input = required_string(t, "fallback_input", "test.fallback_input", w);
    if (test.fallback_input == test.input) w.fail("test.fallback_input", "names the test's own input");
  }
  test.a = parse_side(t, "a", w);
  test.b = parse_side(t, "b", w);
  if (test.a.id() == test.b.id()) w.fail("test.b", "names the same variant as test.a");
  if (!t.contains("expected")) w.fail("test.expected", "missing");
  const auto& e = t["expected"];
  if (!e.is_object()) w.fail("test.expected", "must be an object {ratio} or {min, max}");
  for (const auto& [k, v] : e.items())
    if (k != "ratio" && k != "min" && k != "max") w.fail("test.expected." + k, "unknown field");
  if (e.contains("ratio")) {
    if (e.contains("min") || e.contains("max")) w.fail("test.expected", "give either ratio or min/max, not both");
    test.low = test.high = positive_number(e, "ratio", "test.expected.ratio", w);
  } else {
    if (!e.contains("min") && !e.contains("max")) w.fail("test.expected", "needs ratio, min or max");
    if (e.contains("min")) test.low = positive_number(e, "min", "test.expected.min", w);
    if (e.contains("max")) test.high = positive_number(e, "max", "test.expected.max", w);
    if (test.low > test.high) w.fail("test.expected", "min is greater than max");
  }
  return test;
}

const Measurement* find_measurement(const ResultsDoc& doc, const ClaimTest& t, const ClaimSide& side) {
  for (const auto& m : doc.measurements)
    if (m.workload == t.workload && m.mode == t.mode && m.input == t.input && m.language == side.language &&
        m.variant == side.variant)
      return &m;
  return nullptr;
}

// Why a measurement cannot be used, or "" when it can.
std::string unusable(const ResultsDoc& doc, const Measurement* m, const ClaimTest& t, const ClaimSide& side) {
  const std::string what = side.id() + " on " + t.workload + "/" + t.mode + "/" + t.input;
  if (!m) return missing_row_reason(doc, t, side);
  if (m->status != "ok") return what + ": " + m->status + (m->reason.empty() ? "" : " (" + m->reason + ")");
  if (m->samples.empty()) return what + ": no samples";
  return "";
}

// For an input the run skipped (an optional corpus without --data-dir): why, and the command that supplies it.
std::string missing_input_hint(const ResultsDoc& doc, const ClaimTest& t) {
  for (const auto& in : doc.inputs)
    if (in.is_object() && in.value("workload", "") == t.workload && in.value("name", "") == t.input &&
        !in.value("available", true))
      return "; input '" + t.input + "' was not available (" + in.value("skip_reason", std::string("skipped")) +
             "): needs --data-dir, e.g. xlbench run --workload " + t.workload +
             " --data-dir DIR, with the corpus under DIR as the workload's manifest names it";
  return "";
}

std::string number(double v) {
  if (std::isinf(v)) return "inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, std::fabs(v) >= 100 ? "%.0f" : "%.3g", v);
  return buf;
}

std::string hardware_text(const std::vector<Verdict>& vs) {
  if (vs.empty()) return "unknown";
  const auto& v = vs.front();
  return (v.cpu_model.empty() ? std::string("unknown CPU") : v.cpu_model) + ", " +
         (v.logical_cpus > 0 ? std::to_string(v.logical_cpus) : std::string("?")) + " logical CPUs";
}

std::string rule_text() {
  return "A claimed ratio R (a over b, > 1 meaning a is better) is widened by a factor of " +
         number(1 + kClaimTolerance) +
         " either side for hardware differences; a claimed range [min, max] likewise (a bound of exactly 1, "
         "\"a wins at all\", is not widened). supported: the measured 95% bootstrap CI lies inside that band; "
         "contradicted: entirely outside; inconclusive: it overlaps a band edge. A ratio without a CI (one figure per "
         "side, \"no CI\") is compared as a point: supported or contradicted.";
}

}  // namespace

const std::vector<std::string>& claim_metrics() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& s : claim_metric_specs()) out.push_back(s.name);
    return out;
  }();
  return names;
}

std::string claim_test_text(const ClaimTest& t) {
  std::string cell = t.workload;
  for (const auto* part : {&t.mode, &t.input})
    if (!part->empty()) cell += "/" + *part;
  const auto* spec = find_claim_metric(t.metric);
  if (spec && spec->scope == ClaimScope::endpoint) cell += " (best closed-loop phase)";
  return cell + " " + t.metric + ": " + t.a.id() + " vs " + t.b.id();
}

std::vector<Claim> parse_claims(const json& j, const std::string& source) {
  if (!j.is_object()) throw InputError(source + ": must be a JSON object with a 'claims' array");
  if (!j.contains("schema_version") || !j["schema_version"].is_number_integer() || j["schema_version"].get<int>() != 1)
    throw InputError(source + ": schema_version: must be 1");
  if (!j.contains("claims") || !j["claims"].is_array()) throw InputError(source + ": claims: must be an array");
  std::vector<Claim> claims;
  std::set<std::string> ids;
  const auto& arr = j["claims"];
  for (size_t i = 0; i < arr.size(); ++i) {
    Where w{source, i, ""};
    const auto& e = arr[i];
    if (!e.is_object()) w.fail("", "must be an object");
    Claim c;
    c.id = required_string(e, "id", "id", w);
    if (!is_identifier(c.id)) w.fail("id", "'" + c.id + "' is not an identifier ([a-z0-9_-])");
    w.id = c.id;
    if (!ids.insert(c.id).second) w.fail("id", "duplicate id");
    for (const auto& [k, v] : e.items())
      if (k != "id" && k != "article" && k != "claim" && k != "note" && k != "test" && k != "untestable")
        w.fail(k, "unknown field");
    c.article = required_string(e, "article", "article", w);
    c.claim = required_string(e, "claim", "claim", w);
    if (e.contains("note")) c.note = required_string(e, "note", "note", w);
    const bool has_test = e.contains("test"), has_reason = e.contains("untestable");
    if (has_test == has_reason) w.fail("", "needs exactly one of 'test' and 'untestable'");
    if (has_test) c.test = parse_test(e["test"], w);
    else c.untestable = required_string(e, "untestable", "untestable", w);
    claims.push_back(std::move(c));
  }
  return claims;
}

std::vector<Claim> load_claims(const std::filesystem::path& path) {
  const auto name = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(name + ": cannot read the claims file");
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  json j;
  try {
    j = parse_bounded_json(text, 64);  // a hostile file must not overflow the stack
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number too large
    throw InputError(name + ": not valid JSON: " + e.what());
  } catch (const JsonTooDeep& e) {
    throw InputError(name + ": " + e.what());
  }
  return parse_claims(j, name);
}

std::filesystem::path default_claims_path() {
  const char* env = std::getenv("XLBENCH_ROOT");
  return std::filesystem::path(env ? env : XLB_SOURCE_DIR) / "workloads" / "claims.json";
}

Band tolerance_band(const ClaimTest& t, double tolerance) {
  const double f = 1 + tolerance;
  Band b{t.low, t.high};
  if (b.low != 1.0) b.low /= f;
  if (b.high != 1.0) b.high *= f;
  return b;
}

std::string to_string(VerdictKind k) {
  switch (k) {
    case VerdictKind::supported: return "supported";
    case VerdictKind::contradicted: return "contradicted";
    case VerdictKind::inconclusive: return "inconclusive";
    case VerdictKind::not_measured: return "not measured";
    case VerdictKind::untestable: return "untestable";
  }
  return "?";
}

VerdictKind classify(const ClaimTest& t, const stats::Interval& ci, double tolerance) {
  const auto band = tolerance_band(t, tolerance);
  if (ci.low >= band.low && ci.high <= band.high) return VerdictKind::supported;
  if (ci.high < band.low || ci.low > band.high) return VerdictKind::contradicted;
  return VerdictKind::inconclusive;
}

std::vector<Verdict> evaluate(const std::vector<Claim>& claims, const ResultsDoc& doc) {
  const auto& env = doc.environment;
  std::string cpu = env.contains("cpu_model") && env["cpu_model"].is_string() ? env["cpu_model"].get<std::string>() : "";
  int cpus = env.contains("logical_cpus") && env["logical_cpus"].is_number_integer() ? env["logical_cpus"].get<int>() : 0;
  std::vector<Verdict> out;
  for (const auto& c : claims) {
    Verdict v;
    v.id = c.id;
    v.article = c.article;
    v.claim = c.claim;
    v.note = c.note;
    v.cpu_model = cpu;
    v.logical_cpus = cpus;
    v.test = c.test;
    if (!c.test) {
      v.kind = VerdictKind::untestable;
      v.detail = c.untestable;
      out.push_back(std::move(v));
      continue;
    }
    const auto& t = *c.test;
    if (is_series_metric(t.metric)) {
      auto r = series_ratio(doc, t);
      if (!r.why.empty()) {
        v.kind = VerdictKind::not_measured;
        v.detail = r.why;
      } else {
        v.measured = r.ratio;
        v.ci = r.ci;
        v.detail = r.detail;
        v.kind = classify(t, r.ci ? *r.ci : stats::Interval{*r.ratio, *r.ratio});
      }
      out.push_back(std::move(v));
      continue;
    }
    const auto* ma = find_measurement(doc, t, t.a);
    const auto* mb = find_measurement(doc, t, t.b);
    std::string fallback_detail;
    ClaimTest used = t;  // the test as measured: its own input, or the fallback
    if ((!ma || !mb) && !t.fallback_input.empty()) {
      ClaimTest fallback = t;
      fallback.input = t.fallback_input;
      const auto *fa = find_measurement(doc, fallback, t.a), *fb = find_measurement(doc, fallback, t.b);
      if (fa && fb) {
        used = fallback;
        ma = fa;
        mb = fb;
        fallback_detail = "measured on the generated input '" + t.fallback_input + "' instead of '" + t.input +
                          "', which is not in this run" + missing_input_hint(doc, t) +
                          "; run with the corpus for the article's own input";
      }
    }
    std::string why = unusable(doc, ma, used, t.a);
    if (why.empty()) why = unusable(doc, mb, used, t.b);
    if (!why.empty() && (!ma || !mb)) why += missing_input_hint(doc, t);
    if (why.empty()) {
      std::vector<double> num, den;  // ratio = median(num) / median(den), > 1: a better
      if (t.metric == "ops_per_s") {
        num = metric("ops_per_s").series(*ma);
        den = metric("ops_per_s").series(*mb);
      } else if (t.metric == "wall_time") {
        num = metric("ns_per_op").series(*mb);
        den = metric("ns_per_op").series(*ma);
      } else if (t.metric == "peak_rss") {
        num = peak_rss_per_run(*mb);
        den = peak_rss_per_run(*ma);
        if (num.empty() || den.empty()) why = "no successful process run with a peak RSS";
      } else {  // bytes_per_task
        const auto pa = bytes_per_task(doc, *ma), pb = bytes_per_task(doc, *mb);
        if (!pa || !pb)
          why = "bytes per task needs both variants at tasks = 0 (input n0) in the same mode, status ok";
        else if (*pa <= 0 || *pb <= 0)
          why = "bytes per task is not positive (" + number(*pa) + " / " + number(*pb) +
                "): memory growth lost in noise";
        else {
          v.measured = *pb / *pa;
          v.detail = "no CI: bytes per task is one figure per variant (median peak RSS of runs vs the n0 run); "
                     "the verdict compares that point with the band";
          v.kind = classify(t, {*v.measured, *v.measured});
        }
      }
      if (why.empty() && !v.measured) {
        if (num.empty() || den.empty()) {
          why = "no samples";
        } else {
          auto r = stats::ratio_of_medians(num, den);
          v.measured = r.ratio;
          v.ci = r.ci;
          v.kind = classify(t, r.ci);
        }
      }
    }
    if (!fallback_detail.empty()) v.detail = fallback_detail + (v.detail.empty() ? "" : "; " + v.detail);
    if (!why.empty()) {
      v.kind = VerdictKind::not_measured;
      v.detail = why;
      v.measured.reset();
      v.ci.reset();
    }
    out.push_back(std::move(v));
  }
  return out;
}

nlohmann::json verdicts_json(const std::vector<Verdict>& verdicts) {
  json arr = json::array();
  for (const auto& v : verdicts) {
    json o = {{"id", v.id}, {"article", v.article}, {"claim", v.claim}, {"verdict", to_string(v.kind)},
              {"hardware", {{"cpu_model", v.cpu_model}, {"logical_cpus", v.logical_cpus}}}};
    if (!v.note.empty()) o["note"] = v.note;
    if (!v.detail.empty()) o["detail"] = v.detail;
    if (v.test) {
      const auto& t = *v.test;
      const auto band = tolerance_band(t);
      o["test"] = {{"workload", t.workload}, {"metric", t.metric}, {"a", t.a.id()}, {"b", t.b.id()}};
      if (!t.mode.empty()) o["test"]["mode"] = t.mode;
      if (!t.input.empty()) o["test"]["input"] = t.input;
      if (!t.fallback_input.empty()) o["test"]["fallback_input"] = t.fallback_input;
      o["claimed"] = {{"min", t.low}, {"max", std::isinf(t.high) ? json(nullptr) : json(t.high)}};
      o["band"] = {{"min", band.low}, {"max", std::isinf(band.high) ? json(nullptr) : json(band.high)}};
      o["measured_ratio"] = v.measured ? json(*v.measured) : json(nullptr);
      o["ci"] = v.ci ? json{{"low", v.ci->low}, {"high", v.ci->high}} : json(nullptr);
    }
    arr.push_back(std::move(o));
  }
  return {{"tolerance", kClaimTolerance}, {"verdicts", arr}};
}

void write_verdicts(const std::vector<Verdict>& verdicts, const std::string& format, std::ostream& out) {
  if (format == "json") {
    out << verdicts_json(verdicts).dump(2) << "\n";
    return;
  }
  if (format == "markdown") {
    out << "Measured on " << markdown_cell(hardware_text(verdicts)) << ". " << rule_text() << " See docs/claims.md.\n\n";
    out << "| claim | article | figures | test | claimed | measured [95% CI] | verdict |\n|---|---|---|---|---|---|---|\n";
    for (const auto& v : verdicts) {
      std::string test = v.test ? claim_test_text(*v.test) : "-";
      if (v.test && !v.note.empty()) test += " (note: " + v.note + ")";  // proxies must be read with their note
      std::string verdict = "**" + to_string(v.kind) + "**";
      if (!v.detail.empty()) verdict += ": " + v.detail;
      out << "| " << v.id << " | " << markdown_cell(v.article) << " | " << markdown_cell(v.claim) << " | " << markdown_cell(test)
          << " | " << (v.test ? claimed_text(*v.test) : "-") << " | " << measured_text(v) << " | "
          << markdown_cell(verdict) << " |\n";
    }
    return;
  }
  if (format != "console") throw InputError("--format: '" + format + "' is not console, markdown or json");
  out << "Claims measured on " << hardware_text(verdicts) << "\n" << rule_text() << "\n\n";
  std::map<std::string, int> counts;
  for (const auto& v : verdicts) {
    ++counts[to_string(v.kind)];
    out << std::left << std::setw(14) << to_string(v.kind) << " " << v.id << "  (" << v.article << ")\n"
        << "    " << v.claim << "\n";
    if (v.test)
      out << "    " << claim_test_text(*v.test) << "; claimed " << claimed_text(*v.test) << ", measured "
          << measured_text(v) << "\n";
    if (!v.detail.empty()) out << "    " << v.detail << "\n";
    if (v.test && !v.note.empty()) out << "    note: " << v.note << "\n";
  }
  out << "\n";
  for (const auto& [k, n] : counts) out << k << ": " << n << "  ";
  out << "\n";
}

ClaimsOutcome evaluate_claims_file(const std::filesystem::path& file, const ResultsDoc& doc) {
  ClaimsOutcome outcome;
  outcome.file = file;
  try {
    outcome.verdicts = evaluate(load_claims(file), doc);
  } catch (const std::exception& e) {
    outcome.error = e.what();
  }
  return outcome;
}

std::filesystem::path claims_file_for(const std::filesystem::path& results_path, const std::filesystem::path& chosen,
                                      const std::filesystem::path& project_file) {
  if (!chosen.empty()) return chosen;
  const auto kept = results_path.parent_path() / "claims.json";
  std::error_code ec;
  if (std::filesystem::is_regular_file(kept, ec)) return kept;
  return project_file.empty() ? default_claims_path() : project_file;
}

std::string claimed_text(const ClaimTest& t) {
  if (t.point()) return number(t.low) + "x";
  if (std::isinf(t.high)) return ">= " + number(t.low) + "x";
  if (t.low == 0) return "<= " + number(t.high) + "x";
  return number(t.low) + "x to " + number(t.high) + "x";
}

std::string band_text(const Band& b) { return number(b.low) + "x to " + (std::isinf(b.high) ? "inf" : number(b.high) + "x"); }

std::string measured_text(const Verdict& v) {
  if (!v.measured) return "-";
  if (!v.ci) return number(*v.measured) + "x (one figure, no CI)";
  return number(*v.measured) + "x [" + number(v.ci->low) + ", " + number(v.ci->high) + "]";
}

}  // namespace xlb
