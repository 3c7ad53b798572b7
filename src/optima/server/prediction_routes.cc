// Routes: /api/v1/forecasts and /api/v1/budgets… (docs/api.md, "Prediction, savings and
// inventory"): forecasts of a cost query with their intervals and components, the month-end
// projection, and budgets with their status and variance.
#include <cmath>

#include <fmt/format.h>

#include "optima/analysis/budget/budget_json.h"
#include "optima/analysis/budget/budget_repository.h"
#include "optima/analysis/budget/budget_status.h"
#include "optima/analysis/budget/budget_variance.h"
#include "optima/analysis/budget/forecast_spend_projector.h"
#include "optima/analysis/forecast/store_forecast.h"
#include "optima/analysis/series/query_series.h"
#include "optima/query/executor.h"
#include "optima/query/query_json.h"
#include "optima/server/json_body.h"
#include "optima/server/pagination.h"
#include "optima/server/route_params.h"
#include "optima/server/routes.h"

namespace optima::server {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;

// ---- forecasts ----

json money_or_null(double value) {
  if (!std::isfinite(value)) return nullptr;
  return analysis::to_cents(value).to_string();
}

json components_json(const analysis::Forecast& f) {
  json c = {{"model", f.components.model},
            {"level", money_or_null(f.components.level)},
            {"trend_per_period", money_or_null(f.components.trend_per_period)},
            {"seasonal_period", f.components.seasonal_period},
            {"observations", f.observations},
            {"missing_periods", f.missing_periods},
            {"outliers_removed", f.outliers_removed},
            {"backtest_mase", std::isfinite(f.backtest_mase) ? json(f.backtest_mase) : json(nullptr)}};
  if (f.components.weekly_pattern) {
    json week = json::array();
    for (double d : *f.components.weekly_pattern) week.push_back(money_or_null(d));
    c["weekly_pattern"] = std::move(week);
  }
  if (f.month_start_fee) {
    c["month_start_fee"] = {{"day_of_month", f.month_start_fee->day_of_month},
                            {"amount", money_or_null(f.month_start_fee->amount)},
                            {"months_seen", f.month_start_fee->months_seen}};
  }
  if (f.level_shift) {
    c["level_shift"] = {{"t", core::format_iso8601(f.level_shift->time)},
                        {"size", money_or_null(f.level_shift->size)},
                        {"refitted_on_segment", f.level_shift->refitted_on_segment}};
  }
  return c;
}

json projection_json(const analysis::LabeledProjection& p) {
  const analysis::MonthEndProjection& m = p.projection;
  return {{"key", p.label},
          {"currency", p.currency},
          {"month_start", core::format_iso8601(m.month.start)},
          {"month_end", core::format_iso8601(m.month.end)},
          {"actual_to_date", m.actual_to_date.to_string()},
          {"forecast_remaining", m.forecast_remaining.to_string()},
          {"projected_total", m.projected_total.to_string()},
          {"lo80", m.lower80.to_string()},
          {"hi80", m.upper80.to_string()},
          {"lo95", m.lower95.to_string()},
          {"hi95", m.upper95.to_string()},
          {"days_complete", m.days_complete},
          {"days_remaining", m.days_remaining},
          {"days_missing", m.days_missing},
          {"model", m.model}};
}

ApiResponse forecasts(ServerContext& ctx, RequestContext& req) {
  auto parsed = parse_json_object(req.body, {"query", "horizon", "month_end", "as_of"});
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  const json& body = std::get<json>(parsed);
  if (!body.contains("query") || !body["query"].is_object()) {
    return error_response(invalid_argument_error("query: required, an object (docs/query-model.md)"));
  }
  auto query = query::query_from_json(body["query"]);
  if (!query.is_ok()) return error_response(invalid_argument_error("query." + query.status().message()));
  if (query->metrics.size() != 1) {
    return error_response(invalid_argument_error("query.metrics: a forecast takes exactly one metric"));
  }
  if (query->granularity == query::Granularity::kNone) {
    return error_response(invalid_argument_error("query.granularity: required (hour, day, week or month)"));
  }
  if (query->group_by.size() > 1) {
    return error_response(invalid_argument_error("query.group_by: at most one dimension"));
  }
  analysis::ForecastOptions options;
  if (body.contains("horizon")) {
    if (!body["horizon"].is_number_integer() || body["horizon"].get<int64_t>() < 1 ||
        body["horizon"].get<int64_t>() > analysis::kMaxHorizon) {
      return error_response(invalid_argument_error(
          fmt::format("horizon: expected an integer from 1 to {}", analysis::kMaxHorizon)));
    }
    options.horizon = body["horizon"].get<int>();
  }
  bool month_end = false;
  if (body.contains("month_end")) {
    if (!body["month_end"].is_boolean()) return error_response(invalid_argument_error("month_end: expected true or false"));
    month_end = body["month_end"].get<bool>();
  }
  std::optional<core::Timestamp> as_of;
  if (body.contains("as_of")) {
    core::Timestamp t;
    if (!body["as_of"].is_string() || !core::parse_timestamp(body["as_of"].get<std::string>(), &t)) {
      return error_response(invalid_argument_error("as_of: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"));
    }
    as_of = t;
  }
  if (month_end && query->granularity != query::Granularity::kDay) {
    return error_response(invalid_argument_error("month_end: needs query.granularity day"));
  }
  options.as_of = as_of;
  analysis::SeriesQuery request;
  request.metric = query->metrics[0];
  if (!query->group_by.empty()) request.group_by = query->group_by[0];
  request.filters = query->filters;
  request.granularity = query->granularity;
  request.time_range = query->time_range;

  auto snapshot = ctx.store->snapshot();
  if (!snapshot.is_ok()) return status_response(snapshot.status());
  auto history_query = analysis::series_query(request);
  if (!history_query.is_ok()) return status_response(history_query.status());
  auto history_result = query::execute(*history_query, **snapshot);
  if (!history_result.is_ok()) return status_response(history_result.status());
  auto history = analysis::series_from_query_result(*history_result, request.granularity);
  if (!history.is_ok()) return status_response(history.status());
  auto forecast = analysis::forecast_query(**snapshot, request, options);
  if (!forecast.is_ok()) return status_response(forecast.status());

  json series = json::array();
  std::string currency;
  for (const analysis::LabeledForecast& f : *forecast) {
    if (currency.empty()) currency = f.currency;
    json points = json::array();
    for (const analysis::LabeledSeries& h : *history) {
      if (h.label != f.label) continue;
      for (size_t i = 0; i < h.series.size(); ++i) {
        points.push_back({{"t", core::format_iso8601(h.series.times[i])},
                          {"value", money_or_null(h.series.values[i])}});
      }
    }
    json ahead = json::array();
    for (const analysis::ForecastPoint& p : f.forecast.points) {
      ahead.push_back({{"t", core::format_iso8601(p.time)},
                       {"mean", money_or_null(p.mean)},
                       {"lo80", money_or_null(p.lower80)},
                       {"hi80", money_or_null(p.upper80)},
                       {"lo95", money_or_null(p.lower95)},
                       {"hi95", money_or_null(p.upper95)}});
    }
    series.push_back({{"key", f.label},
                      {"model", f.forecast.model},
                      {"history", std::move(points)},
                      {"forecast", std::move(ahead)},
                      {"components", components_json(f.forecast)}});
  }
  json out = {{"currency", currency},
              {"granularity", std::string(query::granularity_name(request.granularity))},
              {"horizon", options.horizon},
              {"series", std::move(series)}};
  if (month_end) {
    const core::Timestamp at = as_of.value_or(server_now(ctx));
    analysis::ForecastOptions projection_options;
    auto projections = analysis::project_month_end_query(**snapshot, request, at, projection_options);
    if (!projections.is_ok()) return status_response(projections.status());
    json items = json::array();
    for (const auto& p : *projections) items.push_back(projection_json(p));
    out["month_end"] = {{"as_of", core::format_iso8601(at)}, {"series", std::move(items)}};
  }
  return json_response(out);
}

// ---- budgets ----

// The body of POST and PATCH: only budget members (budget_json.h).
std::variant<json, ApiError> budget_body(std::string_view body) {
  return parse_json_object(body, {"name", "period", "metric", "amount", "scope", "period_amounts",
                                  "thresholds", "currency"});
}

ApiResponse with_budgets(ServerContext& ctx,
                         const std::function<ApiResponse(analysis::BudgetRepository&)>& fn) {
  auto db = open_request_state(ctx);
  if (!db.is_ok()) return status_response(db.status());
  auto repo = analysis::BudgetRepository::open(**db);
  if (!repo.is_ok()) return status_response(repo.status());
  return fn(*repo);
}

ApiResponse list_budgets(ServerContext& ctx, RequestContext& req) {
  auto page = page_request(req);
  if (auto* e = std::get_if<ApiError>(&page)) return error_response(*e);
  return with_budgets(ctx, [&](analysis::BudgetRepository& repo) {
    auto budgets = repo.list();
    if (!budgets.is_ok()) return status_response(budgets.status());
    json all = json::array();
    for (const auto& b : *budgets) all.push_back(analysis::budget_to_json(b));
    json out = json::object();
    write_page(all, std::get<PageRequest>(page), "budgets", out);
    return json_response(out);
  });
}

ApiResponse create_budget(ServerContext& ctx, RequestContext& req) {
  auto parsed = budget_body(req.body);
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  auto budget = analysis::budget_from_json(std::get<json>(parsed));
  if (!budget.is_ok()) return status_response(budget.status());
  return with_budgets(ctx, [&](analysis::BudgetRepository& repo) {
    auto created = repo.create(*budget, server_now(ctx));
    if (!created.is_ok()) return status_response(created.status());
    return json_response(analysis::budget_to_json(*created), 201);
  });
}

ApiResponse get_budget(ServerContext& ctx, RequestContext& req) {
  auto id = id_param(req, "budget");
  if (auto* e = std::get_if<ApiError>(&id)) return error_response(*e);
  return with_budgets(ctx, [&](analysis::BudgetRepository& repo) {
    auto budget = repo.get(std::get<int64_t>(id));
    if (!budget.is_ok()) return status_response(budget.status());
    return json_response(analysis::budget_to_json(*budget));
  });
}

// PATCH: the members given replace the stored ones (a whole member at a time).
ApiResponse update_budget(ServerContext& ctx, RequestContext& req) {
  auto id = id_param(req, "budget");
  if (auto* e = std::get_if<ApiError>(&id)) return error_response(*e);
  auto parsed = budget_body(req.body);
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  return with_budgets(ctx, [&](analysis::BudgetRepository& repo) {
    auto existing = repo.get(std::get<int64_t>(id));
    if (!existing.is_ok()) return status_response(existing.status());
    json merged = analysis::budget_to_json(*existing);
    for (const auto& [key, value] : std::get<json>(parsed).items()) merged[key] = value;
    auto budget = analysis::budget_from_json(merged);
    if (!budget.is_ok()) return status_response(budget.status());
    budget->id = existing->id;
    auto updated = repo.update(*budget, server_now(ctx));
    if (!updated.is_ok()) return status_response(updated.status());
    return json_response(analysis::budget_to_json(*updated));
  });
}

ApiResponse delete_budget(ServerContext& ctx, RequestContext& req) {
  auto id = id_param(req, "budget");
  if (auto* e = std::get_if<ApiError>(&id)) return error_response(*e);
  return with_budgets(ctx, [&](analysis::BudgetRepository& repo) {
    const core::Status removed = repo.remove(std::get<int64_t>(id));
    if (!removed.is_ok()) return status_response(removed);
    ApiResponse r;
    r.status = 204;
    r.content_type.clear();
    return r;
  });
}

// GET …/status?as_of=&variance_periods=&variance_by=
ApiResponse budget_status(ServerContext& ctx, RequestContext& req) {
  auto id = id_param(req, "budget");
  if (auto* e = std::get_if<ApiError>(&id)) return error_response(*e);
  auto as_of = time_query_param(req, "as_of");
  if (auto* e = std::get_if<ApiError>(&as_of)) return error_response(*e);
  auto periods = int_query_param(req, "variance_periods", 0, 36);
  if (auto* e = std::get_if<ApiError>(&periods)) return error_response(*e);
  analysis::VarianceOptions variance_options;
  if (auto by = req.query_param("variance_by"); by && !by->empty()) {
    auto dimension = query::Dimension::parse(*by);
    if (!dimension.is_ok()) {
      return error_response(invalid_argument_error("variance_by: " + dimension.status().message()));
    }
    variance_options.dimension = *dimension;
  }
  const core::Timestamp now =
      std::get<std::optional<core::Timestamp>>(as_of).value_or(server_now(ctx));
  const int64_t variance_periods = std::get<std::optional<int64_t>>(periods).value_or(0);
  return with_budgets(ctx, [&](analysis::BudgetRepository& repo) {
    auto budget = repo.get(std::get<int64_t>(id));
    if (!budget.is_ok()) return status_response(budget.status());
    auto snapshot = ctx.store->snapshot();
    if (!snapshot.is_ok()) return status_response(snapshot.status());
    analysis::ForecastSpendProjector projector;
    auto status = analysis::compute_budget_status(*budget, **snapshot, now, projector);
    if (!status.is_ok()) return status_response(status.status());
    json out = analysis::budget_status_to_json(*status);
    if (variance_periods > 0) {
      variance_options.periods = static_cast<int>(variance_periods);
      auto variance = analysis::compute_budget_variance(*budget, **snapshot, now, variance_options);
      if (!variance.is_ok()) return status_response(variance.status());
      out["variance"] = analysis::budget_variance_to_json(*variance);
    }
    return json_response(out);
  });
}

json budget_schema() {
  return {{"type", "object"},
          {"required", {"name", "amount"}},
          {"additionalProperties", false},
          {"properties",
           {{"id", {{"type", "integer"}, {"readOnly", true}}},
            {"name", {{"type", "string"}}},
            {"period", {{"type", "string"}, {"enum", {"monthly", "quarterly", "annual"}}}},
            {"metric", {{"type", "string"}}},
            {"amount", {{"type", "string"}, {"description", "decimal"}}},
            {"scope", {{"type", "array"}, {"items", {{"type", "object"}}}}},
            {"period_amounts", {{"type", "array"}, {"items", {{"type", "object"}}}}},
            {"thresholds", {{"type", "array"}, {"items", {{"type", "object"}}}}},
            {"currency", {{"type", "string"}}}}}};
}

}  // namespace

