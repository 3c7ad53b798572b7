// ApiResponse and ApiError: what a route handler returns, and the one error shape of the API:
//   {"error":{"code","message","details","trace_id"}}  (docs/api.md, "Conventions").
// The dispatcher fills trace_id (the request id) when it renders an error.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/core/status.h"

namespace optima::server {

struct ApiError {
  unsigned status = 500;
  std::string code = "internal";
  std::string message;
  nlohmann::json details = nlohmann::json::array();
};

// The error codes of docs/api.md with their HTTP status.
ApiError invalid_argument_error(std::string message);
ApiError unauthenticated_error(std::string message);
ApiError permission_denied_error(std::string message);
ApiError not_found_error(std::string message);
ApiError conflict_error(std::string message);
ApiError payload_too_large_error(std::string message);
ApiError rate_limited_error(std::string message);
ApiError unavailable_error(std::string message);
ApiError internal_api_error(std::string message);
// Maps a core::Status (not OK) to its API error: InvalidArgument 400, NotFound 404,
// AlreadyExists / FailedPrecondition 409, ResourceExhausted 413, others 500.
ApiError api_error_from(const core::Status& status);

struct ApiResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, …)
  std::optional<ApiError> error;  // set: the body is rendered from it with the trace id
};

ApiResponse json_response(const nlohmann::json& value, unsigned status = 200);
ApiResponse error_response(ApiError error);
ApiResponse status_response(const core::Status& status);
// The JSON text of an error in the API's shape.
std::string error_body(const ApiError& error, std::string_view trace_id);

}  // namespace optima::server
