#include "analysis/claim_series.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "core/errors.hpp"
#include "analysis/http_summary.hpp"
#include "kinds/build/footprint.hpp"
#include "loadgen/latency_histogram.hpp"
#include "model/metrics.hpp"
#include "model/server_plan.hpp"

namespace xlb {
namespace {

using nlohmann::json;

// One side's figures, grouped by round (by build for build_time): max_rps has a
// group of 100 ms interval rates per round, the per-round metrics one value per group.
struct Side {
  std::vector<std::vector<double>> groups;
  std::string phase;  // max_rps: the best closed-loop phase chosen
  double target_rate = 0;
  std::string why;
  std::size_t count() const { return groups.size(); }
};

std::string where(const ClaimTest& t, const ClaimSide& s) {
  std::string cell = t.workload;
  for (const auto* part : {&t.mode, &t.input})
    if (!part->empty()) cell += "/" + *part;
  return s.id() + " on " + cell;
}

std::string join(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x;
  return out;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, std::fabs(v) >= 100 ? "%.0f" : "%.3g", v);
  return buf;
}

std::vector<std::string> phase_names(const std::vector<int>& connections, const std::vector<int>& percents) {
  std::vector<std::string> out;
  for (int c : connections) out.push_back("c" + std::to_string(c));
  for (int p : percents) out.push_back("open" + std::to_string(p));
  return out;
}

// The load phases the run's plan asked for; empty when the document does not say.
std::vector<std::string> planned_phases(const ResultsDoc& doc) {
  if (!doc.plan.contains("server") || !doc.plan["server"].is_object()) return {};
  const auto& s = doc.plan["server"];
  std::vector<int> conns, pcts;
  for (const auto* key : {"connections", "open_percents"}) {
    if (!s.contains(key) || !s[key].is_array()) return {};
    for (const auto& v : s[key])
      if (v.is_number_integer()) (std::string(key) == "connections" ? conns : pcts).push_back(v.get<int>());
  }
  return phase_names(conns, pcts);
}

bool variant_ran(const ResultsDoc& doc, const ClaimTest& t, const ClaimSide& s) {
  return std::any_of(doc.measurements.begin(), doc.measurements.end(), [&](const auto& m) {
    return m.workload == t.workload && m.language == s.language && m.variant == s.variant;
  });
}

bool cell_part_ran(const ResultsDoc& doc, const ClaimTest& t, const std::string ClaimTest::*part) {
  return std::any_of(doc.measurements.begin(), doc.measurements.end(), [&](const Measurement& m) {
    return m.workload == t.workload && (part == &ClaimTest::mode ? m.mode : m.input) == t.*part;
  });
}

}  // namespace

std::string missing_row_reason(const ResultsDoc& doc, const ClaimTest& t, const ClaimSide& s) {
  const bool workload_ran =
      std::any_of(doc.measurements.begin(), doc.measurements.end(),
                  [&](const auto& m) { return m.workload == t.workload; });
  if (!workload_ran) {
    std::string msg = "workload '" + t.workload + "' is not in this run (not selected";
    if (t.metric == "build_time")
      msg += "; every build scenario: xlbench run --workload build";
    return msg + ")";
  }
  if (!variant_ran(doc, t, s)) return s.id() + " has no " + t.workload + " row in this run (not selected)";
  const auto spec = find_claim_metric(t.metric);
  if (spec && (spec->scope == ClaimScope::phase || spec->scope == ClaimScope::open_phase)) {
    const auto planned = planned_phases(doc);
    if (!planned.empty() && std::find(planned.begin(), planned.end(), t.input) == planned.end()) {
      const auto full = full_server_plan();
      return where(t, s) + ": phase '" + t.input + "' is not in this run: its " +
             doc.plan.value("name", std::string("")) + " plan runs " + join(planned) + " (the full plan runs " +
             join(phase_names(full.connections, full.open_percents)) + ")";
    }
  }
  const auto plan = doc.plan.value("name", std::string(""));
  const bool input_skipped = std::any_of(doc.inputs.begin(), doc.inputs.end(), [&](const nlohmann::json& in) {
    return in.is_object() && in.value("workload", "") == t.workload && in.value("name", "") == t.input &&
           !in.value("available", true);
  });
  if (input_skipped) return where(t, s) + ": not in this run (its input '" + t.input + "' was skipped)";
  const bool mode_ran = cell_part_ran(doc, t, &ClaimTest::mode), input_ran = cell_part_ran(doc, t, &ClaimTest::input);
  const std::string missing = !mode_ran && !input_ran ? "mode '" + t.mode + "' and input '" + t.input + "' were"
                              : !mode_ran            ? "mode '" + t.mode + "' was"
                              : !input_ran           ? "input '" + t.input + "' was"
                                                     : "this mode and input together were";
  std::string command = "xlbench run --workload " + t.workload;
  if (!t.mode.empty()) command += " --mode " + t.mode;
  if (!t.input.empty()) command += " --input " + t.input;
  return where(t, s) + ": not in this run (" + (plan.empty() ? "" : "a " + plan + " run: ") + "its " + missing +
         " not in the plan or the selection; measured by: " + command + ")";
}

