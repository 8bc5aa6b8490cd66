#include "protocol/server_protocol.hpp"

#include "core/errors.hpp"
#include "protocol/protocol.hpp"

namespace xlb {
namespace {

using nlohmann::json;

// The ready line is the server protocol's own; parse_message knows the shared types.
void parse_ready(const json& j, std::string& host, int& port) {
  if (!j.contains("host") || !j["host"].is_string() || j["host"].get<std::string>().empty())
    throw ProtocolError("ready line: 'host' must be a non-empty string");
  if (!j.contains("port") || !j["port"].is_number_integer())
    throw ProtocolError("ready line: 'port' must be an integer");
  const auto p = j["port"].get<std::int64_t>();
  if (p < 1 || p > 65535) throw ProtocolError("ready line: port " + std::to_string(p) + " out of range 1..65535");
  host = j["host"].get<std::string>();
  port = static_cast<int>(p);
}

}  // namespace

void ServerSession::accept(std::string_view line) {
  // Peek at the type first: "ready" is unknown to the batch parser.
  json peek = json::parse(line, nullptr, false);
  if (peek.is_object() && peek.contains("type") && peek["type"] == "ready") {
    if (state_ != State::hello) throw ProtocolError("unexpected ready line (" + progress() + ")");
    parse_ready(peek, host_, port_);
    state_ = State::ready;
    return;
  }
  Message m = parse_message(line);
  switch (m.type) {
    case MessageType::error:
      server_error_ = m.message;
      throw ProtocolError("server reported an error: " + m.message);
    case MessageType::hello:
      if (state_ != State::start) throw ProtocolError("unexpected hello line (" + progress() + ")");
      hello_ = m.body;
      state_ = State::hello;
      break;
    case MessageType::done:
      if (state_ != State::ready) throw ProtocolError("unexpected done line (" + progress() + ")");
      facts_ = m.facts;
      state_ = State::done;
      break;
    default:
      throw ProtocolError("unexpected " + m.body["type"].get<std::string>() + " line: this is a server workload");
  }
}

std::string ServerSession::progress() const {
  switch (state_) {
    case State::start: return "before hello";
    case State::hello: return "after hello, before ready";
    case State::ready: return "ready";
    case State::done: return "done";
  }
  return "";
}

}  // namespace xlb
