// http_exchange: one request on a fresh connection, each step bounded by one deadline.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "loadgen/http_load.hpp"
#include "loadgen/http_request.hpp"
#include "loadgen/http_response_parser.hpp"
#include "loadgen/http_socket.hpp"

namespace xlb {
namespace {

using Clock = std::chrono::steady_clock;

// Waits until fd is ready for `events`; false when the deadline passed first.
bool wait_ready(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1 << 30)));
    if (rc > 0) return true;
    if (rc < 0 && errno != EINTR) return true;  // let the following call report the error
  }
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

VerifyResult http_exchange(const std::string& host, int port, const HttpRequestSpec& request,
                           std::chrono::milliseconds timeout) {
  VerifyResult result;
  const auto address = resolve_address(host, port);
  const auto bytes = render_http_request(request, host, port);
  const auto begin = Clock::now();
  const auto deadline = begin + timeout;
  const auto ms = std::to_string(timeout.count()) + " ms";
  auto failed = [&](std::string problem) {
    result.problem = std::move(problem);
    result.elapsed = Clock::now() - begin;
    return result;
  };

  bool in_progress = false;
  const int fd = start_connect(address, in_progress);
  if (fd < 0) return failed("connect to " + address.text + ": " + std::strerror(-fd));
  FdCloser closer{fd};
  if (in_progress) {
    if (!wait_ready(fd, POLLOUT, deadline)) return failed("connect to " + address.text + " timed out after " + ms);
    if (int err = socket_error(fd); err != 0) return failed("connect to " + address.text + ": " + std::strerror(err));
  }

  for (std::size_t sent = 0; sent < bytes.size();) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      if (!wait_ready(fd, POLLOUT, deadline)) return failed("sending the request timed out after " + ms);
    } else {
      return failed(std::string("sending the request: ") + std::strerror(errno));
    }
  }

  HttpResponseParser parser(HttpResponseLimits{}, /*keep_body=*/true);
  parser.set_no_body_expected(request.method == "HEAD");
  char buffer[16 * 1024];
  while (!parser.complete()) {
    if (!wait_ready(fd, POLLIN, deadline))
      return failed(std::string(parser.started() ? "the response did not complete" : "no response") + " within " +
                    ms);
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
      return failed(std::string("reading the response: ") + std::strerror(errno));
    }
    if (n == 0) {
      if (!parser.finish_at_eof()) return failed(parser.error());
      break;
    }
    parser.feed(std::string_view(buffer, static_cast<std::size_t>(n)));  // bytes after the response are ignored
    if (parser.failed()) return failed("malformed response: " + parser.error());
  }
  result.elapsed = Clock::now() - begin;

  const HttpResponse& r = parser.response();
  result.status = r.status;
  result.content_type = r.content_type;
  result.body = r.body;
  if (r.content_length) result.content_length = static_cast<std::size_t>(*r.content_length);
  if (r.chunked) {
    result.problem = "response is chunked, not sent with a Content-Length";
  } else if (!r.content_length && request.method != "HEAD") {
    result.problem = "response has no Content-Length";
  } else {
    result.ok = true;
  }
  return result;
}

}  // namespace xlb