namespace {

std::string status_problem(const Measurement& m, const std::string& what) {
  if (m.status == "ok") return "";
  return what + ": " + m.status + (m.reason.empty() ? "" : " (" + m.reason + ")");
}

const Measurement* find_row(const ResultsDoc& doc, const std::string& workload, const std::string& mode,
                            const std::string& input, const ClaimSide& s) {
  for (const auto& m : doc.measurements)
    if (m.workload == workload && m.mode == mode && m.input == input && m.language == s.language &&
        m.variant == s.variant)
      return &m;
  return nullptr;
}

// Rounds of a server row that measured something (a round the load generator refused has load_error).
std::vector<PhaseRound> measured_rounds(const Measurement& m) {
  std::vector<PhaseRound> out;
  if (const auto row = read_phase_row(m))
    for (const auto& r : row->rounds)
      if (r.load_error.empty()) out.push_back(r);
  return out;
}

std::optional<double> number_at(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_number()) return std::nullopt;
  return obj[key].get<double>();
}

// --- max_rps: interval rates of each server's best closed-loop phase, by round ---------------------------

// The phase row's req/s samples split by the round that produced them: a round contributes one
// sample per non-empty interval. One group when the counts do not add up (older documents).
std::vector<std::vector<double>> interval_groups(const Measurement& m) {
  const auto rates = metric("ops_per_s").series(m);
  std::vector<std::size_t> sizes;
  for (const auto& r : measured_rounds(m)) {
    std::size_t n = 0;
    if (r.record.contains("per_interval") && r.record["per_interval"].is_array())
      for (const auto& c : r.record["per_interval"])
        if (c.is_number() && c.get<double>() > 0) ++n;
    if (n) sizes.push_back(n);
  }
  std::size_t total = 0;
  for (auto n : sizes) total += n;
  if (sizes.empty() || total != rates.size()) return {rates};
  std::vector<std::vector<double>> groups;
  auto it = rates.begin();
  for (auto n : sizes) {
    groups.emplace_back(it, it + static_cast<std::ptrdiff_t>(n));
    it += static_cast<std::ptrdiff_t>(n);
  }
  return groups;
}

Side max_rps_side(const ResultsDoc& doc, const ClaimTest& t, const ClaimSide& s) {
  Side out;
  const auto rows = rows_of(doc, t.workload, s.language, s.variant, t.mode);
  if (rows.empty()) {
    out.why = missing_row_reason(doc, t, s);
    return out;
  }
  const auto* best = best_closed_row(doc, t.workload, s.language, s.variant, t.mode);
  if (!best) {
    std::vector<std::string> seen;
    for (const auto* m : rows)
      if (const auto row = read_phase_row(*m); row && !row->open_loop)
        seen.push_back(m->input + ": " + m->status + (m->reason.empty() ? "" : " (" + m->reason + ")"));
    out.why = where(t, s) + ": no closed-loop phase with status ok and samples" +
              (seen.empty() ? std::string(" (no closed-loop phase in this run)") : " (" + join(seen) + ")");
    return out;
  }
  out.phase = best->input;
  out.groups = interval_groups(*best);
  return out;
}

// --- per-round figures of a load phase or of the lifecycle row ---------------------------------------------

