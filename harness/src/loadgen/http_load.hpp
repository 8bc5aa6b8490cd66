#pragma once
// The built-in HTTP/1.1 load generator: keep-alive connections over non-blocking
// sockets, one epoll loop per thread, per-thread state merged after join.
// Closed loop (each connection sends its next request when the previous
// response arrives) or open loop (a constant rate; latency counted from each
// request's intended send time, so a stalled server shows in the tail).
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "loadgen/load_spec.hpp"

namespace xlb {

// Runs one load phase; never throws for server misbehaviour (it is counted).
// Throws InputError for options that cannot work (port 0, connections < 1, ...).
LoadResult run_load(const LoadOptions& options);

// One request on a fresh connection; used before load and for cold start.
// Throws InputError for a host that does not resolve or an invalid request.
// ok: a complete, well-formed response with a Content-Length equal to the body
// size arrived in time (status, media type and body are the caller's to check).
VerifyResult http_exchange(const std::string& host, int port, const HttpRequestSpec& request,
                           std::chrono::milliseconds timeout);

}  // namespace xlb
