// The server kind's typed rows: every load block of real-shaped documents reads
// into PhaseRow / LifecycleRow and writes back unchanged; malformed blocks are
// InputErrors naming the row and the field.
#include "kinds/server/server_rows.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "model/results.hpp"
#include "test_util.hpp"

namespace xlb {
namespace {

const std::filesystem::path kData = XLB_TEST_DATA_DIR;

TEST(ServerRows, EveryLoadBlockRoundTripsUnchanged) {
  for (const auto& file : {kData / "html" / "results.json", kData / "pre-redesign" / "results.json"}) {
    SCOPED_TRACE(file.string());
    const auto doc = load_results(file);
    int phases = 0, lifecycles = 0;
    for (const auto& m : doc.measurements) {
      if (const auto row = read_phase_row(m)) {
        ++phases;
        EXPECT_EQ(to_json(*row), m.load) << m.cell() << " " << m.variant_id();
      } else if (const auto life = read_lifecycle_row(m)) {
        ++lifecycles;
        EXPECT_EQ(to_json(*life), m.load) << m.cell() << " " << m.variant_id();
      }
    }
    if (file.parent_path().filename() == "html") {
      EXPECT_GT(phases, 10);
      EXPECT_GT(lifecycles, 1);
    }
  }
}

Measurement phase_with(nlohmann::json load) {
  Measurement m;
  m.workload = "http";
  m.mode = "plaintext";
  m.input = "c64";
  m.language = "go";
  m.variant = "gin";
  m.load = std::move(load);
  return m;
}

TEST(ServerRows, TypedFieldsOfARound) {
  const auto m = phase_with({{"phase", "open90"},
                             {"loop", "open"},
                             {"connections", 64},
                             {"percent_of_max", 90},
                             {"target_rate", 9000.0},
                             {"rounds",
                              {{{"round", 0},
                                {"requests", 900},
                                {"elapsed_s", 0.1},
                                {"errors", {{"read", 2}, {"timeout", 1}}},
                                {"server", {{"rss_peak_kb", 5000}, {"rss_samples", 3}, {"cpu_utilization", 0.5}}},
                                {"database", {{"measured", false}}}},
                               {{"round", 1}, {"load_error", "connect refused"}}}}});
  const auto row = read_phase_row(m);
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->open_loop);
  EXPECT_EQ(row->percent_of_max, 90);
  ASSERT_EQ(row->rounds.size(), 2u);
  EXPECT_EQ(row->rounds[0].requests, 900u);
  EXPECT_EQ(row->rounds[0].errors.total(), 3u);
  EXPECT_EQ(row->rounds[0].server.rss_peak_kb, 5000);
  ASSERT_TRUE(row->rounds[0].database);
  EXPECT_FALSE(row->rounds[0].database->measured);
  EXPECT_EQ(row->rounds[1].load_error, "connect refused");
  EXPECT_FALSE(read_lifecycle_row(m));
}

TEST(ServerRows, MalformedFieldsNameTheRowAndTheField) {
  auto m = phase_with({{"phase", "c64"}, {"rounds", {{{"round", 0}, {"requests", "many"}}}}});
  try {
    (void)read_phase_row(m);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_CONTAINS(std::string(e.what()), "http/plaintext/c64 go/gin: load.rounds[0].requests must be a number");
  }
  m.load = {{"phase", "c64"}, {"rounds", {{{"server", {{"rss_peak_kb", -1}, {"cpu_utilization", "x"}}}}}}};
  EXPECT_THROW((void)read_phase_row(m), InputError);
  m.load = {{"phase", "c64"}, {"rounds", "none"}};
  EXPECT_THROW((void)read_phase_row(m), InputError);
  m.load = nlohmann::json::object();  // not a phase row at all
  EXPECT_FALSE(read_phase_row(m));
}

}  // namespace
}  // namespace xlb
