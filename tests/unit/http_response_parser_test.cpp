#include "loadgen/http_response_parser.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace xlb {
namespace {

const std::string kPlain =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nServer: t\r\n\r\nHello, World!";
const std::string kJson =
    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 27\r\n\r\n{\"message\":\"Hello, World!\"}";
const std::string kChunked =
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
    "5;ext=1\r\nHello\r\n8\r\n, World!\r\n0\r\nX-Trailer: yes\r\n\r\n";

struct Parsed {
  std::vector<HttpResponse> responses;
  bool failed = false;
  std::string error;
};

// Feeds `input` in pieces cut at `cuts`, collecting every completed response.
Parsed parse_pieces(const std::string& input, const std::vector<std::size_t>& cuts, bool keep_body = true) {
  HttpResponseParser parser({}, keep_body);
  Parsed out;
  std::size_t begin = 0;
  auto feed_piece = [&](std::string_view piece) {
    while (!piece.empty()) {
      const auto used = parser.feed(piece);
      EXPECT_LE(used, piece.size());
      piece.remove_prefix(used);
      if (parser.failed()) {
        out.failed = true;
        out.error = parser.error();
        return false;
      }
      if (!parser.complete()) {
        EXPECT_TRUE(piece.empty()) << "an incomplete response must consume everything it was given";
        return true;
      }
      out.responses.push_back(parser.response());
      parser.reset();
    }
    return true;
  };
  for (auto cut : cuts) {
    if (!feed_piece(std::string_view(input).substr(begin, cut - begin))) return out;
    begin = cut;
  }
  feed_piece(std::string_view(input).substr(begin));
  return out;
}

Parsed parse_whole(const std::string& input) { return parse_pieces(input, {}); }

TEST(HttpResponseParser, ParsesStatusHeadersAndBody) {
  auto p = parse_whole(kPlain);
  ASSERT_FALSE(p.failed) << p.error;
  ASSERT_EQ(p.responses.size(), 1u);
  const auto& r = p.responses[0];
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain");
  EXPECT_EQ(r.content_length, 13u);
  EXPECT_FALSE(r.chunked);
  EXPECT_FALSE(r.connection_close);
  EXPECT_EQ(r.body, "Hello, World!");
  EXPECT_EQ(r.body_bytes, 13u);
}

TEST(HttpResponseParser, HeaderNamesAreCaseInsensitive) {
  auto p = parse_whole(kJson);
  ASSERT_EQ(p.responses.size(), 1u);
  EXPECT_EQ(p.responses[0].content_type, "application/json");
  EXPECT_EQ(p.responses[0].body, "{\"message\":\"Hello, World!\"}");
}

TEST(HttpResponseParser, AnySplitPointGivesTheSameResult) {
  for (const auto* input : {&kPlain, &kJson, &kChunked}) {
    const auto whole = parse_whole(*input);
    ASSERT_EQ(whole.responses.size(), 1u);
    for (std::size_t cut = 0; cut <= input->size(); ++cut) {
      auto p = parse_pieces(*input, {cut});
      ASSERT_FALSE(p.failed) << "cut at " << cut << ": " << p.error;
      ASSERT_EQ(p.responses.size(), 1u) << "cut at " << cut;
      EXPECT_EQ(p.responses[0].body, whole.responses[0].body) << "cut at " << cut;
      EXPECT_EQ(p.responses[0].content_type, whole.responses[0].content_type);
    }
  }
}

TEST(HttpResponseParser, ByteByByte) {
  std::vector<std::size_t> cuts;
  const std::string input = kChunked + kPlain;
  for (std::size_t i = 1; i < input.size(); ++i) cuts.push_back(i);
  auto p = parse_pieces(input, cuts);
  ASSERT_FALSE(p.failed) << p.error;
  ASSERT_EQ(p.responses.size(), 2u);
  EXPECT_EQ(p.responses[0].body, "Hello, World!");
  EXPECT_EQ(p.responses[1].body, "Hello, World!");
}

TEST(HttpResponseParser, PipelinedResponsesInOneRead) {
  const std::string input = kPlain + kJson + kChunked + kPlain;
  HttpResponseParser parser;
  std::string_view rest(input);
  std::vector<std::size_t> used;
  while (!rest.empty()) {
    const auto n = parser.feed(rest);
    ASSERT_TRUE(parser.complete()) << parser.error();
    used.push_back(n);
    rest.remove_prefix(n);
    parser.reset();
  }
  EXPECT_EQ(used, (std::vector<std::size_t>{kPlain.size(), kJson.size(), kChunked.size(), kPlain.size()}));
  // Every pair split at every point of the boundary region.
  const std::string pair = kJson + kChunked;
  for (std::size_t cut = kJson.size() - 5; cut < kJson.size() + 5; ++cut) {
    auto p = parse_pieces(pair, {cut});
    ASSERT_EQ(p.responses.size(), 2u) << "cut at " << cut << " " << p.error;
  }
}

TEST(HttpResponseParser, ChunkedBodyIsDecoded) {
  auto p = parse_whole(kChunked);
  ASSERT_EQ(p.responses.size(), 1u) << p.error;
  EXPECT_TRUE(p.responses[0].chunked);
  EXPECT_EQ(p.responses[0].body, "Hello, World!");
  EXPECT_EQ(p.responses[0].body_bytes, 13u);
  EXPECT_FALSE(p.responses[0].content_length.has_value());
}

TEST(HttpResponseParser, BodyIsCountedButNotKeptByDefault) {
  auto p = parse_pieces(kPlain + kChunked, {}, /*keep_body=*/false);
  ASSERT_EQ(p.responses.size(), 2u);
  EXPECT_TRUE(p.responses[0].body.empty());
  EXPECT_EQ(p.responses[0].body_bytes, 13u);
  EXPECT_EQ(p.responses[1].body_bytes, 13u);
}

TEST(HttpResponseParser, ResponsesWithoutBody) {
  auto p = parse_whole("HTTP/1.1 204 No Content\r\nContent-Length: 99\r\n\r\n" + kPlain);
  ASSERT_EQ(p.responses.size(), 2u) << p.error;
  EXPECT_EQ(p.responses[0].status, 204);
  EXPECT_EQ(p.responses[0].body_bytes, 0u);
  p = parse_whole("HTTP/1.1 304 Not Modified\r\n\r\n" + kPlain);
  ASSERT_EQ(p.responses.size(), 2u) << p.error;

  HttpResponseParser head;
  head.set_no_body_expected(true);
  const std::string input = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n";
  EXPECT_EQ(head.feed(input), input.size());
  EXPECT_TRUE(head.complete());
}

TEST(HttpResponseParser, BodyUntilCloseCompletesAtEof) {
  HttpResponseParser parser({}, true);
  parser.feed("HTTP/1.0 200 OK\r\nConnection: close\r\n\r\nabc");
  parser.feed("def");
  EXPECT_FALSE(parser.complete());
  EXPECT_TRUE(parser.finish_at_eof());
  EXPECT_EQ(parser.response().body, "abcdef");
  EXPECT_TRUE(parser.response().connection_close);
}

TEST(HttpResponseParser, EofInTheMiddleIsAnError) {
  HttpResponseParser parser;
  parser.feed(kPlain.substr(0, kPlain.size() - 3));
  EXPECT_FALSE(parser.finish_at_eof());
  EXPECT_TRUE(parser.failed());
  EXPECT_NE(parser.error().find("closed"), std::string::npos);
}

TEST(HttpResponseParser, ConnectionCloseIsFoundInAList) {
  auto p = parse_whole("HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n");
  ASSERT_EQ(p.responses.size(), 1u);
  EXPECT_TRUE(p.responses[0].connection_close);
}

TEST(HttpResponseParser, TransferEncodingOverridesContentLength) {
  auto p = parse_whole(
      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  ASSERT_EQ(p.responses.size(), 1u) << p.error;
  EXPECT_EQ(p.responses[0].body, "abc");
}

TEST(HttpResponseParser, ReusableAfterAnError) {
  HttpResponseParser parser;
  parser.feed("XTTP/1.1 200 OK\r\n");
  ASSERT_TRUE(parser.failed());
  EXPECT_EQ(parser.feed(kPlain), 0u) << "a failed parser consumes nothing until reset";
  parser.reset();
  EXPECT_EQ(parser.feed(kPlain), kPlain.size());
  EXPECT_TRUE(parser.complete());
}

struct Malformed {
  const char* name;
  std::string input;
  const char* error_part;
};

TEST(HttpResponseParser, MalformedInputEndsInTheErrorState) {
  const std::vector<Malformed> cases = {
      {"not http", "garbage\r\n\r\n", "status line"},
      {"http/2", "HTTP/2 200 OK\r\n\r\n", "status line"},
      {"short status", "HTTP/1.1 20 OK\r\n\r\n", "status line"},
      {"status letters", "HTTP/1.1 2x0 OK\r\n\r\n", "status line"},
      {"status range", "HTTP/1.1 999 Huh\r\n\r\n", "out of range"},
      {"no space after status", "HTTP/1.1 200OK\r\n\r\n", "status line"},
      {"header without colon", "HTTP/1.1 200 OK\r\nContent-Length 5\r\n\r\n", "malformed header"},
      {"empty header name", "HTTP/1.1 200 OK\r\n: 5\r\n\r\n", "malformed header"},
      {"space in header name", "HTTP/1.1 200 OK\r\nContent Length: 5\r\n\r\n", "invalid header name"},
      {"folded header", "HTTP/1.1 200 OK\r\nX-A: 1\r\n continued\r\n\r\n", "folded"},
      {"control byte in value", std::string("HTTP/1.1 200 OK\r\nX-A: a\x01z\r\n\r\n"), "control byte"},
      {"negative length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length"},
      {"length with letters", "HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n", "Content-Length"},
      {"huge length", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", "Content-Length"},
      {"empty length", "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n", "Content-Length"},
      {"conflicting lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", "conflicting"},
      {"gzip coding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "Transfer-Encoding"},
      {"double chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", "Transfer-Encoding"},
      {"bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "chunk size"},
      {"empty chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "chunk size"},
      {"huge chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", "too large"},
      {"chunk without crlf", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", "CRLF"},
      {"long chunk line", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + std::string(2000, 'e'),
       "longer than"},
  };
  for (const auto& c : cases) {
    // Whole, and byte by byte: the same verdict either way.
    for (bool split : {false, true}) {
      std::vector<std::size_t> cuts;
      if (split)
        for (std::size_t i = 1; i < c.input.size(); ++i) cuts.push_back(i);
      auto p = parse_pieces(c.input, cuts);
      EXPECT_TRUE(p.failed) << c.name << (split ? " (byte by byte)" : "");
      EXPECT_NE(p.error.find(c.error_part), std::string::npos) << c.name << ": " << p.error;
    }
  }
}

TEST(HttpResponseParser, HeaderSizeIsLimited) {
  HttpResponseParser parser(HttpResponseLimits{.max_header_bytes = 256, .max_kept_body_bytes = 1024});
  std::string input = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 20; ++i) input += "X-Header-" + std::to_string(i) + ": some value\r\n";
  input += "\r\n";
  parser.feed(input);
  EXPECT_TRUE(parser.failed());
  EXPECT_NE(parser.error().find("longer than"), std::string::npos) << parser.error();

  // A header line without an end, arriving in small pieces, is cut off too (no unbounded buffering).
  HttpResponseParser endless(HttpResponseLimits{.max_header_bytes = 256, .max_kept_body_bytes = 1024});
  endless.feed("HTTP/1.1 200 OK\r\nX-Endless: ");
  for (int i = 0; i < 100 && !endless.failed(); ++i) endless.feed("aaaaaaaa");
  EXPECT_TRUE(endless.failed());
}

TEST(HttpResponseParser, KeptBodyIsLimited) {
  HttpResponseParser parser(HttpResponseLimits{.max_header_bytes = 1024, .max_kept_body_bytes = 8}, true);
  parser.feed(kPlain);
  EXPECT_TRUE(parser.failed());
  HttpResponseParser chunked(HttpResponseLimits{.max_header_bytes = 1024, .max_kept_body_bytes = 8}, true);
  chunked.feed(kChunked);
  EXPECT_TRUE(chunked.failed());
  HttpResponseParser counting(HttpResponseLimits{.max_header_bytes = 1024, .max_kept_body_bytes = 8}, false);
  counting.feed(kPlain);
  EXPECT_TRUE(counting.complete()) << "a body that is only counted has no size limit";
}

TEST(HttpResponseParser, RandomMutationsNeverOverRead) {
  // Deterministic mutations of valid responses: whatever the verdict, feed()
  // stays within its input (ASan checks the reads in the sanitizer build).
  std::mt19937 rng(12345);
  const std::vector<std::string> seeds = {kPlain, kJson, kChunked, kPlain + kChunked};
  for (int round = 0; round < 3000; ++round) {
    std::string input = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const auto pos = rng() % input.size();
      switch (rng() % 3) {
        case 0: input[pos] = static_cast<char>(rng()); break;
        case 1: input.erase(pos, 1 + rng() % 3); break;
        default: input.insert(pos, 1, static_cast<char>(rng())); break;
      }
      if (input.empty()) input = "H";
    }
    std::vector<std::size_t> cuts;
    for (std::size_t at = 1 + rng() % 7; at < input.size(); at += 1 + rng() % 7) cuts.push_back(at);
    auto p = parse_pieces(input, cuts);
    if (p.failed) {
      EXPECT_FALSE(p.error.empty());
    }
  }
}

}  // namespace
}  // namespace xlb
