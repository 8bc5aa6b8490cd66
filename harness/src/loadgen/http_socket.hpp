#pragma once
// TCP client sockets for the load generator and the verify step.
#include <sys/socket.h>

#include <string>

namespace xlb {

struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
  std::string text;  // "127.0.0.1:8080", for messages
};

// A numeric address or a name from the hosts file; throws InputError if it does not resolve.
SocketAddress resolve_address(const std::string& host, int port);

// A non-blocking, close-on-exec TCP socket with TCP_NODELAY, connect() started.
// Returns the fd (connected or in progress: `in_progress` says which) or -errno.
int start_connect(const SocketAddress& address, bool& in_progress);

// The pending error of a socket whose non-blocking connect finished (0: connected).
int socket_error(int fd);

}  // namespace xlb
