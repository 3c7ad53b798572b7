// OpenAPI generation.
#include "optima/server/openapi.h"

#include <string>

#include "optima/core/strings.h"

namespace optima::server {
namespace {

std::string operation_id(const Route& route) {
  std::string id(boost::beast::http::to_string(route.method));
  id = core::to_lower_ascii(id);
  for (char c : route.pattern) {
    if (c == '/' || c == '{' || c == '}' || c == '-' || c == '.') {
      if (id.back() != '_') id.push_back('_');
    } else {
      id.push_back(c);
    }
  }
  while (id.back() == '_') id.pop_back();
  return id;
}

nlohmann::json error_schema() {
  return {{"type", "object"},
          {"required", {"error"}},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"required", {"code", "message", "details", "trace_id"}},
              {"properties",
               {{"code",
                 {{"type", "string"},
                  {"enum",
                   {"invalid_argument", "unauthenticated", "permission_denied", "not_found",
                    "method_not_allowed", "conflict", "payload_too_large",
                    "unsupported_media_type", "rate_limited", "internal", "unavailable"}}}},
                {"message", {{"type", "string"}}},
                {"details", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                {"trace_id", {{"type", "string"}}}}}}}}}};
}

}  // namespace

nlohmann::json openapi_document(const RouteTable& table, std::string_view version) {
  nlohmann::json doc;
  doc["openapi"] = "3.1.0";
  doc["info"] = {{"title", "CloudOptima API"},
                 {"version", std::string(version)},
                 {"description", "Generated from the server's route table; see docs/api.md."}};
  doc["components"]["schemas"]["Error"] = error_schema();
  doc["components"]["securitySchemes"] = {
      {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "optima_session"}}},
      {"token", {{"type", "http"}, {"scheme", "bearer"}}}};
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& route : table.routes()) {
    nlohmann::json op;
    op["operationId"] = operation_id(route);
    op["summary"] = route.summary;
    op["x-min-role"] = std::string(role_name(route.min_role));
    op["security"] = route.min_role == Role::kPublic
                         ? nlohmann::json::array()
                         : nlohmann::json::array({{{"session", nlohmann::json::array()}},
                                                  {{"token", nlohmann::json::array()}}});
    nlohmann::json params = nlohmann::json::array();
    for (std::string_view segment : core::split(route.pattern, '/')) {
      if (segment.size() > 2 && segment.front() == '{') {
        params.push_back({{"name", std::string(segment.substr(1, segment.size() - 2))},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "string"}}}});
      }
    }
    if (!params.empty()) op["parameters"] = params;
    if (route.body == BodyKind::kJson) {
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", route.request_schema}}}}}};
    } else if (route.body == BodyKind::kFile) {
      op["requestBody"] = {
          {"required", true},
          {"content",
           {{"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
    }
    nlohmann::json success = {{"description", route.summary}};
    if (!route.response_type.empty()) {
      nlohmann::json schema = route.response_schema.is_null() ? nlohmann::json{{"type", "string"}}
                                                              : route.response_schema;
      success["content"][route.response_type]["schema"] = schema;
    }
    op["responses"][std::to_string(route.success_status)] = success;
    op["responses"]["default"] = {
        {"description", "Error"},
        {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    std::string method = core::to_lower_ascii(std::string(boost::beast::http::to_string(route.method)));
    paths[route.pattern][method] = std::move(op);
  }
  doc["paths"] = std::move(paths);
  return doc;
}

}  // namespace optima::server
