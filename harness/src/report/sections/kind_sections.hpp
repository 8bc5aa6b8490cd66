#pragma once
// Section builders per workload kind. Each fills the top-level section of one
// workload (its cells or endpoints as children); the registry in
// build_report.cpp maps a kind name to its builder, and a kind it does not
// know (a plug-in's) gets the batch builder's per-cell tables.
#include <string>

#include "report/sections/context.hpp"

namespace xlb::report {

// Per workload/mode/input: a bar chart of ops/s, the numbers behind it, Rust/Go ratios.
void add_batch_sections(const ReportContext& ctx, const std::string& workload, Section& into);
// Fan-out (inputs with params.tasks), holding state (facts held_resources...), or plain spawn cells.
void add_spawn_sections(const ReportContext& ctx, const std::string& workload, Section& into);
// Servers under load: start-up, then per endpoint maximum throughput, sweep, latency, database share.
void add_server_sections(const ReportContext& ctx, const std::string& workload, Section& into);
// gRPC servers: msgs/s per method and input with Rust/Go ratios, latency and cost, then the server sections.
void add_grpc_sections(const ReportContext& ctx, const std::string& workload, Section& into);

// Topic sections, in report order around the workloads.
Section findings_section(const ReportContext& ctx);
Section run_section(const ReportContext& ctx);
// Build times, binary sizes, code size; a section without blocks when the run has none of them.
Section build_cost_section(const ReportContext& ctx);
// The findings' build-time table: Go and Rust wall time per target and scenario, Rust / Go.
Table build_time_findings(const ReportContext& ctx);
Section claims_section(const ReportContext& ctx);
Section how_to_read_section(const ReportContext& ctx);

}  // namespace xlb::report
