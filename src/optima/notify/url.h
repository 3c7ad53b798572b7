// Url: the parts of an http(s) URL that the webhook client needs.
#pragma once

#include <string>
#include <string_view>

#include "optima/core/status.h"

namespace optima::notify {

struct Url {
  bool https = false;
  std::string host;    // without brackets for IPv6 literals
  std::string port;    // "443" / "80" when the URL has none
  std::string target;  // path and query, at least "/"
  friend bool operator==(const Url&, const Url&) = default;
};

// Parses "http://host[:port]/path?query" or https. Errors (InvalidArgument): another scheme,
// no host, a bad port, user info, spaces or control characters.
core::Result<Url> parse_url(std::string_view text);

// The URL with its path and query replaced by "/[redacted]" when they are long enough to hold a token
// (Slack and Teams webhook URLs are secrets): safe to print and log.
std::string redact_url(std::string_view text);

}  // namespace optima::notify
