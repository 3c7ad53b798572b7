// RouteTable: the one list of API routes — method, path pattern with {params}, minimum role,
// summary, request and response JSON schemas, body kind and handler. The dispatcher matches
// requests against it and enforces the role; the OpenAPI document is generated from it.
// Explicit table (STYLE.md "Registries are explicit tables"): routes are added by
// add_*_routes() in routes.h. Immutable after setup, then thread-safe to read.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "optima/server/api_response.h"
#include "optima/server/request_context.h"
#include "optima/server/role.h"

namespace optima::server {

// How the request body is read before the handler runs.
enum class BodyKind {
  kNone,         // no body expected (a body, if sent, is read and ignored, within the JSON limit)
  kJson,         // buffered in memory, up to the JSON limit
  kFile,         // streamed to a temp file under the data dir, up to the upload limit
  kEventStream,  // no body; the response is a server-sent event stream held open
};

using Handler = std::function<ApiResponse(RequestContext&)>;

struct Route {
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string pattern;  // "/api/v1/partitions/{id}/history"
  Role min_role = Role::kViewer;
  std::string summary;
  BodyKind body = BodyKind::kNone;
  nlohmann::json request_schema;   // null when there is no body
  nlohmann::json response_schema;  // of the success response
  unsigned success_status = 200;
  std::string response_type = "application/json";
  Handler handler;
};

struct RouteMatch {
  const Route* route = nullptr;               // nullptr: no route for this method
  std::map<std::string, std::string> params;  // path parameters, decoded
  std::vector<std::string> allowed;           // methods of routes matching the path (for 405)
};

class RouteTable {
 public:
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }
  // Matches a decoded path. route == nullptr and allowed empty: unknown path (404);
  // route == nullptr and allowed non-empty: wrong method (405).
  RouteMatch match(boost::beast::http::verb method, std::string_view path) const;

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // per route, the pattern split on '/'
};

}  // namespace optima::server
