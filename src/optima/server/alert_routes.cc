// Routes: /api/v1/alert-rules…, /api/v1/channels…, /api/v1/deliveries and /api/v1/alerts/run
// (docs/api.md, "Prediction, savings and inventory"). Channel secrets are write-only: responses
// carry channel_to_json(), which shows only whether a secret is set.
#include <fmt/format.h>

#include "optima/analysis/anomaly/anomaly_store.h"
#include "optima/analysis/budget/budget_repository.h"
#include "optima/analysis/budget/forecast_spend_projector.h"
#include "optima/notify/alert_repository.h"
#include "optima/notify/alert_rule.h"
#include "optima/notify/alert_runner.h"
#include "optima/notify/channel.h"
#include "optima/notify/delivery.h"
#include "optima/server/json_body.h"
#include "optima/server/pagination.h"
#include "optima/server/route_params.h"
#include "optima/server/route_binding.h"
#include "optima/server/routes.h"

namespace optima::server {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;

// The members of an alert rule and of a channel (alert_rule.h, channel.h).
const std::vector<std::string_view>& rule_fields() {
  static const std::vector<std::string_view> fields = {
      "name",       "type",  "channels", "enabled", "budget_id", "basis",       "percent",
      "min_severity", "min_impact", "scope", "period", "metric", "currency", "amount",
      "window_days", "absolute", "direction"};
  return fields;
}
const std::vector<std::string_view>& channel_fields() {
  static const std::vector<std::string_view> fields = {"name",   "kind", "enabled", "url",
                                                       "secret", "smtp", "from",    "to"};
  return fields;
}

ApiResponse with_alerts(ServerContext& ctx,
                        const std::function<ApiResponse(store::SqliteDatabase&, notify::AlertRepository&)>& fn) {
  auto db = open_request_state(ctx);
  if (!db.is_ok()) return status_response(db.status());
  auto repo = notify::AlertRepository::open(**db);
  if (!repo.is_ok()) return status_response(repo.status());
  return fn(**db, *repo);
}

ApiResponse no_content() {
  ApiResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

ApiResponse list_rules(ServerContext& ctx, RequestContext& req) {
  auto page = page_request(req);
  if (auto* e = std::get_if<ApiError>(&page)) return error_response(*e);
  return with_alerts(ctx, [&](store::SqliteDatabase&, notify::AlertRepository& repo) {
    auto rules = repo.list_rules();
    if (!rules.is_ok()) return status_response(rules.status());
    json all = json::array();
    for (const auto& r : *rules) all.push_back(notify::alert_rule_to_json(r));
    json out = json::object();
    write_page(all, std::get<PageRequest>(page), "rules", out);
    return json_response(out);
  });
}

ApiResponse create_rule(ServerContext& ctx, RequestContext& req) {
  auto parsed = parse_json_object(req.body, rule_fields());
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  auto rule = notify::alert_rule_from_json(std::get<json>(parsed));
  if (!rule.is_ok()) return status_response(rule.status());
  return with_alerts(ctx, [&](store::SqliteDatabase&, notify::AlertRepository& repo) {
    auto created = repo.create_rule(*rule, server_now(ctx));
    if (!created.is_ok()) return status_response(created.status());
    return json_response(notify::alert_rule_to_json(*created), 201);
  });
}

ApiResponse get_rule(ServerContext& ctx, RequestContext& req) {
  auto id = id_param(req, "alert rule");
  if (auto* e = std::get_if<ApiError>(&id)) return error_response(*e);
  return with_alerts(ctx, [&](store::SqliteDatabase&, notify::AlertRepository& repo) {
    auto rule = repo.get_rule(std::get<int64_t>(id));
    if (!rule.is_ok()) return status_response(rule.status());
    return json_response(notify::alert_rule_to_json(*rule));
  });
}

// PATCH: the members given replace the stored ones.
ApiResponse update_rule(ServerContext& ctx, RequestContext& req) {
  auto id = id_param(req, "alert rule");
  if (auto* e = std::get_if<ApiError>(&id)) return error_response(*e);
  auto parsed = parse_json_object(req.body, rule_fields());
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  return with_alerts(ctx, [&](store::SqliteDatabase&, notify::AlertRepository& repo) {
    auto existing = repo.get_rule(std::get<int64_t>(id));
    if (!existing.is_ok()) return status_response(existing.status());
    json merged = notify::alert_rule_to_json(*existing);
    merged.erase("id");
    for (const auto& [key, value] : std::get<json>(parsed).items()) merged[key] = value;
    auto rule = notify::alert_rule_from_json(merged);
    if (!rule.is_ok()) return status_response(rule.status());
    rule->id = existing->id;
    auto updated = repo.update_rule(*rule, server_now(ctx));
    if (!updated.is_ok()) return status_response(updated.status());
    return json_response(notify::alert_rule_to_json(*updated));
  });
}

ApiResponse delete_rule(ServerContext& ctx, RequestContext& req) {
  auto id = id_param(req, "alert rule");
  if (auto* e = std::get_if<ApiError>(&id)) return error_response(*e);
  return with_alerts(ctx, [&](store::SqliteDatabase&, notify::AlertRepository& repo) {
    const core::Status removed = repo.remove_rule(std::get<int64_t>(id));
    if (!removed.is_ok()) return status_response(removed);
    return no_content();
  });
}

ApiResponse list_channels(ServerContext& ctx, RequestContext& req) {
  auto page = page_request(req);
  if (auto* e = std::get_if<ApiError>(&page)) return error_response(*e);
  return with_alerts(ctx, [&](store::SqliteDatabase&, notify::AlertRepository& repo) {
    auto channels = repo.list_channels();
    if (!channels.is_ok()) return status_response(channels.status());
    json all = json::array();
    for (const auto& c : *channels) all.push_back(notify::channel_to_json(c));
    json out = json::object();
    write_page(all, std::get<PageRequest>(page), "channels", out);
    return json_response(out);
  });
}

ApiResponse create_channel(ServerContext& ctx, RequestContext& req) {
  auto parsed = parse_json_object(req.body, channel_fields());
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  auto channel = notify::channel_from_json(std::get<json>(parsed));
  if (!channel.is_ok()) return status_response(channel.status());
  return with_alerts(ctx, [&](store::SqliteDatabase&, notify::AlertRepository& repo) {
    auto created = repo.create_channel(*channel, server_now(ctx));
    if (!created.is_ok()) return status_response(created.status());
    return json_response(notify::channel_to_json(*created), 201);
  });
}

ApiResponse delete_channel(ServerContext& ctx, RequestContext& req) {
  auto id = id_param(req, "channel");
  if (auto* e = std::get_if<ApiError>(&id)) return error_response(*e);
  return with_alerts(ctx, [&](store::SqliteDatabase&, notify::AlertRepository& repo) {
    const core::Status removed = repo.remove_channel(std::get<int64_t>(id));
    if (!removed.is_ok()) return status_response(removed);
    return no_content();
  });
}

// Newest first. The cursor is the offset into that order.
ApiResponse list_deliveries(ServerContext& ctx, RequestContext& req) {
  auto page_or = page_request(req);
  if (auto* e = std::get_if<ApiError>(&page_or)) return error_response(*e);
  const PageRequest page = std::get<PageRequest>(page_or);
  return with_alerts(ctx, [&](store::SqliteDatabase&, notify::AlertRepository& repo) {
    auto deliveries = repo.list_deliveries(page.offset + page.limit + 1);
    if (!deliveries.is_ok()) return status_response(deliveries.status());
    json all = json::array();
    for (const auto& d : *deliveries) all.push_back(notify::delivery_to_json(d));
    json out = json::object();
    write_page(all, page, "deliveries", out);
    return json_response(out);
  });
}

notify::AnomalySeverity event_severity(analysis::Severity severity) {
  switch (severity) {
    case analysis::Severity::kLow: return notify::AnomalySeverity::kLow;
    case analysis::Severity::kMedium: return notify::AnomalySeverity::kMedium;
    case analysis::Severity::kHigh: return notify::AnomalySeverity::kHigh;
    case analysis::Severity::kCritical: return notify::AnomalySeverity::kCritical;
  }
  return notify::AnomalySeverity::kMedium;
}

// The stored anomalies anomaly rules look at: open and unexpected ones (not those marked
// expected or suppressed by such a verdict).
core::Result<std::vector<notify::AnomalyEvent>> anomaly_events(const ServerContext& ctx) {
  OPTIMA_ASSIGN_OR_RETURN(auto store, analysis::AnomalyStore::open(ctx.options.data_dir / "state.db", ctx.clock));
  std::vector<notify::AnomalyEvent> events;
  for (const char* status : {"open", "unexpected"}) {
    OPTIMA_ASSIGN_OR_RETURN(auto stored, store->list(status));
    for (const analysis::StoredAnomaly& s : stored) {
      events.push_back({s.anomaly.series_key(), s.anomaly.start, s.anomaly.impact, s.anomaly.currency,
                        event_severity(s.anomaly.severity), s.anomaly.summary});
    }
  }
  return events;
}

// Evaluates every enabled rule now (anomaly rules over the stored open and unexpected
// anomalies) and delivers what they raise.
ApiResponse run_alerts_now(ServerContext& ctx) {
  return with_alerts(ctx, [&](store::SqliteDatabase& db, notify::AlertRepository& repo) {
    auto budgets = analysis::BudgetRepository::open(db);
    if (!budgets.is_ok()) return status_response(budgets.status());
    auto snapshot = ctx.store->snapshot();
    if (!snapshot.is_ok()) return status_response(snapshot.status());
    auto anomalies = anomaly_events(ctx);
    if (!anomalies.is_ok()) return status_response(anomalies.status());
    notify::DeliveryOptions options;
    options.clock = [&ctx] { return server_now(ctx); };
    notify::Deliverer deliverer(std::move(options));
    analysis::ForecastSpendProjector projector;
    auto report = notify::run_alerts(repo, *budgets, **snapshot, *anomalies, projector, deliverer);
    if (!report.is_ok()) return status_response(report.status());
    return json_response(notify::alert_run_report_to_json(*report));
  });
}

json object_schema(const std::vector<std::string_view>& fields) {
  json properties = json::object();
  for (std::string_view f : fields) properties[std::string(f)] = json::object();
  return {{"type", "object"}, {"additionalProperties", false}, {"properties", properties}};
}

}  // namespace

void add_alert_routes(RouteTable& table, ServerContext& context) {
  ServerContext* ctx = &context;
  const json rule = object_schema(rule_fields());
  const json channel = object_schema(channel_fields());
  table.add({http::verb::get, "/api/v1/alert-rules", Role::kViewer, "Alert rules (?limit=&cursor=)",
             BodyKind::kNone, nullptr, list_schema("rules"), 200, "application/json",
             bind_route(context, list_rules)});
  table.add({http::verb::post, "/api/v1/alert-rules", Role::kEditor,
             "Create an alert rule: budget_threshold, anomaly, forecast or spend_change",
             BodyKind::kJson, rule, {{"type", "object"}}, 201, "application/json",
             bind_route(context, create_rule)});
  table.add({http::verb::get, "/api/v1/alert-rules/{id}", Role::kViewer, "One alert rule",
             BodyKind::kNone, nullptr, {{"type", "object"}}, 200, "application/json",
             bind_route(context, get_rule)});
  table.add({http::verb::patch, "/api/v1/alert-rules/{id}", Role::kEditor,
             "Change an alert rule: the members given replace the stored ones", BodyKind::kJson,
             rule, {{"type", "object"}}, 200, "application/json", bind_route(context, update_rule)});
  table.add({http::verb::delete_, "/api/v1/alert-rules/{id}", Role::kEditor,
             "Delete an alert rule", BodyKind::kNone, nullptr, nullptr, 204, "",
             bind_route(context, delete_rule)});
  table.add({http::verb::get, "/api/v1/channels", Role::kViewer,
             "Notification channels, secrets redacted (?limit=&cursor=)", BodyKind::kNone, nullptr,
             list_schema("channels"), 200, "application/json", bind_route(context, list_channels)});
  table.add({http::verb::post, "/api/v1/channels", Role::kEditor,
             "Create a channel: webhook (HMAC-signed), slack, teams or email; secrets are "
             "write-only",
             BodyKind::kJson, channel, {{"type", "object"}}, 201, "application/json",
             bind_route(context, create_channel)});
  table.add({http::verb::delete_, "/api/v1/channels/{id}", Role::kEditor, "Delete a channel",
             BodyKind::kNone, nullptr, nullptr, 204, "", bind_route(context, delete_channel)});
  table.add({http::verb::get, "/api/v1/deliveries", Role::kViewer,
             "The delivery log, newest first (?limit=&cursor=)", BodyKind::kNone, nullptr,
             list_schema("deliveries"), 200, "application/json", bind_route(context, list_deliveries)});
  table.add({http::verb::post, "/api/v1/alerts/run", Role::kEditor,
             "Evaluate every enabled alert rule now and deliver what they raise", BodyKind::kNone,
             nullptr,
             {{"type", "object"},
              {"properties",
               {{"rules", {{"type", "integer"}}},
                {"notifications", {{"type", "integer"}}},
                {"delivered", {{"type", "integer"}}},
                {"failed", {{"type", "integer"}}},
                {"deliveries", {{"type", "array"}}}}}},
             200, "application/json", [ctx](RequestContext&) { return run_alerts_now(*ctx); }});
}

}  // namespace optima::server
