#include "loadgen/http_socket.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/errors.hpp"

namespace xlb {

SocketAddress resolve_address(const std::string& host, int port) {
  if (port < 1 || port > 65535) throw InputError("port " + std::to_string(port) + " is not in 1..65535");
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const auto service = std::to_string(port);
  if (int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0 || found == nullptr)
    throw InputError("host '" + host + "' does not resolve: " + ::gai_strerror(rc));
  SocketAddress address;
  std::memcpy(&address.storage, found->ai_addr, found->ai_addrlen);
  address.length = found->ai_addrlen;
  ::freeaddrinfo(found);
  address.text = host + ":" + service;
  return address;
}

int start_connect(const SocketAddress& address, bool& in_progress) {
  in_progress = false;
  int fd = ::socket(address.storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -errno;
  int one = 1;
  // Requests are small and sent whole: no Nagle delay between write and response.
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address.storage), address.length) == 0) return fd;
  if (errno == EINPROGRESS) {
    in_progress = true;
    return fd;
  }
  int err = errno;
  ::close(fd);
  return -err;
}

int socket_error(int fd) {
  int err = 0;
  socklen_t len = sizeof err;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) return errno;
  return err;
}

}  // namespace xlb
