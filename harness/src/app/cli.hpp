#pragma once

namespace xlb {

// Parses the command line and runs a subcommand; returns the exit status
// (0 ok, 1 failure, 2 usage or input error, 130 interrupted).
int run_cli(int argc, char** argv);

}  // namespace xlb
