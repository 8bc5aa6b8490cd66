#pragma once
// The `xlbench history` subcommands (add, check, show; docs/history.md): registered on the
// CLI11 app by cli.cpp, options and execution kept here.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

namespace xlb {

struct HistoryCommand {
  CLI::App* app = nullptr;
  CLI::App* add = nullptr;
  CLI::App* check = nullptr;
  CLI::App* show = nullptr;
  std::string db, results, branch = "main", since, format = "html", out;
  double threshold_pct = 5.0, max_p = 0.001;

  // add: 0; check: 0, or 1 on a regression; show: 0. Throws InputError (exit 2) for bad input.
  int run(const std::filesystem::path& root, std::ostream& out) const;
};

std::unique_ptr<HistoryCommand> add_history_command(CLI::App& app);

}  // namespace xlb
