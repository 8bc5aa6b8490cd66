#pragma once
// A small blocking HTTP/1.1 server on 127.0.0.1 for the load-generator tests:
// one thread per connection, fixed responses, and misbehaviour on request
// (500s, garbage, closing, stalling, never answering).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <list>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace xlb::unit {

class TestHttpServer {
 public:
  enum class Behaviour {
    kOk,                  // 200 with Content-Length
    kChunked,             // 200, chunked body
    kEcho,                // 200, the request body back
    kStatus500,           // 500, empty body
    kGarbage,             // bytes that are not HTTP
    kCloseAfterResponse,  // 200, then close without saying so
    kCloseAnnounced,      // 200 with "Connection: close", then close
    kNoLengthThenClose,   // 200 without Content-Length, body ends at close
    kNeverRespond,        // read requests, answer nothing
  };
  struct Options {
    Behaviour behaviour = Behaviour::kOk;
    std::string body = "Hello, World!";
    std::string content_type = "text/plain";
    // The request with this (1-based, server-wide) number stops all answers for `stall`.
    std::optional<std::uint64_t> stall_at_request;
    std::chrono::milliseconds stall{0};
  };
  static Options behaving(Behaviour b) {
    Options o;
    o.behaviour = b;
    return o;
  }
  static Options stalling(std::uint64_t at_request, std::chrono::milliseconds stall) {
    Options o;
    o.stall_at_request = at_request;
    o.stall = stall;
    return o;
  }

  explicit TestHttpServer(Options options) : options_(std::move(options)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0) throw std::runtime_error("socket failed");
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 1024) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ::close(listen_fd_);
      throw std::runtime_error("bind/listen failed");
    }
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~TestHttpServer() {
    stopping_ = true;
    acceptor_.join();
    for (auto& h : handlers_) h.thread.join();
    ::close(listen_fd_);
  }

  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  int port() const { return port_; }
  std::uint64_t requests() const { return requests_.load(); }
  std::uint64_t connections() const { return connections_.load(); }

 private:
  using Clock = std::chrono::steady_clock;

  // Polls in short steps so the destructor never waits long for a blocked thread.
  bool wait_readable(int fd) {
    while (!stopping_) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) > 0) return true;
    }
    return false;
  }

  void accept_loop() {
    while (wait_readable(listen_fd_)) {
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      ++connections_;
      // Join finished handlers first: a server that closes after every response sees thousands.
      handlers_.remove_if([](Handler& h) {
        if (!h.done) return false;
        h.thread.join();
        return true;
      });
      auto& h = handlers_.emplace_back();
      h.thread = std::thread([this, fd, &h] {
        serve(fd);
        ::close(fd);
        h.done = true;
      });
    }
  }

  void send_all(int fd, const std::string& bytes) {
    for (std::size_t sent = 0; sent < bytes.size();) {
      ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }

  // A complete request at the front of `in`: its size, or 0 when more bytes are needed.
  static std::size_t request_size(const std::string& in, std::string& body) {
    auto end = in.find("\r\n\r\n");
    if (end == std::string::npos) return 0;
    std::size_t length = 0;
    auto cl = in.find("Content-Length: ");
    if (cl != std::string::npos && cl < end) length = std::stoul(in.substr(cl + 16));
    if (in.size() < end + 4 + length) return 0;
    body = in.substr(end + 4, length);
    return end + 4 + length;
  }

  std::string response_for(const std::string& request_body) const {
    const auto& o = options_;
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: " + o.content_type + "\r\n";
    switch (o.behaviour) {
      case Behaviour::kChunked: {
        char size[32];
        std::snprintf(size, sizeof size, "%zx", o.body.size());
        return head + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n" + o.body + "\r\n0\r\n\r\n";
      }
      case Behaviour::kEcho:
        return head + "Content-Length: " + std::to_string(request_body.size()) + "\r\n\r\n" + request_body;
      case Behaviour::kStatus500:
        return "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n";
      case Behaviour::kGarbage:
        return "this is not HTTP\r\n\r\n";
      case Behaviour::kCloseAnnounced:
        return head + "Connection: close\r\nContent-Length: " + std::to_string(o.body.size()) + "\r\n\r\n" + o.body;
      case Behaviour::kNoLengthThenClose:
        return head + "\r\n" + o.body;
      default:
        return head + "Content-Length: " + std::to_string(o.body.size()) + "\r\n\r\n" + o.body;
    }
  }

  void serve(int fd) {
    std::string in;
    char buffer[4096];
    while (wait_readable(fd)) {
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      in.append(buffer, static_cast<std::size_t>(n));
      std::string body;
      while (std::size_t size = request_size(in, body)) {
        in.erase(0, size);
        const auto number = ++requests_;
        if (options_.stall_at_request && number == *options_.stall_at_request)
          stall_until_ns_ = (Clock::now() + options_.stall).time_since_epoch().count();
        while (!stopping_ && Clock::now().time_since_epoch().count() < stall_until_ns_)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (options_.behaviour == Behaviour::kNeverRespond) continue;
        send_all(fd, response_for(body));
        const auto b = options_.behaviour;
        if (b == Behaviour::kCloseAfterResponse || b == Behaviour::kCloseAnnounced ||
            b == Behaviour::kNoLengthThenClose || b == Behaviour::kGarbage)
          return;
      }
    }
  }

  Options options_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> requests_{0}, connections_{0};
  std::atomic<std::int64_t> stall_until_ns_{0};
  struct Handler {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  std::list<Handler> handlers_;  // touched by the acceptor thread only (and the destructor after it)
  std::thread acceptor_;
};

}  // namespace xlb::unit
