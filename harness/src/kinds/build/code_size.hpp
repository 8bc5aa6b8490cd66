#pragma once
// Code size per variant: non-blank, non-comment lines of each variant's own
// source (go_impls/cmd/<target>, rust_impls/variants/<target>), tests and the
// shared packages (drivers, workload libraries) counted separately, so "the
// same server takes N lines of Go and M of Rust" is a measured row.
#include <filesystem>
#include <vector>

#include "model/manifest.hpp"
#include "kinds/build/footprint.hpp"
#include "kinds/build/source_lines.hpp"

namespace xlb {

struct SourceSplit {
  LineCounts source;        // what the program is made of
  LineCounts tests;         // _test.go files, Rust tests/ and benches/ dirs, #[cfg(test)] modules
  LineCounts build_script;  // Rust build.rs (Go has no equivalent)
  LineCounts generated;     // files marked as generated (protobuf stubs): not in `source`
};

// Go: every .go file below `dir` (*_test.go are tests). Rust (a crate dir):
// src/ is source, tests/ and benches/ are tests, build.rs is the build script.
SourceSplit count_package(const std::filesystem::path& dir, SourceLanguage language);

// The code-size rows (Footprint::code_variants and ::shared; binaries left empty) for every
// variant of every workload (test doubles with a `command` are skipped); shared =
// go_impls/internal/* and the crates of rust_impls/ outside variants/.
Footprint measure_code_size(const std::vector<WorkloadSpec>& workloads, const std::filesystem::path& root);

}  // namespace xlb
