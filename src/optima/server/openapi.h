// The OpenAPI 3.1 document of the API, generated from the route table: one operation per route
// with its summary, path parameters, request body schema, success response schema, the error
// response (the API's one error shape) and, as x-min-role, the least role that may call it.
#pragma once

#include <nlohmann/json.hpp>

#include "optima/server/route_table.h"

namespace optima::server {

nlohmann::json openapi_document(const RouteTable& table, std::string_view version);

}  // namespace optima::server
