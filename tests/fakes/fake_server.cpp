// A test double that speaks the server protocol (docs/protocol.md) with a tiny
// thread-per-connection HTTP/1.1 keep-alive server on 127.0.0.1, and
// misbehaves on request:
//   fake_server --behave <ok|never_ready|wrong_body|crash_under_load|hang_on_sigterm|
//                         garbage|exit_early|wrong_port|reset_connections|slow> --request <file>
// hang_on_sigterm also forks a child that sleeps in the same process group, so
// a test can see that the whole group goes away. wrong_port announces a port
// that is bound but not listening (connections are refused); reset_connections
// aborts every 10th request with a TCP RST instead of a response; slow waits
// 30 ms before each response.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

using nlohmann::json;

namespace {

std::string g_behave = "ok";
std::atomic<long> g_requests{0};
constexpr long kCrashAfterRequests = 200;
std::atomic<long> g_reset_counter{0};
constexpr long kResetEveryNth = 10;
constexpr auto kSlowDelay = std::chrono::milliseconds(30);

void line(const json& j) { std::cout << j.dump() << "\n" << std::flush; }

[[noreturn]] void sleep_forever() {
  for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}

bool send_all(int fd, const std::string& data) {
  for (std::size_t sent = 0; sent < data.size();) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string response(int status, const std::string& type, const std::string& body) {
  const char* reason = status == 200 ? "OK" : status == 400 ? "Bad Request" : "Not Found";
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// The typed EchoDoc: every field required with its type, nothing else kept, struct order out.
std::string echo(const std::string& body, int& status) {
  json in = json::parse(body, nullptr, false);
  auto str = [&](const json& o, const char* k) { return o.is_object() && o.contains(k) && o[k].is_string(); };
  bool ok = in.is_object() && in.contains("id") && in["id"].is_number_integer() && str(in, "name") &&
            str(in, "email") && in.contains("active") && in["active"].is_boolean() && in.contains("score") &&
            in["score"].is_number() && in.contains("tags") && in["tags"].is_array() && in.contains("address") &&
            str(in["address"], "street") && str(in["address"], "city") && str(in["address"], "zip");
  if (ok)
    for (const auto& t : in["tags"]) ok = ok && t.is_string();
  if (!ok) {
    status = 400;
    return "bad request";
  }
  nlohmann::ordered_json out;
  for (const char* k : {"id", "name", "email", "active", "score", "tags"}) out[k] = in[k];
  for (const char* k : {"street", "city", "zip"}) out["address"][k] = in["address"][k];
  status = 200;
  return out.dump();
}

std::string handle(const std::string& method, const std::string& path, const std::string& body) {
  if (g_behave == "crash_under_load" && ++g_requests > kCrashAfterRequests) {
    ::signal(SIGSEGV, SIG_DFL);  // a sanitizer's handler would turn the crash into "exit 1"
    ::raise(SIGSEGV);
  }
  if (method == "GET" && path == "/plaintext")
    return response(200, "text/plain; charset=utf-8", g_behave == "wrong_body" ? "Hello, World?" : "Hello, World!");
  if (method == "GET" && path == "/json") return response(200, "application/json", R"({"message":"Hello, World!"})");
  if (method == "POST" && path == "/echo") {
    int status = 0;
    auto out = echo(body, status);
    return response(status, status == 200 ? "application/json" : "text/plain", out);
  }
  return response(404, "text/plain", "not found");
}

// Closes with SO_LINGER 0: the peer gets a RST, not a FIN.
void reset_connection(int fd) {
  linger rst{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &rst, sizeof rst);
  ::close(fd);
}

void serve_connection(int fd) {
  std::string buffer;
  char chunk[16384];
  for (;;) {
    std::size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) {
        ::close(fd);
        return;
      }
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    const std::string head = buffer.substr(0, head_end);
    std::size_t length = 0;
    for (std::size_t pos = 0; (pos = head.find("\r\n", pos)) != std::string::npos;) {
      pos += 2;
      if (strncasecmp(head.c_str() + pos, "content-length:", 15) == 0)
        length = std::strtoul(head.c_str() + pos + 15, nullptr, 10);
    }
    while (buffer.size() < head_end + 4 + length) {
      ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) {
        ::close(fd);
        return;
      }
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    const auto first_space = head.find(' ');
    const auto second_space = head.find(' ', first_space + 1);
    const std::string method = head.substr(0, first_space);
    const std::string path = head.substr(first_space + 1, second_space - first_space - 1);
    const std::string body = buffer.substr(head_end + 4, length);
    buffer.erase(0, head_end + 4 + length);
    if (g_behave == "reset_connections" && ++g_reset_counter % kResetEveryNth == 0) {
      reset_connection(fd);
      return;
    }
    if (g_behave == "slow") std::this_thread::sleep_for(kSlowDelay);
    if (!send_all(fd, handle(method, path, body))) {
      ::close(fd);
      return;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string request_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--behave") g_behave = argv[i + 1];
    if (flag == "--request") request_path = argv[i + 1];
  }
  std::ifstream rf(request_path);
  json req = json::parse(rf);

  // SIGTERM is taken by sigwait in the main thread; every thread inherits the mask.
  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &term, nullptr);

  line({{"type", "hello"}, {"protocol", 1}, {"language", "fake"}, {"variant", g_behave}, {"library", "fake"},
        {"framework", "fake 1.0"}, {"threads", req.value("threads", 1)}});
  if (g_behave == "garbage") {
    std::cout << "listening, probably\n" << std::flush;
    sleep_forever();
  }
  if (g_behave == "exit_early") {
    line({{"type", "error"}, {"message", "port already in use (on purpose)"}});
    return 1;
  }

  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(req.value("port", 0)));
  ::inet_pton(AF_INET, req.value("host", std::string("127.0.0.1")).c_str(), &addr.sin_addr);
  if (::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener, 1024) != 0) {
    line({{"type", "error"}, {"message", std::string("bind: ") + std::strerror(errno)}});
    return 1;
  }
  socklen_t len = sizeof addr;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  std::thread([listener] {
    for (;;) {
      int fd = ::accept(listener, nullptr, nullptr);
      if (fd < 0) continue;
      int nodelay = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, sizeof nodelay);
      std::thread(serve_connection, fd).detach();
    }
  }).detach();

  int announced_port = ntohs(addr.sin_port);
  if (g_behave == "wrong_port") {
    // Bound but never listening, so the port stays ours and every connect to it is refused.
    int decoy = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in decoy_addr{};
    decoy_addr.sin_family = AF_INET;
    ::inet_pton(AF_INET, "127.0.0.1", &decoy_addr.sin_addr);
    socklen_t decoy_len = sizeof decoy_addr;
    if (::bind(decoy, reinterpret_cast<sockaddr*>(&decoy_addr), sizeof decoy_addr) != 0 ||
        ::getsockname(decoy, reinterpret_cast<sockaddr*>(&decoy_addr), &decoy_len) != 0) {
      line({{"type", "error"}, {"message", std::string("decoy bind: ") + std::strerror(errno)}});
      return 1;
    }
    announced_port = ntohs(decoy_addr.sin_port);
  }
  if (g_behave != "never_ready") line({{"type", "ready"}, {"host", "127.0.0.1"}, {"port", announced_port}});
  if (g_behave == "hang_on_sigterm") {
    ::signal(SIGTERM, SIG_IGN);
    if (::fork() == 0) sleep_forever();  // a child in the same process group
    sleep_forever();
  }
  int sig = 0;
  sigwait(&term, &sig);
  line({{"type", "done"}, {"facts", {{"requests_crash_counter", g_requests.load()}}}});
  std::_Exit(0);
}
