// Test helper: a real Prometheus scraping a real node exporter, both on free loopback ports, with
// a temp config (scrape_interval 1s) and temp storage, each in its own process group and killed
// (whole group) by the destructor. Used by tests that pull node metrics over the HTTP API.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/shared_data.h"

namespace optima::testing {

class PrometheusNodeFixture {
 public:
  static constexpr const char* kPrometheus = "/usr/bin/prometheus";
  static constexpr const char* kNodeExporter = "/usr/bin/prometheus-node-exporter";

  static bool binaries_present() {
    return std::filesystem::exists(kPrometheus) && std::filesystem::exists(kNodeExporter);
  }

  // Starts both processes; returns false (with a reason) when either cannot be started.
  bool start(std::string* reason) {
    node_port_ = free_port();
    prometheus_port_ = free_port();
    if (node_port_ == 0 || prometheus_port_ == 0) {
      *reason = "no free loopback port";
      return false;
    }
    const auto config = dir_.path() / "prometheus.yml";
    std::ofstream(config) << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                          << "scrape_configs:\n  - job_name: node\n    static_configs:\n"
                          << "      - targets: ['127.0.0.1:" << node_port_ << "']\n";
    node_pid_ = spawn({kNodeExporter, "--web.listen-address=127.0.0.1:" + std::to_string(node_port_)},
                      dir_.path() / "node.log");
    prometheus_pid_ = spawn({kPrometheus, "--config.file=" + config.string(),
                             "--storage.tsdb.path=" + (dir_.path() / "data").string(),
                             "--web.listen-address=127.0.0.1:" + std::to_string(prometheus_port_)},
                            dir_.path() / "prometheus.log");
    if (node_pid_ <= 0 || prometheus_pid_ <= 0) {
      *reason = "fork failed";
      return false;
    }
    return true;
  }

  ~PrometheusNodeFixture() {
    stop(prometheus_pid_);
    stop(node_pid_);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(prometheus_port_); }
  // The `instance` label Prometheus gives the node exporter target.
  std::string node_instance() const { return "127.0.0.1:" + std::to_string(node_port_); }
  std::filesystem::path log_dir() const { return dir_.path(); }

 private:
  static int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port = ntohs(addr.sin_port);
    }
    ::close(fd);
    return port;
  }

  static pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& log) {
    std::fflush(nullptr);  // the child must not repeat buffered output
    const pid_t pid = ::fork();
    if (pid != 0) return pid;
    ::setpgid(0, 0);
    const std::string log_path = log.string();
    if (std::FILE* out = std::freopen(log_path.c_str(), "w", stdout)) ::dup2(::fileno(out), 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }

  static void stop(pid_t pid) {
    if (pid <= 0) return;
    ::kill(-pid, SIGTERM);
    ::kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100; ++i) {
      if (::waitpid(pid, &status, WNOHANG) == pid) return;
      ::usleep(50000);
    }
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }

  TempDir dir_;
  int node_port_ = 0;
  int prometheus_port_ = 0;
  pid_t node_pid_ = -1;
  pid_t prometheus_pid_ = -1;
};

}  // namespace optima::testing
