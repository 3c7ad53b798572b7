// An HTTP/1.1 client for webhook deliveries: one request per connection, on Boost.Beast, with
// https through OpenSSL (certificate chain and host name verified, SNI sent) and a timeout on
// every step (resolve, connect, handshake, write, read).
//
// Thread-safe: each call owns its io_context and connection.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "optima/core/status.h"

namespace optima::notify {

struct HttpRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::string body;  // at most HttpClientOptions::max_response_bytes
  std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpClientOptions {
  std::chrono::milliseconds timeout{10000};  // per step
  std::string ca_file;  // extra trusted CAs (PEM), beside the system's default paths
  size_t max_response_bytes = 64 * 1024;
};

// Sends the request and reads the response, whatever its status. Errors: InvalidArgument for
// a bad URL or method; IoError naming the step for a network, TLS or timeout failure
// ("connect to 127.0.0.1:9: Connection refused", "read: timed out after 10000 ms").
core::Result<HttpResponse> send_http(const HttpRequest& request, const HttpClientOptions& options);

}  // namespace optima::notify
