#pragma once
// Parsing of the JSON lines a batch variant prints (docs/protocol.md).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace xlb {

enum class MessageType { hello, check, warmup, sample, done, error, result };

struct Message {
  MessageType type{};
  nlohmann::json body;       // the whole line
  std::int64_t ops = 0;      // warmup, sample
  std::int64_t ns = 0;       // warmup, sample, result
  std::int64_t batch = 0;    // warmup
  std::int64_t index = 0;    // sample
  nlohmann::json checksum;   // check, result: object of integers
  nlohmann::json facts;      // done, result
  std::string message;       // error
};

// Throws ProtocolError naming the offending field or value.
Message parse_message(std::string_view line);

// Enforces the order hello, check, warmup, sample x N, done; collects the values.
class BatchSession {
 public:
  explicit BatchSession(int expected_samples) : expected_samples_(expected_samples) {}

  // Throws ProtocolError on a malformed or out-of-order line.
  void accept(std::string_view line);

  bool complete() const { return state_ == State::done; }
  const std::string& variant_error() const { return variant_error_; }
  const nlohmann::json& hello() const { return hello_; }
  const nlohmann::json& checksum() const { return checksum_; }
  const nlohmann::json& facts() const { return facts_; }
  const Message& warmup() const { return warmup_; }
  struct Sample {
    std::int64_t ops, ns;
  };
  const std::vector<Sample>& samples() const { return samples_; }
  // What the variant last reached, for failure reports ("after 3 of 10 samples").
  std::string progress() const;

 private:
  enum class State { start, hello, check, warmup, done };
  State state_ = State::start;
  int expected_samples_;
  nlohmann::json hello_, checksum_, facts_;
  Message warmup_;
  std::vector<Sample> samples_;
  std::string variant_error_;
};

// The spawn protocol: hello, then one result line, then exit.
class SpawnSession {
 public:
  void accept(std::string_view line);  // throws ProtocolError
  bool complete() const { return has_result_; }
  const nlohmann::json& hello() const { return hello_; }
  const Message& result() const { return result_; }
  std::string progress() const { return has_result_ ? "done" : hello_.is_null() ? "before hello" : "after hello, before result"; }

 private:
  nlohmann::json hello_;
  Message result_;
  bool has_result_ = false;
};

}  // namespace xlb
