#pragma once
// Same-machine A/B (`xlbench ab --base <git-ref>`): the base revision's
// variants are built from a git worktree and measured in the same run as the
// current tree's, interleaved, then the two halves are compared.
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/manifest.hpp"
#include "model/results.hpp"
#include "toolchain/toolchain.hpp"

namespace xlb {

// Marks the base revision's copy of a variant in a run ("encoding_json@base").
inline constexpr const char* kAbBaseSuffix = "@base";

struct AbBase {
  std::string ref, commit;            // as given, and the full commit id
  std::filesystem::path worktree;     // checkout of `commit`
  std::filesystem::path bin_dir;      // copies of the base binaries: <bin_dir>/<language>/<target>
  std::map<std::string, std::string> failed;  // variant id -> why it has no base binary
};

// Resolves `ref` with git (argv only) and checks it names a commit; InputError otherwise.
std::string resolve_commit(const std::filesystem::path& repo, const std::string& ref);

// Checks out `ref` into <build_dir>/ab/src-<commit> (reused when present) and
// builds `variants` there; Rust uses its own target dir under <build_dir>/ab.
AbBase prepare_base(const ProjectPaths& current, const std::string& ref, const std::vector<VariantSpec>& variants,
                    const std::function<void(const std::string&)>& progress);

// The base copy of each variant that has a base binary, named <name>@base.
std::vector<VariantSpec> base_clones(const std::vector<VariantSpec>& variants, const AbBase& base);

// Splits an A/B run into (base, current) documents with the suffix removed,
// so `compare_runs` matches them measurement by measurement.
std::pair<ResultsDoc, ResultsDoc> split_ab(const ResultsDoc& doc);

}  // namespace xlb
