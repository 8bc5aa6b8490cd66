#include "loadgen/http_response_parser.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace xlb {
namespace {

constexpr std::size_t kMaxChunkSizeLine = 1024;  // hex size plus extensions
constexpr std::uint64_t kMaxChunkSize = std::uint64_t{1} << 60;

// Header-name bytes (RFC 9110 token), as a table: it runs for every byte of every header name.
constexpr std::array<bool, 256> kTokenChars = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = true;
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

bool is_token_char(unsigned char c) { return kTokenChars[c]; }

// Field values: visible ASCII, space, tab and obs-text; no other control bytes.
bool is_value_char(unsigned char c) { return c == '\t' || (c >= 0x20 && c != 0x7f); }

bool iequals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A short, printable excerpt of bad input for error messages.
std::string excerpt(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s.substr(0, 60)) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (s.size() > 60) out += "...";
  return out;
}

// Calls f(token) for each comma-separated, trimmed, non-empty element.
template <typename F>
void for_each_list_element(std::string_view list, F f) {
  while (!list.empty()) {
    auto comma = list.find(',');
    auto element = trim(list.substr(0, comma));
    if (!element.empty()) f(element);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace

HttpResponseParser::HttpResponseParser(HttpResponseLimits limits, bool keep_body)
    : limits_(limits), keep_body_(keep_body) {}

void HttpResponseParser::reset() {
  state_ = State::kInProgress;
  phase_ = Phase::kStatusLine;
  started_ = false;
  header_bytes_ = 0;
  body_remaining_ = 0;
  chunk_end_cr_ = false;
  line_.clear();
  response_.status = 0;
  response_.content_length.reset();
  response_.chunked = false;
  response_.connection_close = false;
  response_.content_type.clear();
  response_.body_bytes = 0;
  response_.body.clear();
  error_.clear();
}

void HttpResponseParser::fail(std::string message) {
  if (state_ == State::kError) return;
  state_ = State::kError;
  error_ = std::move(message);
}

void HttpResponseParser::finish() {
  phase_ = Phase::kDone;
  state_ = State::kComplete;
}

// Takes one '\n'-terminated line (without "\r\n") starting at data[pos]. A line
// split across feeds is collected in line_; `limit` bounds it, '\n' included.
bool HttpResponseParser::take_line(std::string_view data, std::size_t& pos, std::size_t limit,
                                   std::string_view& line) {
  const char* begin = data.data() + pos;
  const std::size_t avail = data.size() - pos;
  const void* newline = std::memchr(begin, '\n', avail);
  if (newline == nullptr) {
    if (line_.size() + avail > limit) {
      fail("line longer than " + std::to_string(limit) + " bytes: '" + excerpt(line_ + std::string(begin, avail)) +
           "'");
    } else {
      line_.append(begin, avail);
    }
    pos = data.size();
    return false;
  }
  const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - begin);
  pos += length + 1;
  if (line_.size() + length + 1 > limit) {
    fail("line longer than " + std::to_string(limit) + " bytes: '" + excerpt(line_ + std::string(begin, length)) +
         "'");
    return false;
  }
  if (line_.empty()) {
    line = std::string_view(begin, length);
  } else {
    line_.append(begin, length);
    line = line_;
  }
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return true;
}

std::size_t HttpResponseParser::feed(std::string_view data) {
  if (state_ != State::kInProgress) return 0;
  if (!data.empty()) started_ = true;
  std::size_t pos = 0;
  while (pos < data.size() && state_ == State::kInProgress) {
    std::string_view line;
    switch (phase_) {
      case Phase::kStatusLine:
      case Phase::kHeaderLine:
      case Phase::kTrailer: {
        const std::size_t before = pos;
        const bool got = take_line(data, pos, limits_.max_header_bytes - header_bytes_, line);
        header_bytes_ += pos - before;
        if (!got) break;
        if (phase_ == Phase::kStatusLine) {
          parse_status_line(line);
        } else if (phase_ == Phase::kHeaderLine) {
          line.empty() ? end_of_headers() : parse_header_line(line);
        } else if (line.empty()) {
          finish();  // trailer fields are read and ignored
        }
        line_.clear();
        break;
      }
      case Phase::kBody:
      case Phase::kChunkData: {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(body_remaining_, data.size() - pos));
        consume_body(data.substr(pos, n));
        pos += n;
        body_remaining_ -= n;
        if (body_remaining_ == 0 && state_ == State::kInProgress) {
          if (phase_ == Phase::kBody) {
            finish();
          } else {
            phase_ = Phase::kChunkEnd;
          }
        }
        break;
      }
      case Phase::kBodyUntilClose:
        consume_body(data.substr(pos));
        pos = data.size();
        break;
      case Phase::kChunkSize:
        if (take_line(data, pos, kMaxChunkSizeLine, line)) {
          parse_chunk_size(line);
          line_.clear();
        }
        break;
      case Phase::kChunkEnd:  // exactly "\r\n" (or a bare "\n") after the chunk data
        if (data[pos] == '\r' && !chunk_end_cr_) {
          chunk_end_cr_ = true;
        } else if (data[pos] == '\n') {
          chunk_end_cr_ = false;
          phase_ = Phase::kChunkSize;
        } else {
          fail("chunk data not followed by CRLF");
        }
        ++pos;
        break;
      case Phase::kDone:
        return pos;
    }
  }
  return pos;
}

