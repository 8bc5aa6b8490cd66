#pragma once
// The `xlbench compare` subcommand: registered on the CLI11 app by cli.cpp,
// options and execution kept here so the command is self-contained.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace xlb {

struct CompareCommand {
  CLI::App* app = nullptr;
  std::string baseline, current, config, format = "console", out;
  bool allow_mixed_topology = false;
  double alpha = 0.05, threshold = 0.05;
  CLI::Option* alpha_option = nullptr;
  CLI::Option* threshold_option = nullptr;

  // Exit status: 0 no regression, 1 at least one regression; throws InputError (exit 2) for bad input.
  int run() const;
};

std::unique_ptr<CompareCommand> add_compare_command(CLI::App& app);

}  // namespace xlb
