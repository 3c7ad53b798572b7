// Request admission, dispatch and logging.
#include "optima/server/api_dispatcher.h"

#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/core/time.h"
#include "optima/server/secrets.h"
#include "optima/server/session_cookie.h"

namespace optima::server {
namespace {

namespace http = boost::beast::http;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool changes_state(http::verb method) {
  return method != http::verb::get && method != http::verb::head && method != http::verb::options;
}

std::string iso_now_millis() {
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::string s = core::format_iso8601({ms / 1000});
  s.insert(s.size() - 1, fmt::format(".{:03d}", ms % 1000));
  return s;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int hi = hex_value(text[i + 1]);
    const int lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

ApiDispatcher::ApiDispatcher(ServerContext& context, RouteTable table)
    : context_(context), table_(std::move(table)) {}

std::optional<ApiResponse> ApiDispatcher::authenticate(const Route& route,
                                                       RequestContext& request) const {
  if (route.min_role == Role::kPublic) return std::nullopt;
  if (context_.options.no_auth) {
    request.identity.username = "local";
    request.identity.role = Role::kOwner;
    request.identity.method = AuthMethod::kNoAuth;
    return std::nullopt;
  }
  const std::string authorization = request.header("Authorization");
  if (!authorization.empty()) {
    if (!core::istarts_with(authorization, "Bearer ")) {
      return error_response(unauthenticated_error("Authorization: expected Bearer opt_…"));
    }
    const std::string secret(core::trim(std::string_view(authorization).substr(7)));
    auto id = context_.auth->token_identity(secret);
    if (!id.is_ok()) return status_response(id.status());
    if (!id->has_value()) return error_response(unauthenticated_error("invalid, expired or revoked API token"));
    request.identity = std::move(**id);
  } else if (auto cookie = session_from_cookie_header(request.header("Cookie"))) {
    auto id = context_.auth->session_identity(*cookie);
    if (!id.is_ok()) return status_response(id.status());
    if (!id->has_value()) return error_response(unauthenticated_error("the session expired or is invalid; sign in again"));
    request.identity = std::move(**id);
    if (changes_state(request.method) &&
        !constant_time_equals(request.header("X-CSRF-Token"), request.identity.csrf_token)) {
      return error_response(permission_denied_error("missing or wrong X-CSRF-Token header"));
    }
  } else {
    return error_response(unauthenticated_error("sign in or send an API token (Authorization: Bearer opt_…)"));
  }
  if (!role_allows(request.identity.role, route.min_role)) {
    return error_response(permission_denied_error(
        fmt::format("this needs the {} role; you are {}", role_name(route.min_role),
                    role_name(request.identity.role))));
  }
  return std::nullopt;
}

Admission ApiDispatcher::admit(std::string_view target, RequestContext& request) const {
  Admission a;
  a.route_label = "unmatched";
  const size_t q = target.find('?');
  std::optional<std::string> path = percent_decode(target.substr(0, q));
  if (!path || path->empty() || path->front() != '/') {
    a.reject = error_response(invalid_argument_error("malformed request target"));
    return a;
  }
  request.path = std::move(*path);
  if (q != std::string_view::npos) {
    for (std::string_view pair : core::split(target.substr(q + 1), '&')) {
      if (pair.empty()) continue;
      const size_t eq = pair.find('=');
      std::string raw_value(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
      for (char& c : raw_value) c = c == '+' ? ' ' : c;
      auto key = percent_decode(pair.substr(0, eq));
      auto value = percent_decode(raw_value);
      if (!key || !value) {
        a.reject = error_response(invalid_argument_error("malformed query string"));
        return a;
      }
      request.query[*key] = *value;
    }
  }
  RouteMatch match = table_.match(request.method, request.path);
  if (match.route == nullptr) {
    const bool api = core::istarts_with(request.path, "/api/") || request.path == "/api";
    if (!match.allowed.empty()) {
      ApiError e{405, "method_not_allowed",
                 fmt::format("{} is not allowed here; allowed: {}",
                             std::string(http::to_string(request.method)),
                             core::join(match.allowed, ", "))};
      a.reject = error_response(std::move(e));
      a.reject->headers.emplace_back("Allow", core::join(match.allowed, ", "));
    } else if (api) {
      a.reject = error_response(not_found_error(fmt::format("no route {}", request.path)));
    } else if (request.method != http::verb::get && request.method != http::verb::head) {
      a.reject = error_response(ApiError{405, "method_not_allowed", "static files: GET only"});
      a.reject->headers.emplace_back("Allow", "GET, HEAD");
    } else {
      a.route_label = "static";
    }
    return a;
  }
  a.route = match.route;
  a.route_label = match.route->pattern;
  request.params = std::move(match.params);
  if (auto reject = authenticate(*match.route, request)) a.reject = std::move(reject);
  return a;
}

ApiResponse ApiDispatcher::handle(const Route* route, RequestContext& request) const {
  // The exception barrier of every handler (STYLE.md): an exception escaping a handler is a
  // bug, answered with 500.
  try {
    if (route == nullptr) return context_.static_files->serve(request.path);
    if (route->body == BodyKind::kJson && !request.body.empty()) {
      const std::string type = core::to_lower_ascii(request.header("Content-Type"));
      if (!type.empty() && !core::istarts_with(type, "application/json")) {
        return error_response(ApiError{415, "unsupported_media_type",
                                       "expected Content-Type: application/json"});
      }
    }
    return route->handler(request);
  } catch (const std::exception& e) {
    return error_response(internal_api_error(fmt::format("internal error: {}", e.what())));
  } catch (...) {
    return error_response(internal_api_error("internal error"));
  }
}

void ApiDispatcher::render_error(ApiResponse& response, std::string_view request_id) {
  if (!response.error) return;
  response.content_type = "application/json";
  response.body = error_body(*response.error, request_id);
}

void ApiDispatcher::record(const RequestContext& request, std::string_view route_label,
                           unsigned status, uint64_t bytes,
                           std::chrono::steady_clock::duration elapsed) const {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  const std::string method(http::to_string(request.method));
  context_.metrics.observe_request(method, route_label, status, seconds);
  if (!context_.options.log_requests) return;
  nlohmann::json line = {{"ts", iso_now_millis()},
                         {"level", status >= 500 ? "error" : (status >= 400 ? "warn" : "info")},
                         {"request_id", request.request_id},
                         {"method", method},
                         {"route", std::string(route_label)},
                         {"status", status},
                         {"duration_ms", seconds * 1000.0},
                         {"bytes", bytes},
                         {"user", request.identity.username}};
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace optima::server
