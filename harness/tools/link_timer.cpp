// xlbench-link-timer: the linker rustc calls during a timed build of the build workload
// (CARGO_TARGET_<host>_LINKER). It runs the real linker (XLB_REAL_LINKER, default cc) with the
// same arguments and appends "<wall ns> <exit status>" to XLB_LINK_LOG, so the report can show
// link time apart from compile time. One fork and one line per link: nothing measurable next to
// a link. Without XLB_LINK_LOG it simply becomes the real linker.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

namespace {

long long now_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

}  // namespace

int main(int argc, char** argv) {
  const char* real = std::getenv("XLB_REAL_LINKER");
  if (real == nullptr || *real == '\0') real = "cc";
  std::vector<char*> args;
  args.push_back(const_cast<char*>(real));
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);

  const char* log = std::getenv("XLB_LINK_LOG");
  if (log == nullptr || *log == '\0') {
    execvp(real, args.data());
    std::perror(real);
    return 127;
  }
  const long long start = now_ns();
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("xlbench-link-timer: fork");
    return 127;
  }
  if (pid == 0) {
    execvp(real, args.data());
    std::perror(real);
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      std::perror("xlbench-link-timer: waitpid");
      return 127;
    }
  }
  const long long elapsed = now_ns() - start;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  char line[64];
  const int n = std::snprintf(line, sizeof line, "%lld %d\n", elapsed, code);
  // O_APPEND: parallel links (cargo --jobs N) each add one whole line.
  const int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd >= 0) {
    if (write(fd, line, static_cast<size_t>(n)) != n) std::perror("xlbench-link-timer: write");
    close(fd);
  }
  return code;
}
