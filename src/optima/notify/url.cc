#include "optima/notify/url.h"

#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::notify {

core::Result<Url> parse_url(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return core::invalid_argument(
        fmt::format("expected an http:// or https:// URL; found {} ({})",
                    core::quote_for_message(redact_url(text)), why));
  };
  for (char c : text)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return fail("space or control character");
  Url url;
  std::string_view rest;
  if (core::istarts_with(text, "https://")) {
    url.https = true;
    rest = text.substr(8);
  } else if (core::istarts_with(text, "http://")) {
    rest = text.substr(7);
  } else {
    return fail("scheme");
  }
  const size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string_view target = slash == std::string_view::npos ? "/" : rest.substr(slash);
  if (const size_t hash = target.find('#'); hash != std::string_view::npos)
    target = target.substr(0, hash);
  url.target = target.empty() || target[0] != '/' ? "/" + std::string(target) : std::string(target);
  if (authority.find('@') != std::string_view::npos) return fail("user info is not allowed");
  std::string_view port;
  if (!authority.empty() && authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return fail("unclosed IPv6 literal");
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return fail("bad port");
      port = after.substr(1);
    }
  } else {
    const size_t colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (url.host.empty()) return fail("no host");
  if (port.empty()) {
    url.port = url.https ? "443" : "80";
  } else {
    auto number = core::parse_int64(port);
    if (!number || *number < 1 || *number > 65535) return fail("bad port");
    url.port = std::to_string(*number);
  }
  return url;
}

std::string redact_url(std::string_view text) {
  const size_t scheme = text.find("://");
  const size_t path = text.find_first_of("/?", scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos || text.size() - path <= 8) return std::string(text);
  return std::string(text.substr(0, path)) + "/[redacted]";
}

}  // namespace optima::notify
