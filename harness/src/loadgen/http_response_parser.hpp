#pragma once
// Incremental HTTP/1.1 response parser for the load generator and the verify
// step. Bytes may arrive split at any point or with several (pipelined)
// responses in one read: feed() consumes at most one response and says how far
// it got. Malformed input ends in the error state, never in a crash or a read
// past the given bytes; the status line plus headers are bounded in size.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xlb {

struct HttpResponseLimits {
  std::size_t max_header_bytes = 16 * 1024;            // status line, headers and trailers
  std::size_t max_kept_body_bytes = 16 * 1024 * 1024;  // only when the body is kept
};

struct HttpResponse {
  int status = 0;
  std::optional<std::uint64_t> content_length;
  bool chunked = false;
  bool connection_close = false;  // "Connection: close": the server closes after this response
  std::string content_type;       // raw header value, empty when absent
  std::uint64_t body_bytes = 0;   // decoded body size (after de-chunking)
  std::string body;               // only when the parser keeps bodies
};

class HttpResponseParser {
 public:
  enum class State { kInProgress, kComplete, kError };

  explicit HttpResponseParser(HttpResponseLimits limits = {}, bool keep_body = false);

  // Consumes bytes of the current response and returns how many; stops at the
  // end of the response (the rest belongs to the next one) or at an error.
  std::size_t feed(std::string_view data);
  // The peer closed the connection: completes a body delimited by the close.
  // Returns whether the response is complete.
  bool finish_at_eof();
  // The request was HEAD: the response has headers only.
  void set_no_body_expected(bool no_body) { no_body_expected_ = no_body; }
  // Ready for the next response on the same connection (keeps buffer capacity).
  void reset();

  State state() const { return state_; }
  bool complete() const { return state_ == State::kComplete; }
  bool failed() const { return state_ == State::kError; }
  bool started() const { return started_; }  // some byte of this response has arrived
  const HttpResponse& response() const { return response_; }
  const std::string& error() const { return error_; }

 private:
  enum class Phase { kStatusLine, kHeaderLine, kBody, kBodyUntilClose, kChunkSize, kChunkData, kChunkEnd,
                     kTrailer, kDone };

  bool take_line(std::string_view data, std::size_t& pos, std::size_t limit, std::string_view& line);
  void fail(std::string message);
  void parse_status_line(std::string_view line);
  void parse_header_line(std::string_view line);
  void end_of_headers();
  void parse_chunk_size(std::string_view line);
  void consume_body(std::string_view bytes);
  void finish();

  HttpResponseLimits limits_;
  bool keep_body_;
  bool no_body_expected_ = false;
  State state_ = State::kInProgress;
  Phase phase_ = Phase::kStatusLine;
  bool started_ = false;
  std::size_t header_bytes_ = 0;      // of this response's status line, headers and trailers
  std::uint64_t body_remaining_ = 0;  // of the Content-Length body or the current chunk
  bool chunk_end_cr_ = false;         // the '\r' after chunk data has been seen
  std::string line_;                  // a line split across feeds
  HttpResponse response_;
  std::string error_;
};

}  // namespace xlb
