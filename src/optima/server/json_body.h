// Strict JSON request bodies: parsed without exceptions, must be an object, and every member
// must be one the route knows (docs/api.md: unknown fields are rejected naming the field).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/server/api_response.h"

namespace optima::server {

// The body as a JSON object, or a 400 ApiError: not JSON, not an object, or a member not in
// `allowed` (the error names it and has details [{"path":"/<field>","problem":"unknown field"}]).
std::variant<nlohmann::json, ApiError> parse_json_object(
    std::string_view body, std::initializer_list<std::string_view> allowed);
// The same with the allowed members in a vector (a route's shared field list).
std::variant<nlohmann::json, ApiError> parse_json_object(std::string_view body,
                                                         const std::vector<std::string_view>& allowed);

// Member `name` as a string: nullopt when absent; an ApiError when present but not a string.
std::variant<std::optional<std::string>, ApiError> optional_string_field(
    const nlohmann::json& object, std::string_view name);

}  // namespace optima::server
