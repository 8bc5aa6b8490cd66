#pragma once
// Rust's link time apart from compile time: cargo is told to link through
// xlbench-link-timer (harness/tools/link_timer.cpp, built next to xlbench) with
// CARGO_TARGET_<host triple>_LINKER, and the timer appends one line per link to
// a log. Go is not wrapped: `go build` has no linker hook short of -toolexec,
// which would put a wrapper in front of every compile as well.
#include <filesystem>
#include <map>
#include <string>

namespace xlb {

struct LinkTimes {
  int links = 0;         // linker invocations (the binary, build scripts, test binaries)
  int failed = 0;        // of which exited non-zero
  double total_s = 0;    // their summed wall time (parallel links overlap)
  int malformed = 0;     // log lines that did not parse
};

// "x86_64-unknown-linux-gnu" -> "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER".
std::string cargo_linker_variable(const std::string& host_triple);

// The `host:` line of `rustc -vV`; empty when rustc cannot say.
std::string rust_host_triple();

// The environment that routes cargo's links through `timer` into `log`; empty (with the reason in
// `why`) when the timer is not built or the host triple is unknown: then no link time is recorded.
std::map<std::string, std::string> link_timer_env(const std::filesystem::path& timer, const std::filesystem::path& log,
                                                  std::string& why);

// Reads the lines "<ns> <exit status>" the timer appended; a missing log is zero links.
LinkTimes read_link_log(const std::filesystem::path& log);

}  // namespace xlb
