// Session cookie formatting and parsing.
#include "optima/server/session_cookie.h"

#include <fmt/format.h>

#include "optima/core/strings.h"

namespace optima::server {

std::string session_cookie(std::string_view session_id, int64_t max_age_seconds, bool secure) {
  return fmt::format("{}={}; Max-Age={}; Path=/; HttpOnly; SameSite=Strict{}", kSessionCookie,
                     session_id, max_age_seconds, secure ? "; Secure" : "");
}

std::optional<std::string> session_from_cookie_header(std::string_view cookie_header) {
  for (std::string_view part : core::split(cookie_header, ';')) {
    part = core::trim(part);
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    if (core::trim(part.substr(0, eq)) == kSessionCookie) {
      return std::string(core::trim(part.substr(eq + 1)));
    }
  }
  return std::nullopt;
}

}  // namespace optima::server