void add_prediction_routes(RouteTable& table, ServerContext& context) {
  ServerContext* ctx = &context;
  table.add({http::verb::post, "/api/v1/forecasts", Role::kViewer,
             "Forecast a cost query (one metric by day|week|month|hour, ≤ 1 group_by): history, "
             "forecast points with 80% and 95% intervals, model and components; month_end: true "
             "adds the end-of-month projection (daily queries)",
             BodyKind::kJson,
             {{"type", "object"},
              {"required", {"query"}},
              {"additionalProperties", false},
              {"properties",
               {{"query", {{"type", "object"}, {"description", "docs/query-model.md"}}},
                {"horizon", {{"type", "integer"}, {"minimum", 1}, {"maximum", analysis::kMaxHorizon}}},
                {"month_end", {{"type", "boolean"}}},
                {"as_of", {{"type", "string"}}}}}},
             {{"type", "object"},
              {"properties",
               {{"currency", {{"type", "string"}}},
                {"granularity", {{"type", "string"}}},
                {"horizon", {{"type", "integer"}}},
                {"series",
                 {{"type", "array"},
                  {"items",
                   {{"type", "object"},
                    {"properties",
                     {{"key", {{"type", "string"}}},
                      {"model", {{"type", "string"}}},
                      {"history", {{"type", "array"}}},
                      {"forecast", {{"type", "array"}}},
                      {"components", {{"type", "object"}}}}}}}}},
                {"month_end", {{"type", "object"}}}}}},
             200, "application/json", [ctx](RequestContext& req) { return forecasts(*ctx, req); }});
  table.add({http::verb::get, "/api/v1/budgets", Role::kViewer, "Budgets (?limit=&cursor=)",
             BodyKind::kNone, nullptr,
             {{"type", "object"},
              {"properties",
               {{"budgets", {{"type", "array"}, {"items", budget_schema()}}},
                {"next_cursor", {{"type", "string"}}}}}},
             200, "application/json", [ctx](RequestContext& req) { return list_budgets(*ctx, req); }});
  table.add({http::verb::post, "/api/v1/budgets", Role::kEditor, "Create a budget",
             BodyKind::kJson, budget_schema(), budget_schema(), 201, "application/json",
             [ctx](RequestContext& req) { return create_budget(*ctx, req); }});
  table.add({http::verb::get, "/api/v1/budgets/{id}", Role::kViewer, "One budget", BodyKind::kNone,
             nullptr, budget_schema(), 200, "application/json",
             [ctx](RequestContext& req) { return get_budget(*ctx, req); }});
  table.add({http::verb::patch, "/api/v1/budgets/{id}", Role::kEditor,
             "Change a budget: the members given replace the stored ones", BodyKind::kJson,
             {{"type", "object"}, {"additionalProperties", false}, {"properties", budget_schema()["properties"]}},
             budget_schema(), 200, "application/json",
             [ctx](RequestContext& req) { return update_budget(*ctx, req); }});
  table.add({http::verb::delete_, "/api/v1/budgets/{id}", Role::kEditor, "Delete a budget",
             BodyKind::kNone, nullptr, nullptr, 204, "",
             [ctx](RequestContext& req) { return delete_budget(*ctx, req); }});
  table.add({http::verb::get, "/api/v1/budgets/{id}/status", Role::kViewer,
             "Where a budget stands in its current period: actual, projection with interval, "
             "percent used, thresholds crossed, breach date (?as_of=&variance_periods=&variance_by=)",
             BodyKind::kNone, nullptr,
             {{"type", "object"},
              {"properties",
               {{"budget_id", {{"type", "integer"}}},
                {"actual", {{"type", "string"}}},
                {"projected", {{"type", "string"}}},
                {"percent_used", {{"type", "string"}}},
                {"thresholds", {{"type", "array"}}},
                {"summary", {{"type", "string"}}},
                {"variance", {{"type", "array"}}}}}},
             200, "application/json", [ctx](RequestContext& req) { return budget_status(*ctx, req); }});
}

}  // namespace optima::server
