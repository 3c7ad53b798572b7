// Strict JSON body parsing.
#include "optima/server/json_body.h"

#include <fmt/format.h>

namespace optima::server {

std::variant<nlohmann::json, ApiError> parse_json_object(
    std::string_view body, std::initializer_list<std::string_view> allowed) {
  return parse_json_object(body, std::vector<std::string_view>(allowed));
}

std::variant<nlohmann::json, ApiError> parse_json_object(
    std::string_view body, const std::vector<std::string_view>& allowed) {
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded()) return invalid_argument_error("the request body is not valid JSON");
  if (!doc.is_object()) return invalid_argument_error("the request body must be a JSON object");
  for (const auto& [key, value] : doc.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) {
      ApiError error = invalid_argument_error(fmt::format("unknown field \"{}\"", key));
      error.details.push_back({{"path", "/" + key}, {"problem", "unknown field"}});
      return error;
    }
  }
  return doc;
}

std::variant<std::optional<std::string>, ApiError> optional_string_field(
    const nlohmann::json& object, std::string_view name) {
  auto it = object.find(std::string(name));
  if (it == object.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) {
    ApiError error = invalid_argument_error(fmt::format("field \"{}\" must be a string", name));
    error.details.push_back({{"path", "/" + std::string(name)}, {"problem", "expected a string"}});
    return error;
  }
  return std::optional<std::string>(it->get<std::string>());
}

}  // namespace optima::server