using RoundFigure = std::function<std::optional<double>(const PhaseRound& round)>;

Side phase_side(const ResultsDoc& doc, const ClaimTest& t, const ClaimSide& s, const std::string& figure_name,
                const RoundFigure& figure) {
  Side out;
  const auto* m = find_row(doc, t.workload, t.mode, t.input, s);
  const auto what = where(t, s);
  if (!m) {
    out.why = missing_row_reason(doc, t, s);
    return out;
  }
  std::optional<PhaseRow> row;
  try {
    row = read_phase_row(*m);
  } catch (const InputError& e) {
    out.why = what + ": " + e.what();
    return out;
  }
  if (!row) {
    out.why = what + ": not a load phase of a server workload (metric '" + t.metric + "' reads those)";
    return out;
  }
  if (out.why = status_problem(*m, what); !out.why.empty()) return out;
  if (find_claim_metric(t.metric)->scope == ClaimScope::open_phase && !row->open_loop) {
    out.why = what + ": not an open-loop phase; latency is compared at a fixed offered rate only (a closed loop "
                     "waits for each response and so hides queueing)";
    return out;
  }
  out.target_rate = row->target_rate;
  const auto rounds = measured_rounds(*m);
  for (std::size_t i = 0; i < rounds.size(); ++i) {
    const std::optional<double> v = figure(rounds[i]);
    if (!v) continue;
    if (!std::isfinite(*v) || *v <= 0) {
      out.why = what + ": round " + std::to_string(i + 1) + " has " + figure_name + " " + number(*v) +
                " (not a positive figure: a ratio cannot use it)";
      return out;
    }
    out.groups.push_back({*v});
  }
  if (out.groups.empty()) out.why = what + ": no round with " + figure_name;
  return out;
}

RoundFigure latency_figure(double q) {
  return [q](const PhaseRound& round) -> std::optional<double> {
    if (round.latency.count() == 0) return std::nullopt;
    return static_cast<double>(round.latency.percentile_ns(q)) / 1e6;  // ms
  };
}

// The server's peak RSS of a round (none without an RSS sample), and its CPU per 1,000 requests.
std::optional<double> server_rss_figure(const PhaseRound& round) {
  if (round.server.rss_samples <= 0) return std::nullopt;
  return static_cast<double>(round.server.rss_peak_kb);
}

std::optional<double> server_cpu_figure(const PhaseRound& round) { return round.server.cpu_s_per_1k_requests; }

Side lifecycle_side(const ResultsDoc& doc, const ClaimTest& t, const ClaimSide& s) {
  Side out;
  const std::string what = s.id() + " on " + t.workload + " (lifecycle)";
  const Measurement* row = nullptr;
  for (const auto& m : doc.measurements)
    if (m.workload == t.workload && m.language == s.language && m.variant == s.variant && is_lifecycle_row(m)) row = &m;
  if (!row) {
    out.why = variant_ran(doc, t, s) ? what + ": no lifecycle row (not a server workload?)" : missing_row_reason(doc, t, s);
    return out;
  }
  if (out.why = status_problem(*row, what); !out.why.empty()) return out;
  const auto f = lifecycle_figures(*row);
  const auto& values = t.metric == "cold_start" ? f.cold_start_ms : f.idle_rss_kb;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]) || values[i] <= 0) {
      out.why = what + ": round " + std::to_string(i + 1) + " has " + t.metric + " " + number(values[i]) +
                " (not a positive figure: a ratio cannot use it)";
      return out;
    }
    out.groups.push_back({values[i]});
  }
  if (out.groups.empty()) out.why = what + ": no round reached a first response";
  return out;
}

// --- build times and the footprint -------------------------------------------------------------------------

Side build_side(const ResultsDoc& doc, const ClaimTest& t, const ClaimSide& s) {
  Side out;
  const auto* m = find_row(doc, t.workload, t.mode, t.input, s);
  const auto what = where(t, s);
  if (!m) {
    out.why = missing_row_reason(doc, t, s);
    return out;
  }
  if (m->kind != "build") {
    out.why = what + ": a " + m->kind + " row, not a build (metric 'build_time' reads the build workload)";
    return out;
  }
  if (out.why = status_problem(*m, what); !out.why.empty()) return out;
  for (const auto& sample : m->samples)
    if (sample.ops > 0 && sample.ns > 0) out.groups.push_back({static_cast<double>(sample.ns) / 1e9 / sample.ops});
  if (out.groups.empty()) out.why = what + ": no successful build";
  return out;
}

