#pragma once
// One variant on one cell, as the batch and spawn runners receive it.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "inputs/inputs.hpp"
#include "model/manifest.hpp"

namespace xlb {

struct BatchJob {
  const WorkloadSpec* workload = nullptr;
  const VariantSpec* variant = nullptr;
  std::string mode;
  const ResolvedInput* input = nullptr;
  std::vector<std::string> command;  // binary (+ fixed args); the runner adds --request
  nlohmann::json reference;          // expected checksum
  nlohmann::json params = nlohmann::json::object();
};

}  // namespace xlb
