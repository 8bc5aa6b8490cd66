#pragma once
// The lines a server variant prints (docs/protocol.md, server protocol):
// hello, ready (the port really bound), and done after SIGTERM.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace xlb {

class ServerSession {
 public:
  // Throws ProtocolError on a malformed or out-of-order line, or an error line.
  void accept(std::string_view line);

  bool ready() const { return state_ == State::ready || state_ == State::done; }
  bool done() const { return state_ == State::done; }
  const std::string& host() const { return host_; }
  int port() const { return port_; }
  const nlohmann::json& hello() const { return hello_; }
  const nlohmann::json& facts() const { return facts_; }
  // The server's own error message when it printed an error line.
  const std::string& server_error() const { return server_error_; }
  // "before hello", "after hello, before ready", "ready", "done".
  std::string progress() const;

 private:
  enum class State { start, hello, ready, done };
  State state_ = State::start;
  nlohmann::json hello_, facts_ = nlohmann::json::object();
  std::string host_, server_error_;
  int port_ = 0;
};

}  // namespace xlb
