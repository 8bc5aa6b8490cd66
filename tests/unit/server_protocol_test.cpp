// Unit tests for the server protocol's lines: hello, ready with a port, done.
#include "protocol/server_protocol.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "test_util.hpp"

namespace {

using xlb::ProtocolError;
using xlb::ServerSession;

const char* kHello = R"({"type":"hello","protocol":1,"language":"go","variant":"nethttp","threads":1})";

std::string error_of(ServerSession& s, const std::string& line) {
  try {
    s.accept(line);
  } catch (const ProtocolError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted: " << line;
  return "";
}

TEST(ServerSession, HelloReadyDone) {
  ServerSession s;
  EXPECT_EQ(s.progress(), "before hello");
  s.accept(kHello);
  EXPECT_FALSE(s.ready());
  EXPECT_EQ(s.progress(), "after hello, before ready");
  s.accept(R"({"type":"ready","host":"127.0.0.1","port":41234})");
  EXPECT_TRUE(s.ready());
  EXPECT_EQ(s.port(), 41234);
  EXPECT_EQ(s.host(), "127.0.0.1");
  EXPECT_EQ(s.hello()["variant"], "nethttp");
  s.accept(R"({"type":"done","facts":{"gc_cycles":3}})");
  EXPECT_TRUE(s.done());
  EXPECT_EQ(s.facts()["gc_cycles"], 3);
}

TEST(ServerSession, ReadyBeforeHelloIsAnError) {
  ServerSession s;
  EXPECT_CONTAINS(error_of(s, R"({"type":"ready","host":"127.0.0.1","port":1})"), "unexpected ready line");
}

TEST(ServerSession, ReadyNeedsAValidPort) {
  for (const char* line : {R"({"type":"ready","host":"127.0.0.1","port":0})",
                           R"({"type":"ready","host":"127.0.0.1","port":70000})",
                           R"({"type":"ready","host":"127.0.0.1","port":"80"})", R"({"type":"ready","port":80})"}) {
    ServerSession s;
    s.accept(kHello);
    EXPECT_CONTAINS(error_of(s, line), "ready line");
  }
}

TEST(ServerSession, ErrorLineCarriesTheServersMessage) {
  ServerSession s;
  s.accept(kHello);
  EXPECT_CONTAINS(error_of(s, R"({"type":"error","message":"address in use"})"), "address in use");
  EXPECT_EQ(s.server_error(), "address in use");
}

TEST(ServerSession, GarbageAndBatchLinesAreRejected) {
  ServerSession s;
  EXPECT_CONTAINS(error_of(s, "listening on 8080"), "not a JSON line");
  s.accept(kHello);
  EXPECT_CONTAINS(error_of(s, R"({"type":"sample","index":0,"ops":1,"ns":1})"), "server workload");
}

TEST(ServerSession, DoneBeforeReadyIsAnError) {
  ServerSession s;
  s.accept(kHello);
  EXPECT_CONTAINS(error_of(s, R"({"type":"done"})"), "unexpected done line");
}

}  // namespace
