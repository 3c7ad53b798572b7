// Test helper: runs the cloudoptima binary (or any program) and captures its output.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace optima::testing {

struct CommandResult {
  int exit_code = -1;  // -signal when killed
  std::string out;
  std::string err;
};

namespace internal {
inline std::string read_fd(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof(buf))) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}
inline pid_t spawn(const std::vector<std::string>& argv, int out_fd, int err_fd) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}
inline int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}
}  // namespace internal

// Runs argv[0] with arguments; stdout and stderr go through temp files (no pipe deadlock).
inline CommandResult run_command(const std::vector<std::string>& argv) {
  char out_name[] = "/tmp/optima-out-XXXXXX";
  char err_name[] = "/tmp/optima-err-XXXXXX";
  const int out_fd = ::mkstemp(out_name);
  const int err_fd = ::mkstemp(err_name);
  const pid_t pid = internal::spawn(argv, out_fd, err_fd);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CommandResult r;
  r.exit_code = internal::decode_status(status);
  ::lseek(out_fd, 0, SEEK_SET);
  ::lseek(err_fd, 0, SEEK_SET);
  r.out = internal::read_fd(out_fd);
  r.err = internal::read_fd(err_fd);
  ::close(out_fd);
  ::close(err_fd);
  ::unlink(out_name);
  ::unlink(err_name);
  return r;
}

// Starts a command and SIGKILLs it after `delay_us` microseconds (if still running).
// Returns the decoded exit status (-9 when the kill landed).
inline int run_and_kill_after(const std::vector<std::string>& argv, useconds_t delay_us) {
  const int null_fd = ::open("/dev/null", O_WRONLY);
  const pid_t pid = internal::spawn(argv, null_fd, null_fd);
  ::close(null_fd);
  ::usleep(delay_us);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return internal::decode_status(status);
}

}  // namespace optima::testing
