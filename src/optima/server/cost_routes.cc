// Routes: /api/v1/costs/query (docs/api.md, "Costs").
#include "optima/query/executor.h"
#include "optima/query/query_json.h"
#include "optima/query/result_format.h"
#include "optima/server/routes.h"

namespace optima::server {
namespace {

namespace http = boost::beast::http;

ApiResponse costs_query(ServerContext& ctx, RequestContext& req) {
  const std::string format = req.query_param("format").value_or("json");
  if (format != "json" && format != "csv") {
    return error_response(invalid_argument_error("format: expected json or csv"));
  }
  auto query = query::parse_query(req.body);
  if (!query.is_ok()) return status_response(query.status());
  auto snapshot = ctx.store->snapshot();
  if (!snapshot.is_ok()) return status_response(snapshot.status());
  auto result = query::execute(*query, **snapshot);
  if (!result.is_ok()) return status_response(result.status());
  ApiResponse r;
  if (format == "csv") {
    r.content_type = "text/csv; charset=utf-8";
    r.body = query::format_csv(*result);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"costs.csv\"");
  } else {
    r.body = query::format_json(*result);
  }
  return r;
}

}  // namespace

void add_cost_routes(RouteTable& table, ServerContext& context) {
  ServerContext* ctx = &context;
  table.add({http::verb::post, "/api/v1/costs/query", Role::kViewer,
             "Run a cost query (docs/query-model.md); ?format=csv for a CSV download",
             BodyKind::kJson,
             {{"type", "object"}, {"description", "The query model, docs/query-model.md"}},
             {{"type", "object"},
              {"properties",
               {{"columns", {{"type", "array"}}},
                {"rows", {{"type", "array"}}},
                {"totals", {{"type", "object"}}},
                {"total_rows", {{"type", "integer"}}},
                {"next_cursor", {{"type", {"string", "null"}}}},
                {"rows_scanned", {{"type", "integer"}}}}}},
             200, "application/json",
             [ctx](RequestContext& req) { return costs_query(*ctx, req); }});
}

}  // namespace optima::server
