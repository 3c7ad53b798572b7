#include "optima/server/route_binding.h"

#include <string>

namespace optima::server {

Handler bind_route(ServerContext& context, ApiResponse (*fn)(ServerContext&, RequestContext&)) {
  ServerContext* ctx = &context;
  return [ctx, fn](RequestContext& req) { return fn(*ctx, req); };
}

nlohmann::json list_schema(std::string_view key, const nlohmann::json& item) {
  const std::string name(key);
  return {{"type", "object"},
          {"properties",
           {{name, {{"type", "array"}, {"items", item}}}, {"next_cursor", {{"type", "string"}}}}},
          {"required", {name}}};
}

}  // namespace optima::server
