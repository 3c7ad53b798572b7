// http_get: a minimal blocking HTTP/1.1 GET over plain TCP (Boost.Beast), for pulling metrics from
// a Prometheus server. No TLS; a reverse proxy or an SSH tunnel covers remote servers.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "optima/core/status.h"

namespace optima::inventory {

struct HttpUrl {
  std::string host;
  std::string port = "80";
  std::string path;  // base path without trailing slash ("" or "/prometheus")
};

// Parses "http://host[:port][/path]". InvalidArgument for other schemes or a missing host.
core::Result<HttpUrl> parse_http_url(std::string_view url);

// Percent-encodes a query-string value (RFC 3986 unreserved characters stay).
std::string url_encode(std::string_view value);

struct HttpResponse {
  int status = 0;
  std::string body;
};

// GETs `target` ("/api/v1/query_range?…") from `url`'s host. IoError when the server cannot be
// reached, the connection fails, or no complete response arrives within `timeout`.
core::Result<HttpResponse> http_get(const HttpUrl& url, const std::string& target,
                                    std::chrono::milliseconds timeout);

}  // namespace optima::inventory
