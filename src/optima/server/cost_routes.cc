// Routes: /api/v1/costs/query, /api/v1/dimensions, /api/v1/dimensions/{name}/values,
// /api/v1/kpis (docs/api.md, "Costs").
#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/query/dimension_catalog.h"
#include "optima/query/executor.h"
#include "optima/query/kpis.h"
#include "optima/query/query_json.h"
#include "optima/query/result_format.h"
#include "optima/server/query_result_cache.h"
#include "optima/server/routes.h"

namespace optima::server {
namespace {

namespace http = boost::beast::http;

ApiResponse query_response(const std::string& format, std::string body) {
  ApiResponse r;
  r.body = std::move(body);
  if (format == "csv") {
    r.content_type = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"costs.csv\"");
  }
  return r;
}

ApiResponse costs_query(ServerContext& ctx, QueryResultCache& cache, RequestContext& req) {
  const std::string format = req.query_param("format").value_or("json");
  if (format != "json" && format != "csv") {
    return error_response(invalid_argument_error("format: expected json or csv"));
  }
  auto query = query::parse_query(req.body);
  if (!query.is_ok()) return status_response(query.status());
  auto snapshot = ctx.store->snapshot();
  if (!snapshot.is_ok()) return status_response(snapshot.status());
  const std::string key = format + "|" + query::query_to_json(*query).dump();
  if (auto cached = cache.get(*snapshot, key)) return query_response(format, std::move(*cached));
  auto result = query::execute(*query, **snapshot);
  if (!result.is_ok()) return status_response(result.status());
  std::string body = format == "csv" ? query::format_csv(*result) : query::format_json(*result);
  cache.put(*snapshot, key, body);
  return query_response(format, std::move(body));
}

std::string_view kind_name(query::Dimension::Kind kind) {
  switch (kind) {
    case query::Dimension::Kind::kColumn: return "column";
    case query::Dimension::Kind::kTag: return "tag";
    case query::Dimension::Kind::kExtension: return "extension";
  }
  return "column";
}

// The dimension list of the newest snapshot, computed once per snapshot (it reads every row
// group's string columns).
class DimensionCache {
 public:
  core::Result<nlohmann::json> get(const std::shared_ptr<const store::Snapshot>& snapshot) {
    {
      std::lock_guard lock(mutex_);
      if (snapshot_ == snapshot && !cached_.is_null()) return cached_;
    }
    OPTIMA_ASSIGN_OR_RETURN(auto dimensions, query::list_dimensions(*snapshot));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& d : dimensions) {
      items.push_back({{"name", d.to_string()}, {"kind", std::string(kind_name(d.kind))}});
    }
    nlohmann::json out = {{"dimensions", std::move(items)}};
    std::lock_guard lock(mutex_);
    snapshot_ = snapshot;
    cached_ = out;
    return out;
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<const store::Snapshot> snapshot_;  // held: no address reuse
  nlohmann::json cached_;
};

ApiResponse dimensions(ServerContext& ctx, DimensionCache& cache) {
  auto snapshot = ctx.store->snapshot();
  if (!snapshot.is_ok()) return status_response(snapshot.status());
  auto out = cache.get(*snapshot);
  if (!out.is_ok()) return status_response(out.status());
  return json_response(*out);
}

// A ?name= time parameter: nullopt when absent; an error when malformed.
std::variant<std::optional<core::Timestamp>, ApiError> time_param(const RequestContext& req,
                                                                  std::string_view name) {
  auto text = req.query_param(name);
  if (!text || text->empty()) return std::optional<core::Timestamp>();
  core::Timestamp t;
  if (!core::parse_timestamp(*text, &t)) {
    return invalid_argument_error(fmt::format("{}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", name));
  }
  return std::optional<core::Timestamp>(t);
}

ApiResponse dimension_values(ServerContext& ctx, RequestContext& req) {
  auto dimension = query::Dimension::parse(req.params["name"]);
  if (!dimension.is_ok()) {
    return error_response(not_found_error(
        fmt::format("no dimension \"{}\": {}", req.params["name"], dimension.status().message())));
  }
  query::DimensionValuesRequest request;
  request.dimension = *dimension;
  request.search = req.query_param("search").value_or("");
  if (auto limit = req.query_param("limit")) {
    std::optional<int64_t> n = core::parse_int64(*limit);
    if (!n || *n < 1 || *n > 1000) {
      return error_response(invalid_argument_error("limit: expected an integer from 1 to 1000"));
    }
    request.limit = static_cast<size_t>(*n);
  }
  auto start = time_param(req, "start");
  if (auto* e = std::get_if<ApiError>(&start)) return error_response(*e);
  auto end = time_param(req, "end");
  if (auto* e = std::get_if<ApiError>(&end)) return error_response(*e);
  const auto& from = std::get<std::optional<core::Timestamp>>(start);
  const auto& to = std::get<std::optional<core::Timestamp>>(end);
  if (from.has_value() != to.has_value()) {
    return error_response(invalid_argument_error("start and end go together"));
  }
  if (from) {
    if (!(*from < *to)) return error_response(invalid_argument_error("start must be before end"));
    request.time_range = core::Period{*from, *to};
  }
  if (auto currency = req.query_param("currency"); currency && !currency->empty()) {
    request.filters.push_back({query::Dimension::of_column(focus::Column::kBillingCurrency),
                               query::FilterOp::kIn,
                               {*currency}});
  }
  auto snapshot = ctx.store->snapshot();
  if (!snapshot.is_ok()) return status_response(snapshot.status());
  auto values = query::dimension_values(**snapshot, request);
  if (!values.is_ok()) return status_response(values.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& v : values->values) {
    items.push_back({{"value", v.value ? nlohmann::json(*v.value) : nlohmann::json(nullptr)},
                     {"cost", v.cost ? nlohmann::json(v.cost->to_string()) : nlohmann::json(nullptr)}});
  }
  return json_response(
      {{"values", std::move(items)}, {"currency", values->currency}, {"matched", values->matched}});
}

ApiResponse kpis(ServerContext& ctx, RequestContext& req) {
  query::KpiOptions options;
  auto as_of = time_param(req, "as_of");
  if (auto* e = std::get_if<ApiError>(&as_of)) return error_response(*e);
  options.as_of = std::get<std::optional<core::Timestamp>>(as_of);
  if (auto metric = req.query_param("metric"); metric && !metric->empty()) {
    auto parsed = query::Metric::parse(*metric);
    if (!parsed.is_ok()) return error_response(invalid_argument_error("metric: " + parsed.status().message()));
    options.metric = *parsed;
  }
  if (auto tag = req.query_param("owner_tag"); tag && !tag->empty()) options.owner_tag = *tag;
  if (auto currency = req.query_param("currency"); currency && !currency->empty()) {
    options.currency = *currency;
  }
  auto snapshot = ctx.store->snapshot();
  if (!snapshot.is_ok()) return status_response(snapshot.status());
  auto result = query::compute_kpis(**snapshot, options);
  if (!result.is_ok()) return status_response(result.status());
  ApiResponse r;
  r.body = query::kpis_to_json(*result, options);
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
                {"rows_scanned", {{"type", "integer"}}},
                {"warnings", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}},
             200, "application/json",
             [ctx, cache = std::make_shared<QueryResultCache>(ctx->options.query_cache_bytes)](
                 RequestContext& req) { return costs_query(*ctx, *cache, req); }});
  auto dimension_cache = std::make_shared<DimensionCache>();
  table.add({http::verb::get, "/api/v1/dimensions", Role::kViewer,
             "Dimensions to group and filter by: FOCUS columns with data, tag:<key>, x_ columns",
             BodyKind::kNone, nullptr,
             {{"type", "object"},
              {"properties",
               {{"dimensions",
                 {{"type", "array"},
                  {"items",
                   {{"type", "object"},
                    {"properties",
                     {{"name", {{"type", "string"}}},
                      {"kind", {{"type", "string"}, {"enum", {"column", "tag", "extension"}}}}}}}}}}}}},
             200, "application/json",
             [ctx, dimension_cache](RequestContext&) { return dimensions(*ctx, *dimension_cache); }});
  table.add({http::verb::get, "/api/v1/dimensions/{name}/values", Role::kViewer,
             "A dimension's values by cost, largest first (?search=&limit=&start=&end=&currency=)",
             BodyKind::kNone, nullptr,
             {{"type", "object"},
              {"properties",
               {{"values",
                 {{"type", "array"},
                  {"items",
                   {{"type", "object"},
                    {"properties",
                     {{"value", {{"type", {"string", "null"}}}},
                      {"cost", {{"type", {"string", "null"}}}}}}}}}},
                {"currency", {{"type", "string"}}},
                {"matched", {{"type", "integer"}}}}}},
             200, "application/json",
             [ctx](RequestContext& req) { return dimension_values(*ctx, req); }});
  table.add({http::verb::get, "/api/v1/kpis", Role::kViewer,
             "Overview KPIs: month to date, last month, run rate, change, top movers, allocation, "
             "untagged cost, commitment savings (?as_of=&metric=&owner_tag=&currency=)",
             BodyKind::kNone, nullptr, {{"type", "object"}}, 200, "application/json",
             [ctx](RequestContext& req) { return kpis(*ctx, req); }});
}

}  // namespace optima::server
