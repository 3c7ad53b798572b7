// Role: what a caller may do. Each role includes the ones below it:
// viewer < editor < admin < owner (docs/api.md, "Authentication and roles"). kPublic marks routes
// that need no credentials (login, health, the OpenAPI document).
#pragma once

#include <optional>
#include <string_view>

namespace optima::server {

enum class Role { kPublic = 0, kViewer = 1, kEditor = 2, kAdmin = 3, kOwner = 4 };

// "viewer", "editor", "admin", "owner" ("public" for kPublic).
std::string_view role_name(Role role);
// Parses one of the four user roles (not "public"); nullopt otherwise.
std::optional<Role> parse_role(std::string_view text);
// True when `held` includes `needed`.
inline bool role_allows(Role held, Role needed) {
  return static_cast<int>(held) >= static_cast<int>(needed);
}

}  // namespace optima::server
