#pragma once
// What the ServerProcess tests share (local, and "remote" through the fake ssh):
// a request file in a directory of the test's own, the launch of one of the
// fake server's behaviours, the plaintext request, and the check that nothing
// started from that directory outlives the test.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kinds/server/server_process.hpp"
#include "loadgen/load_spec.hpp"
#include "test_project.hpp"

namespace xlb::testing {

class FakeServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = make_temp_dir("srvproc");
    request_ = dir_ / "request.json";
    std::ofstream(request_) << nlohmann::json{{"protocol", 1}, {"threads", 1}, {"host", "127.0.0.1"}, {"port", 0}}.dump();
  }
  void TearDown() override {
    expect_nothing_left(std::chrono::milliseconds(0));
    std::filesystem::remove_all(dir_);
  }
  // No process started from the test's directory is left, within `grace` (a remote group ends asynchronously).
  void expect_nothing_left(std::chrono::milliseconds grace) {
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (count_processes_with(dir_.string()) > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(count_processes_with(dir_.string()), 0) << "a server process outlived its test";
  }
  virtual ServerLaunch launch(const std::string& behave) {
    ServerLaunch l;
    l.argv = {XLB_FAKE_SERVER, "--behave", behave, "--request", request_.string()};
    l.term_grace = std::chrono::milliseconds(1000);
    l.rss_interval = std::chrono::milliseconds(20);
    return l;
  }
  std::filesystem::path dir_, request_;
};

inline HttpRequestSpec plaintext() {
  HttpRequestSpec r;
  r.path = "/plaintext";
  return r;
}

}  // namespace xlb::testing
