#include "loadgen/grpc/grpc_load_wire.hpp"

#include "core/errors.hpp"
#include "loadgen/load_wire.hpp"

namespace xlb {

using nlohmann::json;

json grpc_load_options_json(const GrpcLoadOptions& o) {
  json j = {{"host", o.host},
            {"port", o.port},
            {"method", grpc_mode_name(o.method)},
            {"text_bytes", o.shape.text_bytes},
            {"messages_per_call", o.messages_per_call},
            {"lanes", o.lanes},
            {"channels", o.channels}};
  write_phase_fields(j, o);
  return j;
}

GrpcLoadOptions grpc_load_options_from_json(const json& j) {
  try {
    GrpcLoadOptions o;
    o.host = j.at("host").get<std::string>();
    o.port = j.at("port").get<int>();
    const auto method = j.at("method").get<std::string>();
    const auto known = grpc_method_of(method);
    if (!known) throw InputError("load job (grpc): 'method' is '" + method + "', not echo, stream, collect or chat");
    o.method = *known;
    o.shape.text_bytes = j.at("text_bytes").get<std::size_t>();
    o.messages_per_call = j.at("messages_per_call").get<int>();
    o.lanes = j.at("lanes").get<int>();
    o.channels = j.at("channels").get<int>();
    read_phase_fields(j, o);
    return o;
  } catch (const json::exception& e) {
    throw InputError(std::string("load job (grpc): ") + e.what());
  }
}

}  // namespace xlb
