// Unit tests for the batch protocol parser and the order it enforces (docs/protocol.md).
#include "protocol/protocol.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/errors.hpp"
#include "test_util.hpp"

namespace {

using xlb::BatchSession;
using xlb::MessageType;
using xlb::parse_message;
using xlb::ProtocolError;

const std::string kHello =
    R"({"type":"hello","protocol":1,"language":"go","variant":"encoding_json","library":"encoding/json"})";
const std::string kCheck = R"({"type":"check","checksum":{"objects":1264,"arrays":1050}})";
const std::string kWarmup = R"({"type":"warmup","ops":100,"ns":5000000,"batch":20})";
const std::string kDone = R"({"type":"done","facts":{"gc_cycles":3}})";

std::string sample(int index, long ops = 20, long ns = 1000000) {
  return R"({"type":"sample","index":)" + std::to_string(index) + R"(,"ops":)" + std::to_string(ops) +
         R"(,"ns":)" + std::to_string(ns) + "}";
}

// The ProtocolError message of parse_message(line); fails the test if it does not throw.
std::string parse_error(const std::string& line) {
  try {
    parse_message(line);
  } catch (const ProtocolError& e) {
    return e.what();
  }
  ADD_FAILURE() << "parse_message accepted: " << line;
  return "";
}

// The ProtocolError message of the last line fed to a session; fails if nothing throws.
std::string session_error(BatchSession& s, const std::vector<std::string>& lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    try {
      s.accept(lines[i]);
    } catch (const ProtocolError& e) {
      EXPECT_EQ(i, lines.size() - 1) << "line " << i << " threw early: " << e.what();
      return e.what();
    }
  }
  ADD_FAILURE() << "the session accepted every line";
  return "";
}

// ---- parse_message: good lines ----------------------------------------------

TEST(ParseMessage, Hello) {
  auto m = parse_message(kHello);
  EXPECT_EQ(m.type, MessageType::hello);
  EXPECT_EQ(m.body["language"], "go");
  EXPECT_EQ(m.body["variant"], "encoding_json");
  EXPECT_EQ(m.body["library"], "encoding/json");
}

TEST(ParseMessage, Check) {
  auto m = parse_message(kCheck);
  EXPECT_EQ(m.type, MessageType::check);
  EXPECT_EQ(m.checksum, (nlohmann::json{{"objects", 1264}, {"arrays", 1050}}));
}

TEST(ParseMessage, CheckAcceptsNegativeAndLargeIntegers) {
  auto m = parse_message(R"({"type":"check","checksum":{"wrapped":-5,"big":18446744073709551615}})");
  EXPECT_EQ(m.checksum["wrapped"], -5);
  EXPECT_TRUE(m.checksum["big"].is_number_unsigned());
}

TEST(ParseMessage, Warmup) {
  auto m = parse_message(kWarmup);
  EXPECT_EQ(m.type, MessageType::warmup);
  EXPECT_EQ(m.ops, 100);
  EXPECT_EQ(m.ns, 5000000);
  EXPECT_EQ(m.batch, 20);
}

TEST(ParseMessage, Sample) {
  auto m = parse_message(sample(0, 7, 123456789));
  EXPECT_EQ(m.type, MessageType::sample);
  EXPECT_EQ(m.index, 0);
  EXPECT_EQ(m.ops, 7);
  EXPECT_EQ(m.ns, 123456789);
}

TEST(ParseMessage, SampleWithLargeNs) {
  auto m = parse_message(R"({"type":"sample","index":3,"ops":1,"ns":9000000000000})");
  EXPECT_EQ(m.ns, 9000000000000);
}

TEST(ParseMessage, Done) {
  auto m = parse_message(kDone);
  EXPECT_EQ(m.type, MessageType::done);
  EXPECT_EQ(m.facts, (nlohmann::json{{"gc_cycles", 3}}));
}

TEST(ParseMessage, DoneWithoutFactsHasEmptyObject) {
  auto m = parse_message(R"({"type":"done"})");
  EXPECT_EQ(m.type, MessageType::done);
  EXPECT_TRUE(m.facts.is_object());
  EXPECT_TRUE(m.facts.empty());
}

TEST(ParseMessage, Error) {
  auto m = parse_message(R"({"type":"error","message":"cannot open input: no such file"})");
  EXPECT_EQ(m.type, MessageType::error);
  EXPECT_EQ(m.message, "cannot open input: no such file");
}

