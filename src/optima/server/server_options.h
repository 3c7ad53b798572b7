// ServerOptions: how `cloudoptima serve` listens, authenticates and limits requests.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace optima::server {

struct ServerOptions {
  std::filesystem::path data_dir;
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (Server::port() tells which)
  std::filesystem::path web_root;  // empty: default_web_root()
  // Everyone is owner, no login. Refused unless `host` is a loopback address.
  bool no_auth = false;
  std::filesystem::path bootstrap_password_file;  // first run: the owner's password
  std::filesystem::path tls_cert;  // PEM chain; with tls_key, serve HTTPS only
  std::filesystem::path tls_key;
  size_t io_threads = 0;      // 0: one per core
  size_t worker_threads = 0;  // handlers (queries, hashing); 0: one per core
  size_t json_body_limit = size_t{1} << 20;
  uint64_t upload_limit = uint64_t{4} << 30;
  size_t header_limit = size_t{16} << 10;
  std::chrono::milliseconds header_timeout{10000};  // whole header of a request
  std::chrono::milliseconds body_timeout{300000};   // a request body, and writing a response
  std::chrono::milliseconds idle_timeout{60000};    // keep-alive: waiting for the next request
  std::chrono::milliseconds sse_keepalive{15000};   // comment lines on event streams
  std::chrono::milliseconds shutdown_grace{10000};  // in-flight requests finish within this
  int64_t session_ttl_seconds = 7 * 24 * 3600;
  size_t login_max_failures = 5;
  int64_t login_window_seconds = 900;
  bool log_requests = true;  // one JSON line per request on stderr
  // Rendered cost-query responses kept per data snapshot; 0 turns the cache off.
  size_t query_cache_bytes = size_t{64} << 20;
  std::function<int64_t()> clock;  // UTC seconds; default: the system clock
};

// <dir of the executable>/../share/cloudoptima/web when it exists, else <source dir>/web/dist.
std::filesystem::path default_web_root();

}  // namespace optima::server
