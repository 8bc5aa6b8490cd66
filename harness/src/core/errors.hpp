#pragma once
// Error types that decide the exit status: input and usage errors exit 2.
#include <stdexcept>
#include <string>

namespace xlb {

// Bad input from the user: a manifest, a results file, a CLI value, an input file.
// The message names the file, field or value; the CLI prints it and exits 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A variant broke the process protocol; costs that measurement only.
class ProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace xlb
