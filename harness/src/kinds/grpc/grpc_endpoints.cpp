#include "kinds/grpc/grpc_endpoints.hpp"

#include "core/errors.hpp"

namespace xlb {

using nlohmann::json;

json GrpcEndpoint::to_json() const {
  return {{"rule", "grpc"},
          {"method", grpc_method_name(method)},
          {"messages_per_call", messages_per_call},
          {"text_bytes", shape.text_bytes}};
}

GrpcEndpoint grpc_endpoint(const WorkloadSpec& w, const std::string& mode, const json& params) {
  const auto file = w.manifest_path.string();
  const std::string where = "checksum." + mode;
  if (!w.checksum.is_object() || !w.checksum.contains(mode)) throw InputError(file + ": " + where + ": missing");
  const json& rule = w.checksum[mode];
  if (!rule.is_object() || rule.value("rule", json()) != "grpc")
    throw InputError(file + ": " + where + ".rule: must be \"grpc\" for a grpc workload");
  GrpcEndpoint e;
  const auto method = rule.value("method", json());
  const auto known = grpc_method_of(mode);
  if (!known) throw InputError(file + ": modes: '" + mode + "' is not a method of the service (echo, stream, collect, chat)");
  e.method = *known;
  if (method != grpc_method_name(e.method))
    throw InputError(file + ": " + where + ".method: must be \"" + grpc_method_name(e.method) + "\" for mode '" +
                     mode + "', got " + method.dump());
  if (e.method != GrpcMethod::kEcho) {
    const auto n = rule.value("messages_per_call", json());
    if (!n.is_number_integer() || n.get<long>() < 1 || n.get<long>() > 100000)
      throw InputError(file + ": " + where + ".messages_per_call: must be an integer in 1..100000, got " + n.dump());
    e.messages_per_call = n.get<int>();
  }
  const auto text = params.is_object() ? params.value("text_bytes", json()) : json();
  if (!text.is_number_integer() || text.get<long>() < 0 || text.get<long>() > 1 << 20)
    throw InputError(file + ": inputs: params.text_bytes must be an integer in 0..1048576, got " + text.dump());
  e.shape.text_bytes = text.get<std::size_t>();
  return e;
}

EndpointSpec grpc_endpoint_spec(const std::string& mode, const GrpcEndpoint& endpoint) {
  EndpointSpec spec;
  spec.mode = mode;
  spec.rule = "grpc";
  spec.details = endpoint.to_json();
  return spec;
}

}  // namespace xlb
