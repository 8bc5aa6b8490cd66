#include "kinds/server/load_job.hpp"

#include "core/errors.hpp"
#include "loadgen/grpc/grpc_load_wire.hpp"
#include "loadgen/http_load.hpp"
#include "loadgen/load_wire.hpp"

namespace xlb {

std::chrono::milliseconds LoadJob::expected_length() const {
  try {
    return ms_field(options, "warmup_ms") + ms_field(options, "duration_ms") + ms_field(options, "request_timeout_ms");
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("load job: ") + e.what());
  }
}

LoadJob http_load_job(const LoadOptions& options) { return {"http", http_load_options_json(options)}; }

LoadJob grpc_load_job(const GrpcLoadOptions& options) { return {"grpc", grpc_load_options_json(options)}; }

LoadJob load_job_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("generator") || !j["generator"].is_string() || !j.contains("options") ||
      !j["options"].is_object())
    throw InputError("load job: an object with 'generator' (http or grpc) and 'options' expected");
  LoadJob job{j["generator"].get<std::string>(), j["options"]};
  if (job.generator != "http" && job.generator != "grpc")
    throw InputError("load job: 'generator' is '" + job.generator + "', not http or grpc");
  return job;
}

LoadResult run_load_job(const LoadJob& job) {
  if (job.generator == "http") return run_load(http_load_options_from_json(job.options));
  if (job.generator == "grpc") return run_grpc_load(grpc_load_options_from_json(job.options));
  throw InputError("load job: 'generator' is '" + job.generator + "', not http or grpc");
}

}  // namespace xlb
