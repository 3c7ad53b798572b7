// Test support for notify tests: the real local servers of tests/support (an SMTP sink and an
// HTTP receiver, both Python stdlib) started on a free loopback port and stopped after, and
// reading what they recorded.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace optima::notify::testing {

// A temporary directory removed with the object.
class NotifyTempDir {
 public:
  explicit NotifyTempDir(const std::string& tag) {
    path_ = std::filesystem::temp_directory_path() /
            ("optima-notify-" + tag + "-" + std::to_string(::getpid()) + "-" +
             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(path_);
  }
  ~NotifyTempDir() { std::filesystem::remove_all(path_); }
  NotifyTempDir(const NotifyTempDir&) = delete;
  NotifyTempDir& operator=(const NotifyTempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs `python3 tests/support/<script> <dir> <args...>`, reads the port it prints, and kills
// it (SIGTERM, then waits) on destruction.
class LocalTestServer {
 public:
  LocalTestServer(const std::string& script, const std::filesystem::path& dir,
                  const std::vector<std::string>& args = {}) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    std::vector<std::string> argv = {"python3", std::string(OPTIMA_SOURCE_DIR) + "/tests/support/" + script,
                                     dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], 1);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> raw;
      for (auto& a : argv) raw.push_back(a.data());
      raw.push_back(nullptr);
      ::execvp("python3", raw.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    std::string line;
    char c;
    while (::read(fds[0], &c, 1) == 1 && c != '\n') line.push_back(c);
    ::close(fds[0]);
    port_ = line.empty() ? 0 : std::stoi(line);
  }
  ~LocalTestServer() { stop(); }
  LocalTestServer(const LocalTestServer&) = delete;
  LocalTestServer& operator=(const LocalTestServer&) = delete;

  int port() const { return port_; }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

inline std::string notify_read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Waits up to 5 s for `name` to appear in dir (the servers rename finished files into place).
inline bool notify_wait_for_file(const std::filesystem::path& path) {
  for (int i = 0; i < 250; ++i) {
    if (std::filesystem::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// The requests an http_receiver.py recorded, in arrival order.
inline std::vector<nlohmann::json> notify_recorded_requests(const std::filesystem::path& dir) {
  std::vector<nlohmann::json> out;
  for (int n = 1;; ++n) {
    const auto path = dir / ("req-" + std::to_string(n) + ".json");
    if (!std::filesystem::exists(path)) break;
    out.push_back(nlohmann::json::parse(notify_read_text(path)));
  }
  return out;
}

// A loopback port nothing listens on (bound, then released).
int notify_unused_port();

}  // namespace optima::notify::testing
