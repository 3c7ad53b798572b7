// HttpSession: one client connection (plain TCP or TLS), HTTP/1.1 with keep-alive.
//
// Per request: wait for the first byte (keep-alive idle timeout; the first request skips this),
// read the header (header timeout, size limit), admit it (ApiDispatcher::admit: route, auth,
// role, CSRF), read the body (body timeout; JSON bodies buffered up to the JSON limit, uploads
// streamed to a temp file under <data_dir>/uploads up to the upload limit), run the handler on
// the worker pool, write the response on the connection's strand, log it. Event-stream routes
// keep the connection and forward EventHub frames, with a keep-alive comment every
// sse_keepalive. Everything of a session runs on its strand; the handler runs on a worker while
// the session waits, so the two never touch the request at the same time.
#pragma once

#include <atomic>
#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "optima/server/api_dispatcher.h"

namespace optima::server {

// What the server can ask of every live session.
class SessionControl {
 public:
  virtual ~SessionControl() = default;
  // Graceful shutdown: idle connections and event streams close now; a request in flight
  // finishes and its response is the connection's last. Thread-safe.
  virtual void begin_shutdown() = 0;
};

// The server-wide pieces a session uses. Outlives every session.
struct SessionEnv {
  const ApiDispatcher* dispatcher = nullptr;
  boost::asio::thread_pool* workers = nullptr;
  std::atomic<bool>* stopping = nullptr;
  bool tls = false;
};

// Starts a session over an accepted socket (plain or TLS); returns it for the registry.
std::shared_ptr<SessionControl> start_plain_session(SessionEnv& env,
                                                     boost::asio::ip::tcp::socket socket);
std::shared_ptr<SessionControl> start_tls_session(SessionEnv& env,
                                                   boost::asio::ip::tcp::socket socket,
                                                   boost::asio::ssl::context& ssl);

}  // namespace optima::server
