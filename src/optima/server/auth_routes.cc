// Routes: /api/v1/auth/*, /api/v1/users, /api/v1/tokens (docs/api.md, "Authentication and roles").
#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/core/time.h"
#include "optima/server/json_body.h"
#include "optima/server/pagination.h"
#include "optima/server/route_binding.h"
#include "optima/server/routes.h"
#include "optima/server/session_cookie.h"

namespace optima::server {
namespace {

namespace http = boost::beast::http;

std::string time_text(int64_t seconds) { return core::format_iso8601({seconds}); }

nlohmann::json user_json(const UserRecord& u) {
  return {{"username", u.username},
          {"role", std::string(role_name(u.role))},
          {"created_at", time_text(u.created_at)}};
}

nlohmann::json token_json(const TokenRecord& t) {
  nlohmann::json j = {{"id", t.id},
                      {"name", t.name},
                      {"username", t.username},
                      {"role", std::string(role_name(t.role))},
                      {"created_at", time_text(t.created_at)}};
  j["expires_at"] = t.expires_at ? nlohmann::json(time_text(*t.expires_at)) : nullptr;
  j["last_used_at"] = t.last_used_at ? nlohmann::json(time_text(*t.last_used_at)) : nullptr;
  return j;
}

nlohmann::json me_json(const Identity& id) {
  nlohmann::json j = {{"user", {{"username", id.username}, {"role", std::string(role_name(id.role))}}}};
  j["csrf_token"] = id.method == AuthMethod::kSession ? nlohmann::json(id.csrf_token) : nullptr;
  switch (id.method) {
    case AuthMethod::kSession: j["auth"] = "session"; break;
    case AuthMethod::kToken: j["auth"] = "token"; break;
    default: j["auth"] = "none"; break;
  }
  return j;
}

const nlohmann::json kUserSchema = {
    {"type", "object"},
    {"properties",
     {{"username", {{"type", "string"}}},
      {"role", {{"type", "string"}, {"enum", {"viewer", "editor", "admin", "owner"}}}},
      {"created_at", {{"type", "string"}, {"format", "date-time"}}}}}};

const nlohmann::json kTokenSchema = {
    {"type", "object"},
    {"properties",
     {{"id", {{"type", "integer"}}},
      {"name", {{"type", "string"}}},
      {"username", {{"type", "string"}}},
      {"role", {{"type", "string"}}},
      {"created_at", {{"type", "string"}}},
      {"expires_at", {{"type", {"string", "null"}}}},
      {"last_used_at", {{"type", {"string", "null"}}}}}}};

const nlohmann::json kMeSchema = {
    {"type", "object"},
    {"properties",
     {{"user",
       {{"type", "object"},
        {"properties", {{"username", {{"type", "string"}}}, {"role", {{"type", "string"}}}}}}},
      {"csrf_token", {{"type", {"string", "null"}}}},
      {"auth", {{"type", "string"}, {"enum", {"session", "token", "none"}}}}}}};

// Admins manage editors and viewers; only owners manage admins and owners.
bool may_manage(const Identity& caller, Role target) {
  return caller.role == Role::kOwner || !role_allows(target, Role::kAdmin);
}

// The number of owners, to refuse removing the last one.
core::Result<size_t> owner_count(AuthStore& auth) {
  OPTIMA_ASSIGN_OR_RETURN(auto users, auth.users());
  size_t n = 0;
  for (const auto& u : users) n += u.role == Role::kOwner ? 1 : 0;
  return n;
}

ApiResponse login(ServerContext& ctx, RequestContext& req) {
  auto parsed = parse_json_object(req.body, {"username", "password"});
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  const nlohmann::json& body = std::get<nlohmann::json>(parsed);
  if (!body.contains("username") || !body["username"].is_string() || !body.contains("password") ||
      !body["password"].is_string()) {
    return error_response(invalid_argument_error("username and password: expected strings"));
  }
  const std::string username = body["username"].get<std::string>();
  const std::string password = body["password"].get<std::string>();
  if (!ctx.login_limiter->allowed(username, req.remote_address)) {
    return error_response(rate_limited_error("too many failed logins; try again later"));
  }
  auto user = ctx.auth->check_password(username, password);
  if (!user.is_ok()) return status_response(user.status());
  if (!user->has_value()) {
    ctx.login_limiter->record_failure(username, req.remote_address);
    return error_response(unauthenticated_error("invalid username or password"));
  }
  ctx.login_limiter->record_success(username);
  req.identity.username = username;  // for the request log
  auto session = ctx.auth->create_session(username);
  if (!session.is_ok()) return status_response(session.status());
  Identity id;
  id.username = username;
  id.role = (*user)->role;
  id.method = AuthMethod::kSession;
  id.csrf_token = session->csrf_token;
  ApiResponse r = json_response(me_json(id));
  r.headers.emplace_back("Set-Cookie",
                         session_cookie(session->session_id, ctx.options.session_ttl_seconds, req.tls));
  return r;
}

ApiResponse logout(ServerContext& ctx, RequestContext& req) {
  ApiResponse r = json_response(nlohmann::json::object());
  if (req.identity.method == AuthMethod::kSession) {
    if (auto s = ctx.auth->delete_session(req.identity.session_hash); !s.is_ok()) {
      return status_response(s);
    }
  }
  r.headers.emplace_back("Set-Cookie", session_cookie("", 0, req.tls));
  return r;
}

ApiResponse list_users(ServerContext& ctx, RequestContext& req) {
  auto page = page_request(req);
  if (auto* e = std::get_if<ApiError>(&page)) return error_response(*e);
  auto users = ctx.auth->users();
  if (!users.is_ok()) return status_response(users.status());
  nlohmann::json all = nlohmann::json::array();
  for (const auto& u : *users) all.push_back(user_json(u));
  nlohmann::json out = nlohmann::json::object();
  write_page(all, std::get<PageRequest>(page), "users", out);
  return json_response(out);
}

std::variant<std::optional<Role>, ApiError> role_field(const nlohmann::json& body) {
  auto text = optional_string_field(body, "role");
  if (auto* e = std::get_if<ApiError>(&text)) return *e;
  const auto& value = std::get<std::optional<std::string>>(text);
  if (!value) return std::optional<Role>();
  auto role = parse_role(*value);
  if (!role) return invalid_argument_error("role: expected viewer, editor, admin or owner");
  return role;
}

ApiResponse create_user(ServerContext& ctx, RequestContext& req) {
  auto parsed = parse_json_object(req.body, {"username", "password", "role"});
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  const nlohmann::json& body = std::get<nlohmann::json>(parsed);
  auto username = optional_string_field(body, "username");
  auto password = optional_string_field(body, "password");
  auto role = role_field(body);
  for (auto* e : {std::get_if<ApiError>(&username), std::get_if<ApiError>(&password)}) {
    if (e != nullptr) return error_response(*e);
  }
  if (auto* e = std::get_if<ApiError>(&role)) return error_response(*e);
  const auto& name = std::get<std::optional<std::string>>(username);
  const auto& secret = std::get<std::optional<std::string>>(password);
  if (!name || !secret) return error_response(invalid_argument_error("username and password are required"));
  const Role new_role = std::get<std::optional<Role>>(role).value_or(Role::kViewer);
  if (!may_manage(req.identity, new_role)) {
    return error_response(permission_denied_error("only an owner can create admins and owners"));
  }
  if (auto s = ctx.auth->create_user(*name, *secret, new_role); !s.is_ok()) return status_response(s);
  auto user = ctx.auth->user(*name);
  if (!user.is_ok()) return status_response(user.status());
  return json_response({{"user", user_json(*user)}}, 201);
}

ApiResponse update_user(ServerContext& ctx, RequestContext& req) {
  auto parsed = parse_json_object(req.body, {"role", "password"});
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  const nlohmann::json& body = std::get<nlohmann::json>(parsed);
  auto role = role_field(body);
  if (auto* e = std::get_if<ApiError>(&role)) return error_response(*e);
  auto password = optional_string_field(body, "password");
  if (auto* e = std::get_if<ApiError>(&password)) return error_response(*e);
  const std::string& username = req.params["username"];
  auto target = ctx.auth->user(username);
  if (!target.is_ok()) return status_response(target.status());
  const std::optional<Role> new_role = std::get<std::optional<Role>>(role);
  if (!may_manage(req.identity, target->role) || (new_role && !may_manage(req.identity, *new_role))) {
    return error_response(permission_denied_error("only an owner can change admins and owners"));
  }
  if (target->role == Role::kOwner && new_role && *new_role != Role::kOwner) {
    auto owners = owner_count(*ctx.auth);
    if (!owners.is_ok()) return status_response(owners.status());
    if (*owners <= 1) return error_response(conflict_error("cannot demote the last owner"));
  }
  if (auto s = ctx.auth->update_user(username, new_role, std::get<std::optional<std::string>>(password));
      !s.is_ok()) {
    return status_response(s);
  }
  auto user = ctx.auth->user(username);
  if (!user.is_ok()) return status_response(user.status());
  return json_response({{"user", user_json(*user)}});
}

ApiResponse delete_user(ServerContext& ctx, RequestContext& req) {
  const std::string& username = req.params["username"];
  auto target = ctx.auth->user(username);
  if (!target.is_ok()) return status_response(target.status());
  if (!may_manage(req.identity, target->role)) {
    return error_response(permission_denied_error("only an owner can delete admins and owners"));
  }
  if (target->role == Role::kOwner) {
    auto owners = owner_count(*ctx.auth);
    if (!owners.is_ok()) return status_response(owners.status());
    if (*owners <= 1) return error_response(conflict_error("cannot delete the last owner"));
  }
  if (auto s = ctx.auth->delete_user(username); !s.is_ok()) return status_response(s);
  ApiResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

ApiResponse list_tokens(ServerContext& ctx, RequestContext& req) {
  auto page = page_request(req);
  if (auto* e = std::get_if<ApiError>(&page)) return error_response(*e);
  // Admins see everyone's tokens; others their own.
  const bool all = role_allows(req.identity.role, Role::kAdmin);
  auto tokens = ctx.auth->tokens(all ? std::string() : req.identity.username);
  if (!tokens.is_ok()) return status_response(tokens.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : *tokens) items.push_back(token_json(t));
  nlohmann::json out = nlohmann::json::object();
  write_page(items, std::get<PageRequest>(page), "tokens", out);
  return json_response(out);
}

ApiResponse create_token(ServerContext& ctx, RequestContext& req) {
  if (req.identity.method == AuthMethod::kNoAuth) {
    return error_response(invalid_argument_error("API tokens need a signed-in user (the server runs with --no-auth)"));
  }
  auto parsed = parse_json_object(req.body, {"name", "role", "expires_at"});
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  const nlohmann::json& body = std::get<nlohmann::json>(parsed);
  auto name = optional_string_field(body, "name");
  if (auto* e = std::get_if<ApiError>(&name)) return error_response(*e);
  auto role = role_field(body);
  if (auto* e = std::get_if<ApiError>(&role)) return error_response(*e);
  auto expires = optional_string_field(body, "expires_at");
  if (auto* e = std::get_if<ApiError>(&expires)) return error_response(*e);
  std::optional<int64_t> expires_at;
  if (const auto& text = std::get<std::optional<std::string>>(expires)) {
    core::Timestamp t;
    if (!core::parse_timestamp(*text, &t)) {
      return error_response(invalid_argument_error("expires_at: expected YYYY-MM-DDTHH:MM:SSZ"));
    }
    expires_at = t.unix_seconds;
  }
  const auto& token_name = std::get<std::optional<std::string>>(name);
  if (!token_name) return error_response(invalid_argument_error("name is required"));
  const Role token_role = std::get<std::optional<Role>>(role).value_or(req.identity.role);
  if (!role_allows(req.identity.role, token_role)) {
    return error_response(permission_denied_error("a token's role cannot exceed yours"));
  }
  auto created = ctx.auth->create_token(req.identity.username, *token_name, token_role, expires_at);
  if (!created.is_ok()) return status_response(created.status());
  return json_response({{"token", token_json(created->first)}, {"secret", created->second}}, 201);
}

ApiResponse delete_token(ServerContext& ctx, RequestContext& req) {
  std::optional<int64_t> id = core::parse_int64(req.params["id"]);
  if (!id) return error_response(not_found_error("no such token"));
  auto token = ctx.auth->token(*id);
  if (!token.is_ok()) return status_response(token.status());
  if (token->username != req.identity.username && !role_allows(req.identity.role, Role::kAdmin)) {
    return error_response(not_found_error(fmt::format("no token {}", *id)));
  }
  if (auto s = ctx.auth->revoke_token(*id); !s.is_ok()) return status_response(s);
  ApiResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace

void add_auth_routes(RouteTable& table, ServerContext& context) {
  const nlohmann::json login_schema = {
      {"type", "object"},
      {"properties", {{"username", {{"type", "string"}}}, {"password", {{"type", "string"}}}}},
      {"required", {"username", "password"}},
      {"additionalProperties", false}};
  table.add({http::verb::post, "/api/v1/auth/login", Role::kPublic,
             "Sign in: sets the optima_session cookie and returns the CSRF token", BodyKind::kJson,
             login_schema, kMeSchema, 200, "application/json", bind_route(context, login)});
  table.add({http::verb::post, "/api/v1/auth/logout", Role::kViewer,
             "Sign out: ends the session and clears the cookie", BodyKind::kNone, nullptr,
             {{"type", "object"}}, 200, "application/json", bind_route(context, logout)});
  table.add({http::verb::get, "/api/v1/auth/me", Role::kViewer,
             "The signed-in user, their role and the session's CSRF token", BodyKind::kNone,
             nullptr, kMeSchema, 200, "application/json",
             [](RequestContext& req) { return json_response(me_json(req.identity)); }});
  table.add({http::verb::get, "/api/v1/users", Role::kAdmin, "List users", BodyKind::kNone,
             nullptr, list_schema("users", kUserSchema), 200, "application/json",
             bind_route(context, list_users)});
  const nlohmann::json role_schema = {{"type", "string"},
                                      {"enum", {"viewer", "editor", "admin", "owner"}}};
  table.add({http::verb::post, "/api/v1/users", Role::kAdmin,
             "Create a user (admins create editors and viewers; owners any role)", BodyKind::kJson,
             {{"type", "object"},
              {"properties",
               {{"username", {{"type", "string"}, {"pattern", "^[A-Za-z0-9._-]{1,64}$"}}},
                {"password", {{"type", "string"}, {"minLength", 8}}},
                {"role", role_schema}}},
              {"required", {"username", "password"}},
              {"additionalProperties", false}},
             {{"type", "object"}, {"properties", {{"user", kUserSchema}}}}, 201,
             "application/json", bind_route(context, create_user)});
  table.add({http::verb::patch, "/api/v1/users/{username}", Role::kAdmin,
             "Change a user's role or password (a new password ends their sessions)",
             BodyKind::kJson,
             {{"type", "object"},
              {"properties", {{"role", role_schema}, {"password", {{"type", "string"}, {"minLength", 8}}}}},
              {"additionalProperties", false}},
             {{"type", "object"}, {"properties", {{"user", kUserSchema}}}}, 200,
             "application/json", bind_route(context, update_user)});
  table.add({http::verb::delete_, "/api/v1/users/{username}", Role::kAdmin,
             "Delete a user with their sessions and tokens", BodyKind::kNone, nullptr, nullptr,
             204, "", bind_route(context, delete_user)});
  table.add({http::verb::get, "/api/v1/tokens", Role::kViewer,
             "List live API tokens (yours; admins see everyone's)", BodyKind::kNone, nullptr,
             list_schema("tokens", kTokenSchema), 200, "application/json", bind_route(context, list_tokens)});
  table.add({http::verb::post, "/api/v1/tokens", Role::kViewer,
             "Create an API token; the secret is returned once", BodyKind::kJson,
             {{"type", "object"},
              {"properties",
               {{"name", {{"type", "string"}}},
                {"role", role_schema},
                {"expires_at", {{"type", "string"}, {"format", "date-time"}}}}},
              {"required", {"name"}},
              {"additionalProperties", false}},
             {{"type", "object"},
              {"properties", {{"token", kTokenSchema}, {"secret", {{"type", "string"}, {"pattern", "^opt_"}}}}}},
             201, "application/json", bind_route(context, create_token)});
  table.add({http::verb::delete_, "/api/v1/tokens/{id}", Role::kViewer,
             "Revoke an API token (yours; admins any)", BodyKind::kNone, nullptr, nullptr, 204, "",
             bind_route(context, delete_token)});
}

}  // namespace optima::server
