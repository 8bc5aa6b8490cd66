#pragma once
// The body of the protocol_line fuzz target, shared with the unit test that
// replays tests/fuzz/corpus/protocol_line/: the bytes as one line through the
// parser, then as a stream of lines through the batch and spawn sessions.
// A ProtocolError is the right answer to garbage; returns "" or what went wrong.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "protocol/protocol.hpp"

namespace xlb::fuzz {

inline std::string check_protocol_line_input(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    try {
      (void)parse_message(text);
    } catch (const ProtocolError&) {
    }
    BatchSession batch(3);
    SpawnSession spawn;
    bool batch_alive = true, spawn_alive = true;
    for (std::size_t start = 0; start <= text.size() && (batch_alive || spawn_alive);) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      const auto line = text.substr(start, end - start);
      start = end + 1;
      if (batch_alive) {
        try {
          batch.accept(line);
        } catch (const ProtocolError&) {
          batch_alive = false;
        }
      }
      if (spawn_alive) {
        try {
          spawn.accept(line);
        } catch (const ProtocolError&) {
          spawn_alive = false;
        }
      }
    }
    (void)batch.progress();
    (void)spawn.progress();
  } catch (const std::exception& e) {
    return std::string("an exception other than ProtocolError: ") + e.what();
  }
  return "";
}

}  // namespace xlb::fuzz