TEST(ParseMessage, ErrorWithoutMessage) {
  auto m = parse_message(R"({"type":"error"})");
  EXPECT_EQ(m.type, MessageType::error);
  EXPECT_FALSE(m.message.empty());
}

TEST(ParseMessage, UnknownExtraFieldsAreIgnored) {
  auto m = parse_message(R"({"type":"sample","index":0,"ops":1,"ns":2,"extra":"x"})");
  EXPECT_EQ(m.ops, 1);
}

// ---- parse_message: malformed lines -----------------------------------------

TEST(ParseMessageErrors, NotJson) {
  auto e = parse_error("hello world");
  EXPECT_CONTAINS(e, "not a JSON line");
  EXPECT_CONTAINS(e, "hello world");
}

// nlohmann reports a number beyond double's range as out_of_range, not parse_error (found by fuzzing).
TEST(ParseMessageErrors, NumberTooLargeIsAProtocolError) {
  EXPECT_CONTAINS(parse_error(R"({"type":"sample","index":0,"ops":1,"ns":922337203e6854775807})"), "not a JSON line");
}

TEST(ParseMessageErrors, TruncatedJson) { EXPECT_CONTAINS(parse_error(R"({"type":"sample","index":0)"), "not a JSON"); }

TEST(ParseMessageErrors, LongGarbageIsExcerpted) {
  auto e = parse_error(std::string(10000, 'x'));
  EXPECT_LT(e.size(), 400u);
  EXPECT_CONTAINS(e, "...");
}

TEST(ParseMessageErrors, NotAnObject) {
  EXPECT_CONTAINS(parse_error("[1,2,3]"), "'type'");
  EXPECT_CONTAINS(parse_error("42"), "'type'");
}

TEST(ParseMessageErrors, NoType) {
  auto e = parse_error(R"({"ops":1,"ns":2})");
  EXPECT_CONTAINS(e, "'type'");
  EXPECT_CONTAINS(e, R"({"ops":1,"ns":2})");
}

TEST(ParseMessageErrors, TypeNotAString) { EXPECT_CONTAINS(parse_error(R"({"type":3})"), "'type'"); }

TEST(ParseMessageErrors, UnknownType) {
  auto e = parse_error(R"({"type":"progress","pct":50})");
  EXPECT_CONTAINS(e, "unknown line type");
  EXPECT_CONTAINS(e, "'progress'");
}

TEST(ParseMessageErrors, HelloMissingLanguage) {
  auto e = parse_error(R"({"type":"hello","protocol":1,"variant":"v"})");
  EXPECT_CONTAINS(e, "hello");
  EXPECT_CONTAINS(e, "'language'");
}

TEST(ParseMessageErrors, HelloVariantNotString) {
  EXPECT_CONTAINS(parse_error(R"({"type":"hello","protocol":1,"language":"go","variant":5})"), "'variant'");
}

TEST(ParseMessageErrors, HelloWrongProtocolVersion) {
  auto e = parse_error(R"({"type":"hello","protocol":2,"language":"go","variant":"v"})");
  EXPECT_CONTAINS(e, "protocol");
  EXPECT_CONTAINS(e, "2");
}

TEST(ParseMessageErrors, HelloProtocolAsString) {
  auto e = parse_error(R"({"type":"hello","protocol":"1","language":"go","variant":"v"})");
  EXPECT_CONTAINS(e, "protocol");
  EXPECT_CONTAINS(e, "\"1\"");
}

TEST(ParseMessageErrors, HelloMissingProtocol) {
  auto e = parse_error(R"({"type":"hello","language":"go","variant":"v"})");
  EXPECT_CONTAINS(e, "protocol");
  EXPECT_CONTAINS(e, "missing");
}

TEST(ParseMessageErrors, SampleOpsNotInteger) {
  auto e = parse_error(R"({"type":"sample","index":0,"ops":1.5,"ns":100})");
  EXPECT_CONTAINS(e, "sample");
  EXPECT_CONTAINS(e, "'ops'");
  EXPECT_CONTAINS(e, "1.5");
}

TEST(ParseMessageErrors, SampleOpsString) {
  auto e = parse_error(R"({"type":"sample","index":0,"ops":"10","ns":100})");
  EXPECT_CONTAINS(e, "'ops'");
  EXPECT_CONTAINS(e, "\"10\"");
}

