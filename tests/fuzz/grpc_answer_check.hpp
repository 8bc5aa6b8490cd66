#pragma once
// The body of the grpc_answer fuzz target, shared with the unit test that replays
// tests/fuzz/corpus/grpc_answer/: the first byte picks the Item sent, the rest is decoded as the
// server's answer (an Item, and a CollectReply) and checked. The checks must never throw and
// must pass exactly the answers whose fields equal what was expected; returns "" or what broke.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "loadgen/grpc/grpc_items.hpp"

namespace xlb::fuzz {

inline std::string check_grpc_answer_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return "";
  const std::uint64_t id = data[0];
  const auto sent = make_item(id, ItemShape{data[0] % 3 == 0 ? 0u : 40u});
  const auto* body = data + 1;
  const int body_size = static_cast<int>(size - 1);
  try {
    grpcpb::Item reply;
    if (reply.ParseFromArray(body, body_size)) {  // undecodable bytes never reach the check (gRPC: INTERNAL)
      const auto problem = check_item(reply, sent);
      bool equal = reply.id() == sent.id() && reply.name() == sent.name() && reply.text() == sent.text() &&
                   reply.sum() == values_sum(sent) && reply.values_size() == sent.values_size();
      for (int i = 0; equal && i < sent.values_size(); ++i) equal = reply.values(i) == sent.values(i);
      if (problem.empty() != equal)
        return "check_item: '" + problem + "' for an answer that is " + (equal ? "right" : "wrong");
    }
    grpcpb::CollectReply collect;
    if (collect.ParseFromArray(body, body_size)) {
      const auto problem = check_collect(collect, 5, static_cast<std::int64_t>(id) - 100, id);
      const bool equal = collect.count() == 5 && collect.sum() == static_cast<std::int64_t>(id) - 100 &&
                         collect.last_id() == id;
      if (problem.empty() != equal)
        return "check_collect: '" + problem + "' for an answer that is " + (equal ? "right" : "wrong");
    }
  } catch (const std::exception& e) {
    return std::string("an exception: ") + e.what();
  }
  return "";
}

}  // namespace xlb::fuzz
