#include "run/ab.hpp"

#include <chrono>

#include "toolchain/build.hpp"
#include "core/errors.hpp"
#include "os/process.hpp"

namespace xlb {
namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A checkout's files carry the time of the checkout; cargo decides freshness by
// mtime, so a reused worktree is touched to force its own crates to rebuild.
void touch_sources(const fs::path& dir) {
  const auto now = fs::file_time_type::clock::now();
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const auto ext = e.path().extension();
    if (ext == ".rs" || e.path().filename() == "Cargo.toml") fs::last_write_time(e.path(), now);
  }
}

void run_git(const fs::path& repo, const std::vector<std::string>& args, const std::string& what) {
  std::vector<std::string> argv{"git", "-C", repo.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildLimits limits;
  limits.timeout = std::chrono::minutes(5);
  auto r = run_child(argv, limits, [](const std::string&) { return std::nullopt; });
  if (!r.ok()) throw InputError(what + " failed (" + r.describe() + "): " + r.stderr_tail);
}

}  // namespace

std::string resolve_commit(const fs::path& repo, const std::string& ref) {
  // A ref starting with '-' would be read by git as an option.
  if (ref.empty() || ref.front() == '-') throw InputError("--base: '" + ref + "' is not a git revision");
  auto sha = trim(capture_output({"git", "-C", repo.string(), "rev-parse", "--verify", "--quiet", ref + "^{commit}"}));
  if (sha.size() != 40) throw InputError("--base: '" + ref + "' does not name a commit in " + repo.string());
  return sha;
}

AbBase prepare_base(const ProjectPaths& current, const std::string& ref, const std::vector<VariantSpec>& variants,
                    const std::function<void(const std::string&)>& progress) {
  AbBase base;
  base.ref = ref;
  base.commit = resolve_commit(current.root, ref);
  const auto ab_dir = current.build_dir / "ab";
  const auto short_id = base.commit.substr(0, 12);
  base.worktree = ab_dir / ("src-" + short_id);
  base.bin_dir = ab_dir / ("bin-" + short_id);
  if (!fs::exists(base.worktree / "workloads")) {
    progress("checking out " + ref + " (" + short_id + ") into " + base.worktree.string());
    run_git(current.root, {"worktree", "prune"}, "git worktree prune");
    run_git(current.root, {"worktree", "add", "--detach", "--force", base.worktree.string(), base.commit},
            "git worktree add");
  }
  if (fs::exists(base.worktree / "rust_impls")) touch_sources(base.worktree / "rust_impls");

  ProjectPaths paths{base.worktree, ab_dir / ("build-" + short_id), {}};
  paths.rust_target = ab_dir / "rust-target";  // shared by every base revision: dependencies build once
  auto outcome = build_variants(build_steps(variants, paths), ab_dir / ("logs-" + short_id), progress);
  base.failed = outcome.failed;
  for (const auto& v : variants) {
    if (!v.command.empty() || base.failed.contains(v.id())) continue;
    const auto built = variant_command(v, paths).front();
    if (!fs::exists(built)) {
      base.failed[v.id()] = "no binary at " + built + " after building " + ref;
      continue;
    }
    // Copies, so a later build of another revision cannot change what this run measures.
    const auto copy = base.bin_dir / v.language / v.target;
    fs::create_directories(copy.parent_path());
    fs::copy_file(built, copy, fs::copy_options::overwrite_existing);
  }
  return base;
}

std::vector<VariantSpec> base_clones(const std::vector<VariantSpec>& variants, const AbBase& base) {
  std::vector<VariantSpec> clones;
  for (const auto& v : variants) {
    if (base.failed.contains(v.id())) continue;
    VariantSpec c = v;
    c.name = v.name + kAbBaseSuffix;
    if (v.command.empty()) c.command = {(base.bin_dir / v.language / v.target).string()};
    clones.push_back(std::move(c));
  }
  return clones;
}

std::pair<ResultsDoc, ResultsDoc> split_ab(const ResultsDoc& doc) {
  ResultsDoc base = doc, cur = doc;
  base.measurements.clear();
  cur.measurements.clear();
  base.run_id = doc.run_id + kAbBaseSuffix;
  const std::string suffix = kAbBaseSuffix;
  for (const auto& m : doc.measurements) {
    if (ends_with(m.variant, suffix)) {
      Measurement b = m;
      b.variant.resize(b.variant.size() - suffix.size());
      base.measurements.push_back(std::move(b));
    } else {
      cur.measurements.push_back(m);
    }
  }
  return {std::move(base), std::move(cur)};
}

}  // namespace xlb