bool HttpResponseParser::finish_at_eof() {
  if (state_ == State::kInProgress) {
    if (phase_ == Phase::kBodyUntilClose) {
      finish();
    } else {
      fail(started_ ? "connection closed in the middle of a response" : "connection closed before a response");
    }
  }
  return complete();
}

void HttpResponseParser::parse_status_line(std::string_view line) {
  // HTTP-version SP 3DIGIT [SP reason-phrase]
  auto digit = [&](std::size_t i) { return line[i] >= '0' && line[i] <= '9'; };
  if (line.size() < 12 || line.substr(0, 7) != "HTTP/1." || !digit(7) || line[8] != ' ' || !digit(9) ||
      !digit(10) || !digit(11) || (line.size() > 12 && line[12] != ' ')) {
    fail("malformed status line '" + excerpt(line) + "'");
    return;
  }
  response_.status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
  if (response_.status < 100 || response_.status > 599) {
    fail("status code out of range in '" + excerpt(line) + "'");
    return;
  }
  phase_ = Phase::kHeaderLine;
}

void HttpResponseParser::parse_header_line(std::string_view line) {
  if (line.front() == ' ' || line.front() == '\t') {
    fail("obsolete folded header line '" + excerpt(line) + "'");
    return;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    fail("malformed header line '" + excerpt(line) + "'");
    return;
  }
  const auto name = line.substr(0, colon);
  for (unsigned char c : name) {
    if (!is_token_char(c)) {
      fail("invalid header name '" + excerpt(name) + "'");
      return;
    }
  }
  const auto value = trim(line.substr(colon + 1));
  for (unsigned char c : value) {
    if (!is_value_char(c)) {
      fail("control byte in the value of header '" + excerpt(name) + "'");
      return;
    }
  }
  if (iequals(name, "content-length")) {
    if (value.empty() || value.size() > 19) {
      fail("invalid Content-Length '" + excerpt(value) + "'");
      return;
    }
    std::uint64_t n = 0;
    for (char c : value) {
      if (c < '0' || c > '9') {
        fail("invalid Content-Length '" + excerpt(value) + "'");
        return;
      }
      n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (response_.content_length && *response_.content_length != n) {
      fail("conflicting Content-Length headers");
      return;
    }
    response_.content_length = n;
  } else if (iequals(name, "transfer-encoding")) {
    bool unsupported = false;
    for_each_list_element(value, [&](std::string_view coding) {
      if (!iequals(coding, "chunked") || response_.chunked) unsupported = true;
      response_.chunked = true;
    });
    if (unsupported || !response_.chunked) fail("unsupported Transfer-Encoding '" + excerpt(value) + "'");
  } else if (iequals(name, "content-type")) {
    response_.content_type.assign(value);
  } else if (iequals(name, "connection")) {
    for_each_list_element(value, [&](std::string_view option) {
      if (iequals(option, "close")) response_.connection_close = true;
    });
  }
}

void HttpResponseParser::end_of_headers() {
  const int s = response_.status;
  if (no_body_expected_ || (s >= 100 && s < 200) || s == 204 || s == 304) {
    finish();
  } else if (response_.chunked) {  // Transfer-Encoding overrides Content-Length (RFC 9112 6.3)
    phase_ = Phase::kChunkSize;
  } else if (response_.content_length) {
    body_remaining_ = *response_.content_length;
    if (keep_body_ && body_remaining_ > limits_.max_kept_body_bytes) {
      fail("Content-Length " + std::to_string(body_remaining_) + " exceeds the limit of " +
           std::to_string(limits_.max_kept_body_bytes) + " bytes");
    } else if (body_remaining_ == 0) {
      finish();
    } else {
      phase_ = Phase::kBody;
    }
  } else {
    phase_ = Phase::kBodyUntilClose;
  }
}

void HttpResponseParser::parse_chunk_size(std::string_view line) {
  std::uint64_t size = 0;
  std::size_t i = 0;
  for (; i < line.size(); ++i) {
    const char c = line[i];
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
      d = (c | 0x20) - 'a' + 10;
    } else {
      break;
    }
    size = size * 16 + static_cast<std::uint64_t>(d);
    if (size > kMaxChunkSize) {
      fail("chunk size too large '" + excerpt(line) + "'");
      return;
    }
  }
  const auto rest = trim(line.substr(i));
  if (i == 0 || (!rest.empty() && rest.front() != ';')) {
    fail("malformed chunk size line '" + excerpt(line) + "'");
    return;
  }
  if (size == 0) {
    phase_ = Phase::kTrailer;
    return;
  }
  body_remaining_ = size;
  phase_ = Phase::kChunkData;
}

void HttpResponseParser::consume_body(std::string_view bytes) {
  response_.body_bytes += bytes.size();
  if (!keep_body_) return;
  if (response_.body.size() + bytes.size() > limits_.max_kept_body_bytes) {
    fail("body exceeds the limit of " + std::to_string(limits_.max_kept_body_bytes) + " bytes");
    return;
  }
  response_.body.append(bytes);
}

}  // namespace xlb
