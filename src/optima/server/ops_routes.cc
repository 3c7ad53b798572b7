// Routes: /healthz, /readyz, /metrics, /api/v1/openapi.json (docs/api.md, "Operations"), and
// build_route_table(), the one list of all routes.
#include <memory>

#include "optima/server/openapi.h"
#include "optima/server/routes.h"

#ifndef OPTIMA_VERSION
#define OPTIMA_VERSION "0.1.0"
#endif

namespace optima::server {
namespace {

namespace http = boost::beast::http;

ApiResponse metrics(ServerContext& ctx) {
  uint64_t bytes = 0;
  if (auto partitions = ctx.store->partitions(); partitions.is_ok()) {
    for (const auto& p : *partitions) bytes += p.bytes;
  }
  ApiResponse r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = ctx.metrics.render(bytes, ctx.events.subscribers());
  return r;
}

}  // namespace

void add_ops_routes(RouteTable& table, ServerContext& context) {
  ServerContext* ctx = &context;
  const nlohmann::json status_schema = {{"type", "object"},
                                        {"properties", {{"status", {{"type", "string"}}}}}};
  table.add({http::verb::get, "/healthz", Role::kPublic, "The process is up", BodyKind::kNone,
             nullptr, status_schema, 200, "application/json",
             [](RequestContext&) { return json_response({{"status", "ok"}}); }});
  table.add({http::verb::get, "/readyz", Role::kPublic, "The store is open and readable",
             BodyKind::kNone, nullptr, status_schema, 200, "application/json",
             [ctx](RequestContext&) {
               auto snapshot = ctx->store->snapshot();
               if (!snapshot.is_ok()) {
                 return error_response(unavailable_error(snapshot.status().message()));
               }
               return json_response({{"status", "ready"}});
             }});
  table.add({http::verb::get, "/metrics", Role::kPublic,
             "Prometheus metrics: requests and latency by route and status, ingested rows, store "
             "bytes, open connections",
             BodyKind::kNone, nullptr, nullptr, 200, "text/plain",
             [ctx](RequestContext&) { return metrics(*ctx); }});
}

RouteTable build_route_table(ServerContext& context) {
  RouteTable table;
  add_auth_routes(table, context);
  add_cost_routes(table, context);
  add_data_routes(table, context);
  add_prediction_routes(table, context);
  add_anomaly_routes(table, context);
  add_alert_routes(table, context);
  add_savings_routes(table, context);
  add_ops_routes(table, context);
  // The document describes the whole table, itself included: it is rendered once the table is
  // complete.
  auto document = std::make_shared<std::string>();
  table.add({http::verb::get, "/api/v1/openapi.json", Role::kPublic,
             "This API's OpenAPI 3.1 document", BodyKind::kNone, nullptr,
             {{"type", "object"}}, 200, "application/json", [document](RequestContext&) {
               ApiResponse r;
               r.body = *document;
               return r;
             }});
  *document = openapi_document(table, OPTIMA_VERSION).dump();
  return table;
}

}  // namespace optima::server
