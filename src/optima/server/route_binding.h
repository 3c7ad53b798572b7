// What the route files share when they add routes: binding a handler function to the server's
// context, and the OpenAPI schema of a paged list.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "optima/server/route_table.h"
#include "optima/server/server_context.h"

namespace optima::server {

// A route handler that calls fn(context, request). `context` outlives the route table.
Handler bind_route(ServerContext& context, ApiResponse (*fn)(ServerContext&, RequestContext&));

// {key: [item, …], next_cursor}: the response of a paged list (key always present).
nlohmann::json list_schema(std::string_view key,
                           const nlohmann::json& item = {{"type", "object"}});

}  // namespace optima::server
