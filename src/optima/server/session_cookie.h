// The session cookie `optima_session`: HttpOnly, SameSite=Strict, Path=/, Secure under TLS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace optima::server {

inline constexpr std::string_view kSessionCookie = "optima_session";

// The Set-Cookie value; an empty id with max_age 0 clears the cookie.
std::string session_cookie(std::string_view session_id, int64_t max_age_seconds, bool secure);
// The optima_session value in a Cookie header, or nullopt.
std::optional<std::string> session_from_cookie_header(std::string_view cookie_header);

}  // namespace optima::server
