// A test double of a gRPC variant (workloads/grpc/bench.proto) behind the server protocol
// (docs/protocol.md): hello, ready with the port, SIGTERM -> done. It serves the C++ service of
// grpc_bench_service.hpp, or misbehaves on request:
//   fake_grpc_server --behave <ok|wrong_sum|short_stream|reorder_chat|reset_streams|
//                              hang_under_load|never_ready|garbage_frames> --request <file>
// garbage_frames is a raw TCP server: it reads the client's HTTP/2 preface and answers with
// bytes that are no HTTP/2 frame, then closes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "grpc_bench_service.hpp"

using nlohmann::json;

namespace {

void line(const json& j) { std::cout << j.dump() << "\n" << std::flush; }

// Listens on 127.0.0.1 (any port) and answers every connection with garbage; returns the port.
int serve_garbage() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 128) != 0) return -1;
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  std::thread([fd] {
    for (;;) {
      const int c = ::accept(fd, nullptr, nullptr);
      if (c < 0) continue;
      std::thread([c] {
        char preface[64];
        (void)!::recv(c, preface, sizeof preface, 0);
        static const char kGarbage[] = "\x00\x00\x04\xff\x07garbage-not-a-frame\r\n\r\nHTTP/1.1 200 OK\r\n\r\n";
        (void)!::send(c, kGarbage, sizeof kGarbage - 1, MSG_NOSIGNAL);
        ::usleep(20000);
        ::close(c);
      }).detach();
    }
  }).detach();
  return ntohs(addr.sin_port);
}

}  // namespace

int main(int argc, char** argv) {
  std::string behave = "ok", request_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--behave") behave = argv[i + 1];
    if (flag == "--request") request_path = argv[i + 1];
  }
  std::ifstream in(request_path);
  json request;
  try {
    request = json::parse(in);
  } catch (const std::exception& e) {
    line({{"type", "error"}, {"message", std::string("request: ") + e.what()}});
    return 2;
  }
  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &term, nullptr);  // taken by sigwait below; gRPC's threads inherit the mask

  line({{"type", "hello"}, {"protocol", 1}, {"language", "fake"}, {"variant", behave}, {"library", "grpc++"},
        {"threads", request.value("threads", 1)}});
  xlb::test::GrpcBehave mode = xlb::test::GrpcBehave::kOk;
  std::unique_ptr<grpc::Server> server;
  std::unique_ptr<xlb::test::GrpcBenchService> service;
  int port = 0;
  if (behave == "garbage_frames") {
    port = serve_garbage();
  } else if (behave == "never_ready" || xlb::test::parse_grpc_behave(behave, mode)) {
    service = std::make_unique<xlb::test::GrpcBenchService>(mode);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service.get());
    server = builder.BuildAndStart();
  } else {
    line({{"type", "error"}, {"message", "unknown --behave " + behave}});
    return 2;
  }
  if (port <= 0) {
    line({{"type", "error"}, {"message", "could not listen"}});
    return 1;
  }
  if (behave != "never_ready") line({{"type", "ready"}, {"host", "127.0.0.1"}, {"port", port}});
  int sig = 0;
  sigwait(&term, &sig);
  if (server) server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  line({{"type", "done"}, {"facts", json::object()}});
  return 0;
}