TEST(ParseMessageErrors, SampleNegativeNs) {
  auto e = parse_error(R"({"type":"sample","index":0,"ops":1,"ns":-100})");
  EXPECT_CONTAINS(e, "'ns'");
  EXPECT_CONTAINS(e, "-100");
}

TEST(ParseMessageErrors, SampleZeroOps) {
  auto e = parse_error(R"({"type":"sample","index":0,"ops":0,"ns":100})");
  EXPECT_CONTAINS(e, "'ops'");
  EXPECT_CONTAINS(e, "0");
}

TEST(ParseMessageErrors, SampleNegativeIndex) {
  auto e = parse_error(R"({"type":"sample","index":-1,"ops":1,"ns":100})");
  EXPECT_CONTAINS(e, "'index'");
  EXPECT_CONTAINS(e, "-1");
}

TEST(ParseMessageErrors, SampleOpsBeyondInt64) {
  // 2^64-1 parses as an unsigned integer; it must not wrap into a usable value.
  auto e = parse_error(R"({"type":"sample","index":0,"ops":18446744073709551615,"ns":100})");
  EXPECT_CONTAINS(e, "'ops'");
}

TEST(ParseMessageErrors, SampleMissingNs) {
  auto e = parse_error(R"({"type":"sample","index":0,"ops":1})");
  EXPECT_CONTAINS(e, "missing");
  EXPECT_CONTAINS(e, "'ns'");
}

TEST(ParseMessageErrors, WarmupNegativeOps) {
  auto e = parse_error(R"({"type":"warmup","ops":-3,"ns":100,"batch":1})");
  EXPECT_CONTAINS(e, "warmup");
  EXPECT_CONTAINS(e, "'ops'");
  EXPECT_CONTAINS(e, "-3");
}

TEST(ParseMessageErrors, WarmupBatchNotInteger) {
  auto e = parse_error(R"({"type":"warmup","ops":3,"ns":100,"batch":true})");
  EXPECT_CONTAINS(e, "'batch'");
  EXPECT_CONTAINS(e, "true");
}

TEST(ParseMessageErrors, CheckValueNotInteger) {
  auto e = parse_error(R"({"type":"check","checksum":{"objects":1,"ratio":0.5}})");
  EXPECT_CONTAINS(e, "check");
  EXPECT_CONTAINS(e, "'ratio'");
  EXPECT_CONTAINS(e, "0.5");
}

TEST(ParseMessageErrors, CheckValueString) {
  auto e = parse_error(R"({"type":"check","checksum":{"objects":"12"}})");
  EXPECT_CONTAINS(e, "'objects'");
  EXPECT_CONTAINS(e, "\"12\"");
}

TEST(ParseMessageErrors, CheckEmptyChecksum) {
  auto e = parse_error(R"({"type":"check","checksum":{}})");
  EXPECT_CONTAINS(e, "'checksum'");
  EXPECT_CONTAINS(e, "non-empty");
}

TEST(ParseMessageErrors, CheckChecksumNotObject) {
  EXPECT_CONTAINS(parse_error(R"({"type":"check","checksum":[1,2]})"), "'checksum'");
  EXPECT_CONTAINS(parse_error(R"({"type":"check"})"), "'checksum'");
}

// ---- BatchSession -------------------------------------------------------------

TEST(BatchSession, HappyPath) {
  BatchSession s(3);
  for (const auto& line : {kHello, kCheck, kWarmup, sample(0, 20, 1000), sample(1, 20, 2000), sample(2, 20, 3000)}) {
    s.accept(line);
    EXPECT_FALSE(s.complete());
  }
  EXPECT_EQ(s.progress(), "after 3 of 3 samples");
  s.accept(kDone);
  EXPECT_TRUE(s.complete());
  EXPECT_EQ(s.hello()["variant"], "encoding_json");
  EXPECT_EQ(s.checksum()["objects"], 1264);
  EXPECT_EQ(s.warmup().batch, 20);
  EXPECT_EQ(s.facts()["gc_cycles"], 3);
  ASSERT_EQ(s.samples().size(), 3u);
  EXPECT_EQ(s.samples()[2].ops, 20);
  EXPECT_EQ(s.samples()[2].ns, 3000);
  EXPECT_TRUE(s.variant_error().empty());
}