Side footprint_side(const ResultsDoc& doc, const ClaimTest& t, const ClaimSide& s) {
  Side out;
  const auto footprint = read_footprint(doc.footprint);
  if (footprint.empty()) {
    out.why = "no footprint in this run: binary sizes and lines of code are recorded by the build workload "
              "(in the default suite, or xlbench run --workload build)";
    return out;
  }
  const bool lines = t.metric == "code_lines";
  const std::string what = s.id() + " (" + t.workload + ")";
  auto same = [&](const auto& row) {
    return row.workload == t.workload && row.language == s.language && row.variant == s.variant;
  };
  std::optional<double> value;
  bool found = false, listed = false;
  if (lines) {
    const auto it = std::find_if(footprint.code_variants.begin(), footprint.code_variants.end(), same);
    if ((listed = it != footprint.code_variants.end())) {
      found = it->found;
      value = static_cast<double>(it->lines.code_lines);
    }
  } else {
    const auto it = std::find_if(footprint.binaries.begin(), footprint.binaries.end(), same);
    if ((listed = it != footprint.binaries.end())) {
      found = it->found;
      if (t.metric == "binary_size") value = static_cast<double>(it->bytes);
      else if (it->stripped_bytes) value = static_cast<double>(*it->stripped_bytes);
    }
  }
  if (!listed) {
    out.why = what + ": not in this run's footprint (" + (lines ? "code_size.variants" : "binaries") + ")";
    return out;
  }
  if (!found) {
    out.why = what + ": " + (lines ? "its source directory" : "its binary") +
              " was not found when the footprint was taken";
    return out;
  }
  const char* key = lines ? "code_lines" : t.metric == "binary_size" ? "bytes" : "stripped_bytes";
  if (!value || !std::isfinite(*value) || *value <= 0) {
    out.why = what + ": no positive '" + key + "' in the footprint";
    return out;
  }
  out.groups.push_back({*value});
  return out;
}

// --- ratios --------------------------------------------------------------------------------------------------

std::vector<double> flat(const Side& s) {
  std::vector<double> out;
  for (const auto& g : s.groups) out.insert(out.end(), g.begin(), g.end());
  return out;
}

std::string count_text(std::size_t n, const std::string& unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

// One figure per round (or build): bootstrap CI with enough of them, else the ratio of medians as a point.
SeriesRatio per_round_ratio(const Side& a, const Side& b, bool higher_is_better, const std::string& unit) {
  const auto num = flat(higher_is_better ? a : b), den = flat(higher_is_better ? b : a);
  SeriesRatio r;
  const std::string counts = count_text(a.count(), unit) + " of a, " + count_text(b.count(), unit) + " of b";
  if (a.count() >= kMinValuesForClaimCi && b.count() >= kMinValuesForClaimCi) {
    const auto e = stats::ratio_of_medians(num, den);
    r.ratio = e.ratio;
    r.ci = e.ci;
    r.detail = "ratio of medians over " + counts + ", 95% bootstrap CI";
  } else {
    r.ratio = stats::median(num) / stats::median(den);
    r.detail = "no CI: " + counts + " (a CI needs at least " + std::to_string(kMinValuesForClaimCi) +
               " per side); the verdict compares the ratio of medians with the band";
  }
  return r;
}

SeriesRatio max_rps_ratio(const ResultsDoc& doc, const Side& a, const Side& b) {
  SeriesRatio r;
  const auto e = stats::ratio_of_medians_clustered(a.groups, b.groups);
  r.ratio = e.ratio;
  r.ci = e.ci;
  const auto interval = doc.plan.contains("server") && doc.plan["server"].is_object()
                            ? number_at(doc.plan["server"], "interval_ms")
                            : std::nullopt;
  r.detail = "best closed-loop phase: a " + a.phase + ", b " + b.phase +
             "; 95% CI from a cluster bootstrap over rounds (" + std::to_string(a.count()) + " of a, " +
             std::to_string(b.count()) + " of b) and their " +
             (interval ? number(*interval) + " ms " : std::string()) + "intervals";
  if (std::min(a.count(), b.count()) < 2)
    r.detail += "; with one round on a side the CI reflects variation within one server run only, not between runs";
  return r;
}

SeriesRatio point_ratio(const Side& a, const Side& b, bool higher_is_better, const std::string& what) {
  SeriesRatio r;
  const double fa = a.groups.front().front(), fb = b.groups.front().front();
  r.ratio = higher_is_better ? fa / fb : fb / fa;
  r.detail = "no CI: one figure per variant (" + what + ": a " + number(fa) + ", b " + number(fb) +
             "); the verdict compares that point with the band";
  return r;
}

}  // namespace

