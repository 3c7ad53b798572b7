// The API's error codes and response helpers.
#include "optima/server/api_response.h"

namespace optima::server {
namespace {

ApiError make(unsigned status, const char* code, std::string message) {
  return ApiError{status, code, std::move(message), nlohmann::json::array()};
}

}  // namespace

ApiError invalid_argument_error(std::string m) { return make(400, "invalid_argument", std::move(m)); }
ApiError unauthenticated_error(std::string m) { return make(401, "unauthenticated", std::move(m)); }
ApiError permission_denied_error(std::string m) {
  return make(403, "permission_denied", std::move(m));
}
ApiError not_found_error(std::string m) { return make(404, "not_found", std::move(m)); }
ApiError conflict_error(std::string m) { return make(409, "conflict", std::move(m)); }
ApiError payload_too_large_error(std::string m) {
  return make(413, "payload_too_large", std::move(m));
}
ApiError rate_limited_error(std::string m) { return make(429, "rate_limited", std::move(m)); }
ApiError unavailable_error(std::string m) { return make(503, "unavailable", std::move(m)); }
ApiError internal_api_error(std::string m) { return make(500, "internal", std::move(m)); }

ApiError api_error_from(const core::Status& status) {
  switch (status.code()) {
    case core::StatusCode::kInvalidArgument: return invalid_argument_error(status.message());
    case core::StatusCode::kNotFound: return not_found_error(status.message());
    case core::StatusCode::kAlreadyExists:
    case core::StatusCode::kFailedPrecondition: return conflict_error(status.message());
    case core::StatusCode::kResourceExhausted: return payload_too_large_error(status.message());
    default: return internal_api_error(status.message());
  }
}

ApiResponse json_response(const nlohmann::json& value, unsigned status) {
  ApiResponse r;
  r.status = status;
  r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

ApiResponse error_response(ApiError error) {
  ApiResponse r;
  r.status = error.status;
  r.error = std::move(error);
  return r;
}

ApiResponse status_response(const core::Status& status) {
  return error_response(api_error_from(status));
}

std::string error_body(const ApiError& error, std::string_view trace_id) {
  nlohmann::json body = {{"error",
                          {{"code", error.code},
                           {"message", error.message},
                           {"details", error.details},
                           {"trace_id", std::string(trace_id)}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace optima::server
