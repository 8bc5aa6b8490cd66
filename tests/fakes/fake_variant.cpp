// A test double that speaks the batch protocol for the json workload (dom mode,
// checksum from the harness's own json_stats) and misbehaves on request:
//   fake_variant --behave <ok|wrong_checksum|crash|exit1|garbage|hang|hang_setup|
//                          ignore_sigterm|long_line|few_samples|slow|no_output|
//                          flood_stdout|flood_stderr|alloc|group_ignore_sigterm|
//                          binary_output>
//                [--launch-log <file>] --request <file>
// --launch-log appends "<behave> <pid>" per start, so tests can count process runs.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "checks/json_checksum.hpp"

using nlohmann::json;

namespace {

void line(const json& j) {
  std::cout << j.dump() << "\n" << std::flush;
}

[[noreturn]] void sleep_forever() {
  for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}

// Touches memory 16 MB at a time without end, as a leak would; the harness's
// memory limit must stop it. Stops growing at 2 GB (the test then fails on a
// time-out instead of taking the machine's memory).
[[noreturn]] void allocate_without_bound() {
  std::vector<char*> blocks;
  constexpr size_t kBlock = 16u << 20;
  while (blocks.size() * kBlock < (2048u << 20)) {
    blocks.push_back(new char[kBlock]);
    std::memset(blocks.back(), 1, kBlock);
  }
  sleep_forever();
}

// Writes to a pipe until the reader stops reading (bounded at 4 GB).
void flood(int fd, char byte, size_t total) {
  std::vector<char> chunk(65536, byte);
  for (size_t sent = 0; sent < total; sent += chunk.size())
    if (::write(fd, chunk.data(), chunk.size()) < 0) return;
}

}  // namespace

int main(int argc, char** argv) {
  std::string behave = "ok", request_path, launch_log;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--behave") behave = argv[i + 1];
    if (flag == "--request") request_path = argv[i + 1];
    if (flag == "--launch-log") launch_log = argv[i + 1];
  }
  if (!launch_log.empty()) std::ofstream(launch_log, std::ios::app) << behave << " " << ::getpid() << "\n";
  if (behave == "no_output") return 0;
  std::ifstream rf(request_path);
  json req = json::parse(rf);
  std::ifstream in(req["input"]["path"].get<std::string>());
  json doc = json::parse(in);

  if (behave == "hang_setup") sleep_forever();
  if (behave == "flood_stderr") flood(2, 'e', 64u << 20);  // then behaves
  line({{"type", "hello"}, {"protocol", 1}, {"language", "fake"}, {"variant", behave}, {"backend", "nlohmann"}});
  if (behave == "garbage") {
    std::cout << "this is not json\n" << std::flush;
    return 0;
  }
  if (behave == "alloc") allocate_without_bound();
  if (behave == "flood_stdout") {
    flood(1, 'x', 4096ull << 20);  // no newline: one endless line
    sleep_forever();
  }
  if (behave == "binary_output") {  // bytes that are not UTF-8, on both streams
    std::cerr << "fake: \xff\xfe\xc3 broken\n" << std::flush;
    std::cout << "\xc3\x28 \xff garbage\n" << std::flush;
    return 3;
  }
  if (behave == "long_line") {
    std::cout << std::string(200000, 'x') << "\n" << std::flush;
    return 0;
  }
  json checksum = xlb::json_stats(doc);
  if (behave == "wrong_checksum") checksum["strings"] = checksum["strings"].get<long>() + 1;
  line({{"type", "check"}, {"checksum", checksum}});
  line({{"type", "warmup"}, {"ops", 10}, {"ns", 1000000}, {"batch", 10}});
  const int samples = req["samples"].get<int>();
  for (int i = 0; i < samples; ++i) {
    if (behave == "crash" && i == 2) {
      ::signal(SIGSEGV, SIG_DFL);  // a sanitizer's handler would turn the crash into "exit 1"
      ::raise(SIGSEGV);
    }
    if (behave == "exit1" && i == 2) {
      std::cerr << "fake: giving up on purpose\n";
      return 1;
    }
    if (behave == "hang" && i == 1) sleep_forever();
    if (behave == "ignore_sigterm" && i == 1) {
      ::signal(SIGTERM, SIG_IGN);
      sleep_forever();
    }
    if (behave == "group_ignore_sigterm" && i == 1) {
      // A grandchild that also ignores SIGTERM: only SIGKILL of the whole group ends both.
      ::signal(SIGTERM, SIG_IGN);
      if (::fork() == 0) sleep_forever();
      sleep_forever();
    }
    if (behave == "few_samples" && i == samples - 1) break;
    if (behave == "slow") std::this_thread::sleep_for(std::chrono::milliseconds(30));
    // Deterministic, slightly varying timings: ~1 ms per op, 10 ops per sample.
    line({{"type", "sample"}, {"index", i}, {"ops", 10}, {"ns", 10000000 + (i % 3) * 10000}});
  }
  line({{"type", "done"}, {"facts", {{"fake", true}}}});
  return 0;
}
