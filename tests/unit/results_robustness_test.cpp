// Unit tests for results files that come from outside or carry outside bytes:
// invalid UTF-8 from a variant is written (replaced), not fatal; a hostile,
// deeply nested file is an InputError, not a stack overflow; and the same
// bound protects the protocol-line parser (both found while fuzzing).
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "protocol/protocol.hpp"
#include "model/results.hpp"
#include "test_util.hpp"

namespace {

using xlb::unit::TempDir;

TEST(ResultsRobustness, InvalidUtf8FromAVariantIsReplacedNotFatal) {
  TempDir dir("utf8");
  xlb::ResultsDoc doc;
  doc.run_id = "r";
  xlb::Measurement m;
  m.workload = "w";
  m.kind = "batch";
  m.mode = "m";
  m.input = "i";
  m.language = "go";
  m.variant = "v";
  m.status = "failed";
  m.reason = "protocol: not a JSON line: '\xc3\x28 \xff'";
  m.stderr_tail = std::string("cut in the middle of a character: \xe2\x82");
  doc.measurements.push_back(m);
  ASSERT_NO_THROW(xlb::save_results(doc, dir / "results.json"));
  const auto back = xlb::load_results(dir / "results.json");
  EXPECT_CONTAINS(back.measurements.at(0).stderr_tail, "\xef\xbf\xbd");  // U+FFFD
  EXPECT_CONTAINS(back.measurements.at(0).reason, "not a JSON line");
}

std::string nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(ResultsRobustness, DeeplyNestedFileIsAnInputError) {
  const std::string text = R"({"schema":"xlbench.results","schema_version":1,"run_id":"r","status":"complete",)"
                           R"("plan":{"x":)" + nested(50000) + R"(},"measurements":[]})";
  try {
    xlb::parse_results(text, "deep.json");
    ADD_FAILURE() << "no error";
  } catch (const xlb::InputError& e) {
    EXPECT_CONTAINS(e.what(), "deep.json: arrays and objects nested deeper than 64 levels");
  }
}

TEST(ResultsRobustness, ModeratelyNestedFactsStillLoad) {
  const std::string text = R"({"schema":"xlbench.results","schema_version":1,"run_id":"r","status":"complete",)"
                           R"("plan":{"x":)" + nested(20) + R"(},"measurements":[]})";
  EXPECT_EQ(xlb::parse_results(text, "ok.json").run_id, "r");
}

TEST(ProtocolRobustness, DeeplyNestedLineIsAProtocolError) {
  const std::string line = R"({"type":"sample","index":0,"ops":)" + nested(30000) + "}";
  try {
    xlb::parse_message(line);
    ADD_FAILURE() << "no error";
  } catch (const xlb::ProtocolError& e) {
    EXPECT_CONTAINS(e.what(), "nested deeper than 32 levels");
  }
}

}  // namespace