TEST(BatchSession, ProgressDescribesEachStage) {
  BatchSession s(2);
  EXPECT_EQ(s.progress(), "before hello");
  s.accept(kHello);
  EXPECT_EQ(s.progress(), "after hello, before check");
  s.accept(kCheck);
  EXPECT_EQ(s.progress(), "after check, during warm-up");
  s.accept(kWarmup);
  EXPECT_EQ(s.progress(), "after 0 of 2 samples");
  s.accept(sample(0));
  EXPECT_EQ(s.progress(), "after 1 of 2 samples");
}

TEST(BatchSession, SampleBeforeWarmup) {
  BatchSession s(2);
  auto e = session_error(s, {kHello, kCheck, sample(0)});
  EXPECT_CONTAINS(e, "unexpected sample line");
  EXPECT_CONTAINS(e, "during warm-up");
}

TEST(BatchSession, CheckBeforeHello) {
  BatchSession s(2);
  auto e = session_error(s, {kCheck});
  EXPECT_CONTAINS(e, "unexpected check line");
  EXPECT_CONTAINS(e, "before hello");
}

TEST(BatchSession, WarmupWithoutCheck) {
  BatchSession s(2);
  EXPECT_CONTAINS(session_error(s, {kHello, kWarmup}), "unexpected warmup line");
}

TEST(BatchSession, DuplicateHello) {
  BatchSession s(2);
  auto e = session_error(s, {kHello, kHello});
  EXPECT_CONTAINS(e, "unexpected hello line");
  EXPECT_CONTAINS(e, "after hello");
}

TEST(BatchSession, SecondWarmup) {
  BatchSession s(2);
  EXPECT_CONTAINS(session_error(s, {kHello, kCheck, kWarmup, sample(0), kWarmup}), "unexpected warmup line");
}

TEST(BatchSession, WrongSampleIndex) {
  BatchSession s(3);
  auto e = session_error(s, {kHello, kCheck, kWarmup, sample(0), sample(2)});
  EXPECT_CONTAINS(e, "index 2");
  EXPECT_CONTAINS(e, "expected 1");
}

TEST(BatchSession, RepeatedSampleIndex) {
  BatchSession s(3);
  auto e = session_error(s, {kHello, kCheck, kWarmup, sample(0), sample(0)});
  EXPECT_CONTAINS(e, "index 0");
  EXPECT_CONTAINS(e, "expected 1");
}

TEST(BatchSession, TooManySamples) {
  BatchSession s(2);
  auto e = session_error(s, {kHello, kCheck, kWarmup, sample(0), sample(1), sample(2)});
  EXPECT_CONTAINS(e, "more samples than the 2 requested");
  EXPECT_EQ(s.samples().size(), 2u);
}

TEST(BatchSession, DoneTooEarly) {
  BatchSession s(5);
  auto e = session_error(s, {kHello, kCheck, kWarmup, sample(0), sample(1), kDone});
  EXPECT_CONTAINS(e, "done after 2 of 5 samples");
  EXPECT_FALSE(s.complete());
}

TEST(BatchSession, DoneBeforeWarmup) {
  BatchSession s(1);
  EXPECT_CONTAINS(session_error(s, {kHello, kCheck, kDone}), "unexpected done line");
}

TEST(BatchSession, LineAfterDone) {
  BatchSession s(1);
  auto e = session_error(s, {kHello, kCheck, kWarmup, sample(0), kDone, sample(1)});
  EXPECT_CONTAINS(e, "unexpected sample line");
}

TEST(BatchSession, ErrorLineSurfacesVariantMessage) {
  BatchSession s(3);
  auto e = session_error(s, {kHello, kCheck, R"({"type":"error","message":"input has 3 orders, wanted 4"})"});
  EXPECT_CONTAINS(e, "variant reported an error");
  EXPECT_CONTAINS(e, "input has 3 orders, wanted 4");
  EXPECT_EQ(s.variant_error(), "input has 3 orders, wanted 4");
}

TEST(BatchSession, ErrorLineBeforeHello) {
  BatchSession s(3);
  auto e = session_error(s, {R"({"type":"error","message":"bad request file"})"});
  EXPECT_CONTAINS(e, "bad request file");
  EXPECT_EQ(s.variant_error(), "bad request file");
}

TEST(BatchSession, MalformedLinePropagatesParseError) {
  BatchSession s(3);
  auto e = session_error(s, {kHello, kCheck, kWarmup, R"({"type":"sample","index":0,"ops":-1,"ns":5})"});
  EXPECT_CONTAINS(e, "'ops'");
  EXPECT_TRUE(s.samples().empty());
}

}  // namespace