const std::vector<ClaimMetricSpec>& claim_metric_specs() {
  // The claim metrics of the registry (model/metrics.hpp), in its order.
  static const std::vector<ClaimMetricSpec> specs = [] {
    std::vector<ClaimMetricSpec> out;
    for (const auto* d : claim_metric_defs()) out.push_back({d->name, *d->claim_scope, d->higher_is_better});
    return out;
  }();
  return specs;
}

const ClaimMetricSpec* find_claim_metric(const std::string& name) {
  for (const auto& s : claim_metric_specs())
    if (s.name == name) return &s;
  return nullptr;
}

bool is_series_metric(const std::string& metric) {
  return find_claim_metric(metric) && metric != "ops_per_s" && metric != "wall_time" && metric != "peak_rss" &&
         metric != "bytes_per_task";
}

SeriesRatio series_ratio(const ResultsDoc& doc, const ClaimTest& t) {
  const auto* spec = find_claim_metric(t.metric);
  if (!spec || !is_series_metric(t.metric)) throw std::logic_error("series_ratio: not a series metric: " + t.metric);
  std::function<Side(const ClaimSide&)> side;
  const std::string& m = t.metric;
  if (m == "max_rps") {
    side = [&](const ClaimSide& s) { return max_rps_side(doc, t, s); };
  } else if (m.rfind("latency_p", 0) == 0) {
    const double q = std::stod(m.substr(9)) / 100.0;
    side = [&, q](const ClaimSide& s) { return phase_side(doc, t, s, "a latency histogram", latency_figure(q)); };
  } else if (m == "server_rss") {
    side = [&](const ClaimSide& s) {
      return phase_side(doc, t, s, "server RSS samples", server_rss_figure);
    };
  } else if (m == "cpu_per_1k_requests") {
    side = [&](const ClaimSide& s) {
      return phase_side(doc, t, s, "server CPU per 1k requests", server_cpu_figure);
    };
  } else if (spec->scope == ClaimScope::lifecycle) {
    side = [&](const ClaimSide& s) { return lifecycle_side(doc, t, s); };
  } else if (m == "build_time") {
    side = [&](const ClaimSide& s) { return build_side(doc, t, s); };
  } else {
    side = [&](const ClaimSide& s) { return footprint_side(doc, t, s); };
  }
  SeriesRatio r;
  const Side a = side(t.a);
  if (!a.why.empty()) {
    r.why = a.why;
    return r;
  }
  const Side b = side(t.b);
  if (!b.why.empty()) {
    r.why = b.why;
    return r;
  }
  if (m == "max_rps") return max_rps_ratio(doc, a, b);
  if (spec->scope == ClaimScope::footprint)
    return point_ratio(a, b, spec->higher_is_better,
                       m == "code_lines" ? "lines of code" : m == "binary_size" ? "bytes as built" : "bytes stripped");
  r = per_round_ratio(a, b, spec->higher_is_better, m == "build_time" ? "build" : "round");
  if (m == "build_time") r.detail = "build scenario " + t.mode + " of " + t.input + "; " + r.detail;
  if (spec->scope == ClaimScope::open_phase && a.target_rate > 0 && b.target_rate > 0)
    r.detail = "open loop at a fixed share of each server's own maximum (offered a " + number(a.target_rate) +
               " req/s, b " + number(b.target_rate) + " req/s); " + r.detail;
  return r;
}

}  // namespace xlb
