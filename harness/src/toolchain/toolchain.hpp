#pragma once
// How Go and Rust variants are built and where their binaries land.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/manifest.hpp"
#include "model/project_paths.hpp"

namespace xlb {

struct BuildStep {
  std::string name;  // "go:json_encoding_json", "rust:http"
  std::vector<std::string> argv;
  std::filesystem::path cwd;
  std::vector<std::string> variant_ids;  // variants this step produces (VariantSpec::build_key)
};

// One step per Go variant (a broken one does not block the others) and one cargo
// invocation per workload for the Rust workspace's variants (`-p` each; dependency
// builds shared through the target directory). Cargo unifies the features of every
// package it builds at once, so one invocation for the whole workspace would give,
// say, the HTTP servers the HTTP/2 stack tonic asks for; per workload, a binary
// carries only what its own workload's variants need.
std::vector<BuildStep> build_steps(const std::vector<VariantSpec>& variants, const ProjectPaths& paths);

// argv to start a built variant (without protocol arguments).
std::vector<std::string> variant_command(const VariantSpec& v, const ProjectPaths& paths);

// Profiles and flags both languages are built with, recorded in every results file.
nlohmann::json build_flags();

}  // namespace xlb
