#pragma once
// The body of the http_response fuzz target, shared with the unit test that
// replays tests/fuzz/corpus/http_response/: the first byte picks the parser's
// options and how the rest is cut into reads; returns "" or the broken invariant.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "loadgen/http_response_parser.hpp"

namespace xlb::fuzz {

inline std::string check_http_response_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return "";
  const std::uint8_t control = data[0];
  ++data;
  --size;
  const bool keep_body = control & 1;
  const std::size_t piece = 1 + (control >> 2);  // 1..64 bytes per read
  HttpResponseParser parser(HttpResponseLimits{.max_header_bytes = 1024, .max_kept_body_bytes = 4096}, keep_body);
  parser.set_no_body_expected(control & 2);

  for (std::size_t offset = 0; offset < size;) {
    const std::size_t n = std::min(piece, size - offset);
    // Each read in its own exact-size allocation, so ASan sees any read past it.
    std::unique_ptr<char[]> read(new char[n]);
    std::copy(data + offset, data + offset + n, read.get());
    offset += n;
    std::string_view rest(read.get(), n);
    while (!rest.empty()) {
      const std::size_t used = parser.feed(rest);
      if (used > rest.size()) return "feed() consumed more than it was given";
      rest.remove_prefix(used);
      if (parser.failed()) {
        if (parser.error().empty()) return "error state without a message";
        parser.reset();  // a client reconnects; the parser must be reusable
        rest = {};
      } else if (parser.complete()) {
        const HttpResponse& r = parser.response();
        if (r.status < 100 || r.status > 599) return "status out of range: " + std::to_string(r.status);
        if (keep_body && r.body.size() != r.body_bytes) return "kept body size differs from body_bytes";
        if (r.body.size() > 4096) return "kept body exceeds its limit";
        if (r.content_length && !r.chunked && !(control & 2) && r.status >= 200 && r.status != 204 &&
            r.status != 304 && r.body_bytes != *r.content_length)
          return "body size differs from Content-Length";
        parser.reset();
      } else if (!rest.empty()) {
        return "an incomplete response left bytes unconsumed";
      }
    }
  }
  parser.finish_at_eof();
  if (parser.failed() && parser.error().empty()) return "error state without a message";
  return "";
}

}  // namespace xlb::fuzz
