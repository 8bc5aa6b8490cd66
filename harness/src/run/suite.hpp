#pragma once
// A whole run: select, pre-flight inputs and checksums, build, measure with
// interleaved variants, save after every process run, then write the reports.
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "model/run_options.hpp"

namespace xlb {

// Returns the process exit status: 0 done (invalid or failed variants are
// reported, not fatal), 130 interrupted. Throws InputError before measuring
// anything when the selection, a manifest or an input is bad.
int run_suite(const RunOptions& options, std::ostream& out);

}  // namespace xlb
