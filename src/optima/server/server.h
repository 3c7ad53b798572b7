// Server: `cloudoptima serve` — the HTTP API, the web UI and the background ingest jobs in one
// process (ARCHITECTURE.md, "Server").
//
// One io_context runs on io_threads threads and drives every connection asynchronously
// (HttpSession); handlers run on a separate worker pool; ingest jobs on JobManager's thread.
// create() opens the store and state.db, bootstraps the first owner, and binds; start() runs;
// stop() stops accepting, closes idle connections, lets requests in flight finish (at most
// shutdown_grace), then stops. Thread-safe: stop() may be called from any thread or a signal.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "optima/core/status.h"
#include "optima/server/server_options.h"

namespace optima::server {

class Server {
 public:
  // Errors: InvalidArgument for a bad host, --no-auth on a non-loopback address, unreadable
  // TLS files or a bad bootstrap password; IoError when the port cannot be bound; those of
  // Store::open and AuthStore::open.
  static core::Result<std::unique_ptr<Server>> create(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const;
  // "http://127.0.0.1:8080/" (https with TLS).
  std::string url() const;
  // The first owner's generated password, when this start created it without a password file.
  const std::optional<std::string>& generated_password() const;

  // Runs the I/O and worker threads; returns at once.
  void start();
  // SIGINT and SIGTERM request a graceful stop.
  void stop_on_signals();
  // Requests a graceful stop; returns at once.
  void request_stop();
  // Blocks until stopped (request_stop() or a signal), then shuts down: stops accepting, lets
  // requests in flight finish within shutdown_grace, stops the jobs and joins every thread.
  void wait();
  // request_stop() + wait().
  void stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace optima::server
