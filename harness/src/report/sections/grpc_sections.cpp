// gRPC workloads (kind grpc): a summary first, per method and input (the rows' mode, e.g.
// "stream-1k"): each server's maximum msgs/s with its 95% CI and the Rust/Go ratio with its
// interval, latency per message and per call at the highest open-loop load, and the server's
// RSS and CPU per 1,000 messages; then the server kind's sections (start-up, sweep, latency),
// whose "req" is one gRPC message here.
#include <algorithm>

#include "analysis/http_summary.hpp"
#include "core/format.hpp"
#include "model/metrics.hpp"
#include "report/sections/cell_text.hpp"
#include "report/sections/kind_sections.hpp"

namespace xlb::report {
namespace {

using nlohmann::json;

std::string ms(std::int64_t ns) { return fixed(static_cast<double>(ns) / 1e6, 2); }

// The open-loop row at the highest share of the maximum, or nullptr.
const Measurement* highest_open_row(const std::vector<const Measurement*>& rows, PhaseFigures& out) {
  const Measurement* best = nullptr;
  for (const auto* m : rows) {
    if (m->status != "ok") continue;
    const auto f = phase_figures(*m);
    if (f && f->open_loop && (!best || f->percent > out.percent)) {
      best = m;
      out = *f;
    }
  }
  return best;
}

// Per-call latency merged over the rounds (the generator's "call_latency"); empty when none.
LatencyHistogram call_latency(const Measurement& m) {
  LatencyHistogram h;
  for (const auto& round : m.load.value("rounds", json::array()))
    if (round.is_object() && round.contains("call_latency")) {
      try {
        h.merge(LatencyHistogram::from_json(round["call_latency"]));
      } catch (const std::exception&) {
        return {};  // a malformed histogram: the table shows "-" rather than part of the calls
      }
    }
  return h;
}

Table throughput(const ReportContext& ctx, const std::string& workload, const std::vector<std::string>& modes,
                 const std::vector<const Measurement*>& servers) {
  std::vector<std::string> header{"method-input"};
  for (const auto* s : servers) header.push_back(s->variant_id() + " max msgs/s [95% CI]");
  header.push_back("Rust / Go [95% CI]");
  Table t("messages per second (closed loop, best lane count)", header);
  for (const auto& mode : modes) {
    std::vector<std::string> cells{mode};
    for (const auto* s : servers) {
      const auto* best = best_closed_row(ctx.doc, workload, s->language, s->variant, mode);
      if (!best) {
        cells.push_back("-");
        continue;
      }
      const auto sum = stats::summarize(metric("ops_per_s").series(*best));
      cells.push_back(with_interval(sum.median, sum.median_ci.interval) + " (" + best->input + ")");
    }
    std::string ratio = "-";
    for (const auto& c : max_comparisons(ctx.doc, workload, mode, ctx.threshold))
      if (c.basis == "baseline") ratio = ratio_text(c.cmp.ratio.ratio, c.cmp.ratio.ci) + " " + c.verdict;
    cells.push_back(ratio);
    t.add(cells);
  }
  t.notes.push_back("a message is an Echo call, a Stream Item received, a Collect Item sent (counted when the "
                    "call's answer confirms it) or a Chat answer; every answer is checked under load");
  return t;
}

Table latency_and_cost(const ReportContext& ctx, const std::string& workload, const std::vector<std::string>& modes,
                       const std::vector<const Measurement*>& servers) {
  Table t("latency at fixed load (highest open-loop phase) and server cost at the maximum",
          {"method-input", "server", "load", "target / achieved msgs/s", "msg p50 ms", "msg p99 ms", "call p50 ms",
           "call p99 ms", "RSS MB peak", "CPU ms / 1k msgs"});
  for (const auto& mode : modes)
    for (const auto* s : servers) {
      const auto rows = rows_of(ctx.doc, workload, s->language, s->variant, mode);
      PhaseFigures open;
      const auto* open_row = highest_open_row(rows, open);
      const auto* best = best_closed_row(ctx.doc, workload, s->language, s->variant, mode);
      if (!open_row && !best) continue;
      std::vector<std::string> cells{mode, s->variant_id()};
      if (open_row) {
        const auto calls = call_latency(*open_row);
        cells.insert(cells.end(),
                     {open.phase, human(open.target_rate) + " / " + human(open.achieved_rate),
                      ms(open.latency.percentile_ns(0.50)), ms(open.latency.percentile_ns(0.99)),
                      calls.count() ? ms(calls.percentile_ns(0.50)) : "-",
                      calls.count() ? ms(calls.percentile_ns(0.99)) : "-"});
      } else {
        cells.insert(cells.end(), {"-", "-", "-", "-", "-", "-"});
      }
      const auto f = best ? phase_figures(*best) : std::nullopt;
      cells.push_back(f && f->rss_peak_kb > 0 ? fixed(static_cast<double>(f->rss_peak_kb) / 1024.0, 1) : "-");
      cells.push_back(f && f->cpu_s_per_1k ? fixed(*f->cpu_s_per_1k * 1000.0, 2) : "-");
      t.add(cells);
    }
  t.notes.push_back("message latency from each message's intended send time (Stream: from the previous Item, the "
                    "first from the call's start; Collect: the write); call latency from the call's intended start "
                    "to its status (Echo, Stream, Collect)");
  return t;
}

}  // namespace

void add_grpc_sections(const ReportContext& ctx, const std::string& workload, Section& into) {
  const auto servers = server_lifecycle_rows(ctx.doc, workload);
  if (servers.empty()) return;
  const auto modes = server_row_modes(ctx.doc, workload);
  into.table(throughput(ctx, workload, modes, servers));
  into.table(latency_and_cost(ctx, workload, modes, servers));
  add_server_sections(ctx, workload, into);
  into.paragraph("In the per-method sections above, a request (req) is one gRPC message and a connection count "
                 "is the number of concurrent calls or streams (lanes), spread over one HTTP/2 connection per 16.",
                 Tone::muted);
}

}  // namespace xlb::report
