#pragma once
// Runs one process of a batch variant and folds what it printed into a Measurement.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "manifest.hpp"
#include "plan.hpp"
#include "results.hpp"

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

// A fresh measurement for a job, before any process ran.
Measurement new_measurement(const BatchJob& job);

// Writes the request file, runs the variant once, appends samples and process
// facts to `m`. A crash, hang, protocol error or a checksum that differs from
// the reference marks `m` failed or invalid; nothing is thrown for those.
void run_batch_once(const BatchJob& job, const Plan& plan, const std::filesystem::path& request_path,
                    Measurement& m);

}  // namespace xlb
