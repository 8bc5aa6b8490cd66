// Unit tests for same-machine A/B: base copies of variants, splitting a run
// into its two sides, and refusing revisions git would misread.
#include "run/ab.hpp"

#include <gtest/gtest.h>

#include "compare/compare.hpp"
#include "core/errors.hpp"
#include "kinds/batch/instructions.hpp"
#include "test_util.hpp"

namespace {

xlb::Measurement measurement(const std::string& variant, std::int64_t ns_per_sample) {
  xlb::Measurement m;
  m.workload = "json";
  m.kind = "batch";
  m.mode = "typed";
  m.input = "small";
  m.language = "go";
  m.variant = variant;
  for (int i = 0; i < 10; ++i) m.samples.push_back({1000, ns_per_sample + i * 1000});
  return m;
}

TEST(AbTest, SplitRemovesTheSuffixAndSeparatesTheSides) {
  xlb::ResultsDoc doc;
  doc.run_id = "r1";
  doc.measurements = {measurement("encoding_json", 1'000'000), measurement("encoding_json@base", 2'000'000),
                      measurement("go_json", 1'000'000)};
  auto [base, cur] = xlb::split_ab(doc);
  ASSERT_EQ(base.measurements.size(), 1u);
  EXPECT_EQ(base.measurements[0].variant, "encoding_json");
  EXPECT_EQ(base.measurements[0].samples[0].ns, 2'000'000);
  ASSERT_EQ(cur.measurements.size(), 2u);
  EXPECT_EQ(cur.measurements[0].variant, "encoding_json");
  EXPECT_EQ(cur.measurements[1].variant, "go_json");
}

TEST(AbTest, SplitSidesCompareAsARegressionWhenTheCurrentSideIsSlower) {
  xlb::ResultsDoc doc;
  // Current takes 1.25x the time of base: 20% fewer ops/s.
  doc.measurements = {measurement("encoding_json", 1'250'000), measurement("encoding_json@base", 1'000'000)};
  auto [base, cur] = xlb::split_ab(doc);
  const auto c = xlb::compare_runs(base, cur, xlb::CompareOptions{});
  ASSERT_EQ(c.rows.size(), 1u);
  EXPECT_EQ(c.rows[0].verdict, "regressed");
  EXPECT_EQ(xlb::compare_exit_status(c), 1);
}

TEST(AbTest, ClonesPointAtTheBaseBinariesAndSkipVariantsWithoutOne) {
  auto variant = [](const std::string& language, const std::string& name, const std::string& target) {
    xlb::VariantSpec v;
    v.language = language;
    v.name = name;
    v.target = target;
    return v;
  };
  const auto a = variant("go", "encoding_json", "json_encoding_json");
  const auto b = variant("rust", "serde_json", "json_serde_json");
  xlb::AbBase base;
  base.bin_dir = "/tmp/ab-bins";
  base.failed["rust/serde_json"] = "build failed";
  const auto clones = xlb::base_clones({a, b}, base);
  ASSERT_EQ(clones.size(), 1u);
  EXPECT_EQ(clones[0].name, "encoding_json@base");
  ASSERT_EQ(clones[0].command.size(), 1u);
  EXPECT_EQ(clones[0].command[0], "/tmp/ab-bins/go/json_encoding_json");
}

TEST(AbTest, RevisionsThatLookLikeOptionsOrDoNotExistAreRejected) {
  EXPECT_THROW(xlb::resolve_commit(XLB_SOURCE_DIR, "--output=/tmp/x"), xlb::InputError);
  EXPECT_THROW(xlb::resolve_commit(XLB_SOURCE_DIR, ""), xlb::InputError);
  xlb::unit::TempDir dir("ab");
  EXPECT_THROW(xlb::resolve_commit(dir.path(), "HEAD"), xlb::InputError);  // not a repository
}

}  // namespace

namespace {

TEST(InstructionsTest, ReadsTheTotalsLineOfACallgrindFile) {
  xlb::unit::TempDir dir("callgrind");
  xlb::unit::write_text(dir / "a.out", "version: 1\ncreator: callgrind-3.19.0\nevents: Ir\nsummary: 480204678\n"
                                       "fn=(1) main\n5 12\ntotals: 480204678\n");
  EXPECT_EQ(xlb::callgrind_total(dir / "a.out"), 480204678);
  xlb::unit::write_text(dir / "b.out", "events: Ir\nfn=(1) main\n");
  EXPECT_EQ(xlb::callgrind_total(dir / "b.out"), -1);
  EXPECT_EQ(xlb::callgrind_total(dir / "missing.out"), -1);
}

TEST(InstructionsTest, CompareJudgesCountsByTheThresholdAlone) {
  auto with_count = [](double per_op) {
    xlb::ResultsDoc doc;
    auto m = measurement("encoding_json", 1'000'000);
    m.facts["instructions_per_op"] = per_op;
    doc.measurements = {m};
    return doc;
  };
  const auto up = xlb::compare_runs(with_count(1'000'000), with_count(1'080'000), xlb::CompareOptions{});
  const auto* mc = up.rows.at(0).find("instructions_per_op");
  ASSERT_NE(mc, nullptr);
  EXPECT_EQ(mc->verdict, "regressed");
  EXPECT_NEAR(mc->change, 0.08, 1e-9);
  const auto same = xlb::compare_runs(with_count(1'000'000), with_count(1'010'000), xlb::CompareOptions{});
  EXPECT_EQ(same.rows.at(0).find("instructions_per_op")->verdict, "~");
}

}  // namespace
