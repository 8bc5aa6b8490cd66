#include "protocol/protocol.hpp"

#include "core/bounded_json.hpp"
#include "core/errors.hpp"

namespace xlb {
namespace {

using nlohmann::json;

std::int64_t positive_int(const json& j, const char* key, const char* type, bool allow_zero = false) {
  if (!j.contains(key)) throw ProtocolError(std::string(type) + " line: missing field '" + key + "'");
  const auto& v = j[key];
  if (!v.is_number_integer())
    throw ProtocolError(std::string(type) + " line: field '" + key + "' must be an integer, got " + v.dump());
  auto n = v.get<std::int64_t>();
  if (n < 0 || (n == 0 && !allow_zero))
    throw ProtocolError(std::string(type) + " line: field '" + key + "' out of range: " + std::to_string(n));
  return n;
}

// Protocol lines are flat objects with small nested facts; deeper is garbage (found by fuzzing:
// a deeply nested line overflowed the stack when the message was copied).
constexpr int kMaxLineDepth = 32;

std::string excerpt(std::string_view line) {
  constexpr size_t kMax = 120;
  return line.size() <= kMax ? std::string(line) : std::string(line.substr(0, kMax)) + "...";
}

}  // namespace

Message parse_message(std::string_view line) {
  json j;
  try {
    j = parse_bounded_json(line, kMaxLineDepth);
  } catch (const json::exception&) {  // parse_error, or out_of_range for a number too large
    throw ProtocolError("not a JSON line: '" + excerpt(line) + "'");
  } catch (const JsonTooDeep& e) {
    throw ProtocolError(std::string("line with ") + e.what() + ": '" + excerpt(line) + "'");
  }
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string())
    throw ProtocolError("line without a string 'type': '" + excerpt(line) + "'");
  Message m;
  m.body = j;
  const auto type = j["type"].get<std::string>();
  if (type == "hello") {
    m.type = MessageType::hello;
    for (const char* key : {"language", "variant"})
      if (!j.contains(key) || !j[key].is_string())
        throw ProtocolError(std::string("hello line: missing string field '") + key + "'");
    if (!j.contains("protocol") || j["protocol"] != 1)
      throw ProtocolError("hello line: unsupported protocol " + (j.contains("protocol") ? j["protocol"].dump() : "(missing)"));
  } else if (type == "check" || type == "result") {
    m.type = type == "check" ? MessageType::check : MessageType::result;
    if (!j.contains("checksum") || !j["checksum"].is_object() || j["checksum"].empty())
      throw ProtocolError(type + " line: 'checksum' must be a non-empty object");
    for (const auto& [key, value] : j["checksum"].items())
      if (!value.is_number_integer())
        throw ProtocolError(type + " line: checksum field '" + key + "' must be an integer, got " + value.dump());
    m.checksum = j["checksum"];
    if (m.type == MessageType::result) {
      m.ns = positive_int(j, "ns", "result", true);
      m.facts = j.contains("facts") && j["facts"].is_object() ? j["facts"] : json::object();
    }
  } else if (type == "warmup") {
    m.type = MessageType::warmup;
    m.ops = positive_int(j, "ops", "warmup");
    m.ns = positive_int(j, "ns", "warmup");
    m.batch = positive_int(j, "batch", "warmup");
  } else if (type == "sample") {
    m.type = MessageType::sample;
    m.index = positive_int(j, "index", "sample", true);
    m.ops = positive_int(j, "ops", "sample");
    m.ns = positive_int(j, "ns", "sample");
  } else if (type == "done") {
    m.type = MessageType::done;
    m.facts = j.contains("facts") && j["facts"].is_object() ? j["facts"] : json::object();
  } else if (type == "error") {
    m.type = MessageType::error;
    m.message = j.contains("message") && j["message"].is_string() ? j["message"].get<std::string>()
                                                                 : "(no message)";
  } else {
    throw ProtocolError("unknown line type '" + excerpt(type) + "'");
  }
  return m;
}

void BatchSession::accept(std::string_view line) {
  Message m = parse_message(line);
  auto expect = [&](State want, const char* what) {
    if (state_ != want) throw ProtocolError(std::string("unexpected ") + what + " line (" + progress() + ")");
  };
  switch (m.type) {
    case MessageType::error:
      variant_error_ = m.message;
      throw ProtocolError("variant reported an error: " + m.message);
    case MessageType::hello:
      expect(State::start, "hello");
      hello_ = m.body;
      state_ = State::hello;
      break;
    case MessageType::check:
      expect(State::hello, "check");
      checksum_ = m.checksum;
      state_ = State::check;
      break;
    case MessageType::warmup:
      expect(State::check, "warmup");
      warmup_ = m;
      state_ = State::warmup;
      break;
    case MessageType::sample:
      expect(State::warmup, "sample");
      if (m.index != static_cast<std::int64_t>(samples_.size()))
        throw ProtocolError("sample line: index " + std::to_string(m.index) + ", expected " +
                            std::to_string(samples_.size()));
      if (static_cast<int>(samples_.size()) >= expected_samples_)
        throw ProtocolError("more samples than the " + std::to_string(expected_samples_) + " requested");
      samples_.push_back({m.ops, m.ns});
      break;
    case MessageType::result:
      throw ProtocolError("unexpected result line: this is a batch workload");
    case MessageType::done:
      expect(State::warmup, "done");
      if (static_cast<int>(samples_.size()) != expected_samples_)
        throw ProtocolError("done after " + std::to_string(samples_.size()) + " of " +
                            std::to_string(expected_samples_) + " samples");
      facts_ = m.facts;
      state_ = State::done;
      break;
  }
}

void SpawnSession::accept(std::string_view line) {
  Message m = parse_message(line);
  switch (m.type) {
    case MessageType::error:
      throw ProtocolError("variant reported an error: " + m.message);
    case MessageType::hello:
      if (!hello_.is_null()) throw ProtocolError("unexpected hello line (" + progress() + ")");
      hello_ = m.body;
      break;
    case MessageType::result:
      if (hello_.is_null() || has_result_) throw ProtocolError("unexpected result line (" + progress() + ")");
      result_ = m;
      has_result_ = true;
      break;
    default:
      throw ProtocolError("unexpected " + m.body["type"].get<std::string>() + " line: this is a spawn workload");
  }
}

std::string BatchSession::progress() const {
  switch (state_) {
    case State::start: return "before hello";
    case State::hello: return "after hello, before check";
    case State::check: return "after check, during warm-up";
    case State::warmup:
      return "after " + std::to_string(samples_.size()) + " of " + std::to_string(expected_samples_) + " samples";
    case State::done: return "done";
  }
  return "";
}

}  // namespace xlb
