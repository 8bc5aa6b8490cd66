#include "loadgen/grpc/grpc_items.hpp"

#include <array>

namespace xlb {
namespace {

struct MethodNames {
  GrpcMethod method;
  const char* mode;
  const char* rpc;
};
constexpr std::array<MethodNames, 4> kMethods{{{GrpcMethod::kEcho, "echo", "Echo"},
                                               {GrpcMethod::kStream, "stream", "Stream"},
                                               {GrpcMethod::kCollect, "collect", "Collect"},
                                               {GrpcMethod::kChat, "chat", "Chat"}}};

// The workload's Item (workloads/grpc/README.md, "Messages"): the same bytes from every side.
constexpr std::string_view kTextUnit = "0123456789abcdef";  // repeated to fill the text
constexpr std::array<std::int64_t, kItemValues> kValues{1, -2, 3, -4, 5, -6, 7, -19};

std::string shorten(const std::string& s) { return s.size() <= 40 ? s : s.substr(0, 40) + "..."; }

}  // namespace

std::optional<GrpcMethod> grpc_method_of(const std::string& mode) {
  for (const auto& m : kMethods)
    if (mode == m.mode) return m.method;
  return std::nullopt;
}

const char* grpc_mode_name(GrpcMethod method) { return kMethods[static_cast<std::size_t>(method)].mode; }
const char* grpc_method_name(GrpcMethod method) { return kMethods[static_cast<std::size_t>(method)].rpc; }

grpcpb::Item make_item(std::uint64_t id, const ItemShape& shape) {
  grpcpb::Item item;
  item.set_id(id);
  item.set_name("xlbench");
  for (auto v : kValues) item.add_values(v);
  std::string text;
  text.reserve(shape.text_bytes);
  while (text.size() < shape.text_bytes) text += kTextUnit;
  text.resize(shape.text_bytes);
  item.set_text(std::move(text));
  return item;
}

std::int64_t values_sum(const grpcpb::Item& item) {
  std::uint64_t sum = 0;  // wraps like the servers' int64 arithmetic, without signed overflow
  for (auto v : item.values()) sum += static_cast<std::uint64_t>(v);
  return static_cast<std::int64_t>(sum);
}

std::string check_item(const grpcpb::Item& reply, const grpcpb::Item& sent, std::optional<std::uint64_t> id) {
  const auto want_id = id.value_or(sent.id());
  if (reply.id() != want_id)
    return "id " + std::to_string(reply.id()) + " where " + std::to_string(want_id) + " was expected";
  if (reply.name() != sent.name())
    return "item " + std::to_string(want_id) + ": name '" + shorten(reply.name()) + "' instead of '" +
           shorten(sent.name()) + "'";
  if (reply.values_size() != sent.values_size())
    return "item " + std::to_string(want_id) + ": " + std::to_string(reply.values_size()) + " values instead of " +
           std::to_string(sent.values_size());
  for (int i = 0; i < sent.values_size(); ++i)
    if (reply.values(i) != sent.values(i))
      return "item " + std::to_string(want_id) + ": value " + std::to_string(i) + " is " +
             std::to_string(reply.values(i)) + ", sent " + std::to_string(sent.values(i));
  if (reply.text() != sent.text())
    return "item " + std::to_string(want_id) + ": text did not round-trip (" + std::to_string(reply.text().size()) +
           " bytes back, " + std::to_string(sent.text().size()) + " sent)";
  if (reply.sum() != values_sum(sent))
    return "item " + std::to_string(want_id) + ": sum " + std::to_string(reply.sum()) + " instead of " +
           std::to_string(values_sum(sent));
  return {};
}

std::string check_collect(const grpcpb::CollectReply& reply, std::uint64_t count, std::int64_t sum,
                          std::uint64_t last_id) {
  if (reply.count() != count)
    return "Collect: count " + std::to_string(reply.count()) + " instead of " + std::to_string(count);
  if (reply.sum() != sum) return "Collect: sum " + std::to_string(reply.sum()) + " instead of " + std::to_string(sum);
  if (reply.last_id() != last_id)
    return "Collect: last_id " + std::to_string(reply.last_id()) + " instead of " + std::to_string(last_id);
  return {};
}

}  // namespace xlb
