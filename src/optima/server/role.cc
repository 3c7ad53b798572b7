// Role names.
#include "optima/server/role.h"

namespace optima::server {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kPublic: return "public";
    case Role::kViewer: return "viewer";
    case Role::kEditor: return "editor";
    case Role::kAdmin: return "admin";
    case Role::kOwner: return "owner";
  }
  return "public";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "viewer") return Role::kViewer;
  if (text == "editor") return Role::kEditor;
  if (text == "admin") return Role::kAdmin;
  if (text == "owner") return Role::kOwner;
  return std::nullopt;
}

}  // namespace optima::server
