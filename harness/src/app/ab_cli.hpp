#pragma once
// The `xlbench ab` subcommand: registered by cli.cpp, options and flow kept here.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/server_roles.hpp"
#include "run/suite.hpp"
#include "toolchain/toolchain.hpp"

namespace xlb {

struct AbCommand {
  CLI::App* app = nullptr;
  std::string base_ref, results_dir, data_dir, run_id, format = "console", config;
  Selection selection;
  ServerRoleOptions server_roles;
  bool quick = false, no_pin = false, instructions = false;
  int rounds = 0, samples = 0, spawn_runs = 0;
  double alpha = 0.05, threshold = 0.05;
  CLI::Option* alpha_option = nullptr;
  CLI::Option* threshold_option = nullptr;

  // 0 no regression, 1 regression, 130 interrupted; InputError (exit 2) for bad input.
  int run(const ProjectPaths& paths, const std::filesystem::path& default_data,
          const std::vector<std::string>& command_line) const;
};

std::unique_ptr<AbCommand> add_ab_command(CLI::App& app);

}  // namespace xlb
