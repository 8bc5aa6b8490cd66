// A test double that speaks the batch protocol for the json workload (dom mode,
// checksum from the harness's own json_stats) and misbehaves on request:
//   fake_variant --behave <ok|wrong_checksum|crash|exit1|garbage|hang|hang_setup|
//                          ignore_sigterm|long_line|few_samples> --request <file>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "json_checksum.hpp"

using nlohmann::json;

namespace {

void line(const json& j) {
  std::cout << j.dump() << "\n" << std::flush;
}

[[noreturn]] void sleep_forever() {
  for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}

}  // namespace

int main(int argc, char** argv) {
  std::string behave = "ok", request_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--behave") behave = argv[i + 1];
    if (flag == "--request") request_path = argv[i + 1];
  }
  std::ifstream rf(request_path);
  json req = json::parse(rf);
  std::ifstream in(req["input"]["path"].get<std::string>());
  json doc = json::parse(in);

  if (behave == "hang_setup") sleep_forever();
  line({{"type", "hello"}, {"protocol", 1}, {"language", "fake"}, {"variant", behave}, {"backend", "nlohmann"}});
  if (behave == "garbage") {
    std::cout << "this is not json\n" << std::flush;
    return 0;
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
    if (behave == "few_samples" && i == samples - 1) break;
    // Deterministic, slightly varying timings: ~1 ms per op, 10 ops per sample.
    line({{"type", "sample"}, {"index", i}, {"ops", 10}, {"ns", 10000000 + (i % 3) * 10000}});
  }
  line({{"type", "done"}, {"facts", {{"fake", true}}}});
  return 0;
}
