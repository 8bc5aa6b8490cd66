#pragma once
// The Items the gRPC load generator sends (workloads/grpc/README.md) and the checks of what a
// server sends back (workloads/grpc/bench.proto): pure functions, shared by verification, the
// load loop and the fuzz target. A check returns an empty string when the answer is right, else
// what differed (for an "invalid" reason); it never throws.
#include <grpcbench/bench.pb.h>

#include <cstdint>
#include <optional>
#include <string>

namespace xlb {

namespace grpcpb = ::xlbench::grpc::v1;

enum class GrpcMethod { kEcho, kStream, kCollect, kChat };

// "echo" -> kEcho ...; nullopt for anything else.
std::optional<GrpcMethod> grpc_method_of(const std::string& mode);
const char* grpc_mode_name(GrpcMethod method);    // "echo"
const char* grpc_method_name(GrpcMethod method);  // "Echo", as in the service

// What an input makes of each Item: `text_bytes` of text (0: "small").
struct ItemShape {
  std::size_t text_bytes = 0;
};

constexpr int kItemValues = 8;

// The workload's Item with this id (workloads/grpc/README.md): name "xlbench", the values
// 1, -2, 3, -4, 5, -6, 7, -19, `text_bytes` of "0123456789abcdef" repeated; sum unset.
grpcpb::Item make_item(std::uint64_t id, const ItemShape& shape);
std::int64_t values_sum(const grpcpb::Item& item);

// `reply` must be `sent` with `id` (default sent.id) and sum = the sum of its values.
std::string check_item(const grpcpb::Item& reply, const grpcpb::Item& sent, std::optional<std::uint64_t> id = {});
// The Collect answer for `count` Items with these totals.
std::string check_collect(const grpcpb::CollectReply& reply, std::uint64_t count, std::int64_t sum,
                          std::uint64_t last_id);

}  // namespace xlb
