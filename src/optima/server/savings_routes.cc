// Routes: /api/v1/recommendations…, /api/v1/commitments…, /api/v1/inventory… (docs/api.md,
// "Prediction, savings and inventory"). Recommendations come from recommend::run_service over
// the server's data dir (latest inventory snapshot, billing store, price book, lifecycle).
#include <algorithm>

#include <fmt/format.h>

#include "optima/core/strings.h"
#include "optima/inventory/inventory_store.h"
#include "optima/pricing/price_book.h"
#include "optima/recommend/commitments/commitment_json.h"
#include "optima/recommend/commitments/commitment_metrics.h"
#include "optima/recommend/commitments/purchase_recommendation.h"
#include "optima/recommend/lifecycle_store.h"
#include "optima/recommend/recommend_service.h"
#include "optima/recommend/recommendation_json.h"
#include "optima/recommend/summary.h"
#include "optima/server/json_body.h"
#include "optima/server/pagination.h"
#include "optima/server/route_params.h"
#include "optima/server/route_binding.h"
#include "optima/server/routes.h"

namespace optima::server {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;

// Points of one evidence series sent for the chart at most (longer series are thinned evenly).
constexpr size_t kMaxChartPoints = 2000;

std::variant<recommend::ServiceOptions, ApiError> service_options(const ServerContext& ctx,
                                                                  const RequestContext& req) {
  recommend::ServiceOptions o;
  o.data_dir = ctx.options.data_dir;
  if (auto profile = req.query_param("profile"); profile && !profile->empty()) {
    // Bundled profiles only: a file name would read the server's file system.
    if (*profile != "aws-like" && *profile != "azure-like" && *profile != "gcp-like") {
      return invalid_argument_error(fmt::format(
          "profile: expected aws-like, azure-like or gcp-like; found \"{}\"", *profile));
    }
    o.profile = *profile;
  }
  if (auto category = req.query_param("category"); category && !category->empty()) {
    auto c = recommend::parse_category(*category);
    if (!c) {
      return invalid_argument_error(fmt::format(
          "category: expected compute, storage, network, database, commitment, licensing or "
          "schedule; found \"{}\"",
          *category));
    }
    o.category = *c;
  }
  return o;
}

// The status filter: "active" (default: open and accepted), "all", or one status name.
std::variant<std::function<bool(const recommend::Recommendation&)>, ApiError> status_filter(
    const RequestContext& req) {
  const std::string status = req.query_param("status").value_or("");
  if (status.empty() || status == "active") {
    return std::function<bool(const recommend::Recommendation&)>(
        [](const recommend::Recommendation& r) { return recommend::is_active(r); });
  }
  if (status == "all") {
    return std::function<bool(const recommend::Recommendation&)>(
        [](const recommend::Recommendation&) { return true; });
  }
  auto s = recommend::parse_status(status);
  if (!s) {
    return invalid_argument_error(fmt::format(
        "status: expected active, all, open, accepted, dismissed, snoozed, implemented or "
        "verified; found \"{}\"",
        status));
  }
  return std::function<bool(const recommend::Recommendation&)>(
      [want = *s](const recommend::Recommendation& r) { return r.status == want; });
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string recommendations_csv(const std::vector<recommend::Recommendation>& items) {
  std::string out =
      "id,recommender,category,provider,account_id,team,resource_id,resource_type,action,"
      "monthly_savings,confidence,risk,effort,status,formula\n";
  for (const auto& r : items) {
    auto team = r.tags.find("team");
    out += core::join({r.id, r.recommender, std::string(recommend::category_name(r.category)),
                       csv_cell(r.provider), csv_cell(r.account_id),
                       csv_cell(team == r.tags.end() ? std::string() : team->second),
                       csv_cell(r.resource_id), csv_cell(r.resource_type), csv_cell(r.action),
                       r.savings.monthly.to_fixed(2), fmt::format("{:.2f}", r.confidence),
                       std::string(recommend::level_name(r.risk)),
                       std::string(recommend::level_name(r.effort)),
                       std::string(recommend::status_name(r.status)), csv_cell(r.savings.formula)},
                      ",");
    out += "\n";
  }
  return out;
}

ApiResponse list_recommendations(ServerContext& ctx, RequestContext& req) {
  const std::string format = req.query_param("format").value_or("json");
  if (format != "json" && format != "csv") {
    return error_response(invalid_argument_error("format: expected json or csv"));
  }
  auto options = service_options(ctx, req);
  if (auto* e = std::get_if<ApiError>(&options)) return error_response(*e);
  auto filter = status_filter(req);
  if (auto* e = std::get_if<ApiError>(&filter)) return error_response(*e);
  auto page = page_request(req);
  if (auto* e = std::get_if<ApiError>(&page)) return error_response(*e);
  const std::string account = req.query_param("account").value_or("");
  const std::string team = req.query_param("team").value_or("");
  auto result = recommend::run_service(std::get<recommend::ServiceOptions>(options));
  if (!result.is_ok()) return status_response(result.status());
  const auto& keep = std::get<std::function<bool(const recommend::Recommendation&)>>(filter);
  std::vector<recommend::Recommendation> shown;
  for (const auto& r : result->run.recommendations) {
    if (!account.empty() && r.account_id != account) continue;
    if (!team.empty()) {
      auto t = r.tags.find("team");
      if (t == r.tags.end() || t->second != team) continue;
    }
    if (keep(r)) shown.push_back(r);
  }
  if (format == "csv") {
    ApiResponse r;
    r.content_type = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"recommendations.csv\"");
    r.body = recommendations_csv(shown);
    return r;
  }
  const recommend::SavingsSummary summary = recommend::summarize(shown);
  json out = json(recommend::to_json(summary, {}));
  json all = json::array();
  for (const auto& r : shown) all.push_back(json(recommend::to_json(r)));
  out.erase("items");
  out["profile"] = result->profile.name;
  out["inventory"] = result->inventory_source;
  out["billing_window"] = {{"start", core::format_iso8601(result->billing_window.start)},
                           {"end", core::format_iso8601(result->billing_window.end)}};
  json page_out = json::object();
  write_page(all, std::get<PageRequest>(page), "items", page_out);
  for (auto& [k, v] : page_out.items()) out[k] = v;
  return json_response(out);
}

// The resource's utilization series of the latest inventory snapshot, thinned for a chart.
core::Result<json> evidence_series(const ServerContext& ctx, const std::string& resource_id) {
  OPTIMA_ASSIGN_OR_RETURN(auto inventory, inventory::InventoryStore::open(ctx.options.data_dir));
  OPTIMA_ASSIGN_OR_RETURN(auto latest, inventory->latest_snapshot());
  json out = json::array();
  if (!latest) return out;
  OPTIMA_ASSIGN_OR_RETURN(auto series, inventory->series_for(latest->id, resource_id));
  for (const inventory::MetricSeries& s : series) {
    const size_t stride = std::max<size_t>(1, (s.samples.size() + kMaxChartPoints - 1) / kMaxChartPoints);
    json points = json::array();
    for (size_t i = 0; i < s.samples.size(); i += stride) {
      points.push_back({core::format_iso8601(s.samples[i].time), s.samples[i].value});
    }
    out.push_back({{"metric", s.metric},
                   {"statistic", s.statistic},
                   {"step_seconds", s.step_seconds * static_cast<int64_t>(stride)},
                   {"points", std::move(points)}});
  }
  return out;
}

ApiResponse get_recommendation(ServerContext& ctx, RequestContext& req) {
  auto options = service_options(ctx, req);
  if (auto* e = std::get_if<ApiError>(&options)) return error_response(*e);
  auto result = recommend::run_service(std::get<recommend::ServiceOptions>(options));
  if (!result.is_ok()) return status_response(result.status());
  const std::string& id = req.params["id"];
  const auto* rec = recommend::find_recommendation(result->run.recommendations, id);
  if (rec == nullptr) {
    return error_response(not_found_error(fmt::format("no recommendation with id \"{}\"", id)));
  }
  json out = json(recommend::to_json(*rec, recommend::JsonDetail::kFull));
  auto series = evidence_series(ctx, rec->resource_id);
  if (!series.is_ok()) return status_response(series.status());
  out["evidence_series"] = std::move(*series);
  return json_response(out);
}

ApiResponse recommendation_action(ServerContext& ctx, RequestContext& req) {
  auto parsed = parse_json_object(req.body, {"action", "reason", "until"});
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  const json& body = std::get<json>(parsed);
  auto action_name = optional_string_field(body, "action");
  if (auto* e = std::get_if<ApiError>(&action_name)) return error_response(*e);
  const auto& name = std::get<std::optional<std::string>>(action_name);
  auto action = name ? recommend::parse_action(*name) : std::nullopt;
  if (!action) {
    return error_response(
        invalid_argument_error("action: expected accept, dismiss, snooze or implemented"));
  }
  auto reason = optional_string_field(body, "reason");
  if (auto* e = std::get_if<ApiError>(&reason)) return error_response(*e);
  auto until_text = optional_string_field(body, "until");
  if (auto* e = std::get_if<ApiError>(&until_text)) return error_response(*e);
  std::optional<core::Timestamp> until;
  if (const auto& u = std::get<std::optional<std::string>>(until_text)) {
    core::Timestamp t;
    if (!core::parse_timestamp(*u, &t)) {
      return error_response(invalid_argument_error("until: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"));
    }
    until = t;
  }
  // Same options as the list (its "now" is the inventory snapshot's time), so the id resolves
  // to the item the caller saw; the lifecycle records the system time.
  auto options = service_options(ctx, req);
  if (auto* e = std::get_if<ApiError>(&options)) return error_response(*e);
  auto rec = recommend::act_on(std::get<recommend::ServiceOptions>(options), req.params["id"], *action,
                               std::get<std::optional<std::string>>(reason).value_or(""), until);
  if (!rec.is_ok()) return status_response(rec.status());
  return json_response(json(recommend::to_json(*rec)));
}

// ---- commitments ----

// ?start=&end= (default: the last 30 days of billing data); monthly figures over the window.
ApiResponse commitments(ServerContext& ctx, RequestContext& req) {
  auto start = time_query_param(req, "start");
  if (auto* e = std::get_if<ApiError>(&start)) return error_response(*e);
  auto end = time_query_param(req, "end");
  if (auto* e = std::get_if<ApiError>(&end)) return error_response(*e);
  const auto& from = std::get<std::optional<core::Timestamp>>(start);
  const auto& to = std::get<std::optional<core::Timestamp>>(end);
  if (from.has_value() != to.has_value()) {
    return error_response(invalid_argument_error("start and end go together"));
  }
  auto snapshot = ctx.store->snapshot();
  if (!snapshot.is_ok()) return status_response(snapshot.status());
  core::Period window;
  if (from) {
    if (!(*from < *to)) return error_response(invalid_argument_error("start must be before end"));
    window = {*from, *to};
  } else {
    const auto span = recommend::data_span(**snapshot);
    const auto last = recommend::billed_days_end(**snapshot);
    if (!span || !last) return json_response({{"window", nullptr}, {"providers", json::array()}, {"monthly", json::array()}});
    window = {std::max(span->start, core::Timestamp{last->unix_seconds - 30 * 86400}), *last};
  }
  auto whole = recommend::compute_commitment_metrics(**snapshot, window);
  if (!whole.is_ok()) return status_response(whole.status());
  auto monthly = recommend::compute_commitment_metrics(**snapshot, window,
                                                       recommend::MetricsGranularity::kMonth);
  if (!monthly.is_ok()) return status_response(monthly.status());
  json providers = json::array();
  for (const auto& m : *whole) providers.push_back(recommend::commitment_metrics_json(m));
  json months = json::array();
  for (const auto& m : *monthly) months.push_back(recommend::commitment_metrics_json(m));
  return json_response({{"window",
                         {{"start", core::format_iso8601(window.start)},
                          {"end", core::format_iso8601(window.end)}}},
                        {"providers", std::move(providers)},
                        {"monthly", std::move(months)}});
}

// ?lookback=1..366 days (default 30) &term=1y|3y &payment=no-upfront|partial-upfront|all-upfront:
// the spend-based commitment (Savings Plan, savings plan, CUD) and reserved-instance purchases
// simulated over the last `lookback` billed days.
ApiResponse commitment_purchases(ServerContext& ctx, RequestContext& req) {
  auto lookback = int_query_param(req, "lookback", 1, 366);
  if (auto* e = std::get_if<ApiError>(&lookback)) return error_response(*e);
  recommend::PurchaseOptions options;
  options.lookback_days = static_cast<int>(std::get<std::optional<int64_t>>(lookback).value_or(30));
  if (auto term = req.query_param("term"); term && !term->empty()) {
    auto parsed = pricing::parse_term(*term);
    if (!parsed.is_ok()) return status_response(parsed.status());
    options.term = *parsed;
  }
  if (auto payment = req.query_param("payment"); payment && !payment->empty()) {
    auto parsed = pricing::parse_payment(*payment);
    if (!parsed.is_ok()) return status_response(parsed.status());
    options.payment = *parsed;
  }
  auto snapshot = ctx.store->snapshot();
  if (!snapshot.is_ok()) return status_response(snapshot.status());
  const auto end = recommend::billed_days_end(**snapshot);
  if (!end) return status_response(core::not_found("there is no billing data yet"));
  auto book = pricing::PriceBook::load_bundled();
  if (!book.is_ok()) return status_response(book.status());
  auto plan = recommend::recommend_commitment_purchases(**snapshot, *book, *end, options);
  if (!plan.is_ok()) return status_response(plan.status());
  json out = recommend::commitment_plan_json(*plan);
  out["term"] = std::string(pricing::term_name(options.term));
  out["payment"] = std::string(pricing::payment_name(options.payment));
  return json_response(std::move(out));
}

// ---- inventory ----

json resource_json(const inventory::Resource& r) {
  return {{"resource_id", r.resource_id},
          {"native_id", r.native_id},
          {"name", r.name},
          {"provider", r.provider},
          {"kind", std::string(inventory::resource_kind_name(r.kind))},
          {"account_id", r.account_id},
          {"region", r.region},
          {"zone", r.zone},
          {"type", r.type},
          {"state", r.state},
          {"created_at", r.created_at ? json(core::format_iso8601(*r.created_at)) : json(nullptr)},
          {"tags", r.tags},
          {"attributes", r.attributes}};
}

ApiResponse list_inventory(ServerContext& ctx, RequestContext& req) {
  auto page = page_request(req);
  if (auto* e = std::get_if<ApiError>(&page)) return error_response(*e);
  inventory::ResourceFilter filter;
  filter.provider = req.query_param("provider").value_or("");
  if (auto kind = req.query_param("kind"); kind && !kind->empty()) {
    filter.kind = inventory::parse_resource_kind(*kind);
    if (!filter.kind) {
      return error_response(invalid_argument_error(fmt::format("kind: unknown resource kind \"{}\"", *kind)));
    }
  }
  const std::string search = core::to_lower_ascii(req.query_param("search").value_or(""));
  auto inventory = inventory::InventoryStore::open(ctx.options.data_dir);
  if (!inventory.is_ok()) return status_response(inventory.status());
  auto latest = (*inventory)->latest_snapshot();
  if (!latest.is_ok()) return status_response(latest.status());
  json out = {{"snapshot", nullptr}};
  json all = json::array();
  if (*latest) {
    const inventory::SnapshotInfo& info = **latest;
    out["snapshot"] = {{"id", info.id},
                       {"taken_at", core::format_iso8601(info.taken_at)},
                       {"ingested_at", core::format_iso8601(info.ingested_at)},
                       {"resources", info.resource_count}};
    auto resources = (*inventory)->resources(info.id, filter);
    if (!resources.is_ok()) return status_response(resources.status());
    for (const auto& r : *resources) {
      if (!search.empty() && core::to_lower_ascii(r.resource_id).find(search) == std::string::npos &&
          core::to_lower_ascii(r.name).find(search) == std::string::npos) {
        continue;
      }
      all.push_back(resource_json(r));
    }
  }
  out["matched"] = all.size();
  write_page(all, std::get<PageRequest>(page), "resources", out);
  return json_response(out);
}

ApiResponse inventory_metrics(ServerContext& ctx, RequestContext& req) {
  const std::string& id = req.params["resource_id"];
  auto inventory = inventory::InventoryStore::open(ctx.options.data_dir);
  if (!inventory.is_ok()) return status_response(inventory.status());
  auto latest = (*inventory)->latest_snapshot();
  if (!latest.is_ok()) return status_response(latest.status());
  if (!*latest) return error_response(not_found_error("no inventory snapshot yet"));
  inventory::ResourceFilter filter;
  filter.resource_ids = {id};
  auto resources = (*inventory)->resources((*latest)->id, filter);
  if (!resources.is_ok()) return status_response(resources.status());
  if (resources->empty()) {
    return error_response(not_found_error(fmt::format("no resource \"{}\" in the latest inventory", id)));
  }
  auto series = evidence_series(ctx, id);
  if (!series.is_ok()) return status_response(series.status());
  return json_response({{"resource", resource_json(resources->front())}, {"series", std::move(*series)}});
}

}  // namespace

void add_savings_routes(RouteTable& table, ServerContext& context) {
  json list = list_schema("items");
  list["properties"]["currency"] = {{"type", "string"}};
  list["properties"]["total_monthly_savings"] = {{"type", "string"}};
  list["properties"]["by_category"] = {{"type", "array"}};
  list["properties"]["by_account"] = {{"type", "array"}};
  list["properties"]["by_team"] = {{"type", "array"}};
  table.add({http::verb::get, "/api/v1/recommendations", Role::kViewer,
             "Savings recommendations with totals by category, account and team "
             "(?category=&account=&team=&status=active|all|<status>&profile=&limit=&cursor=; "
             "?format=csv for a download)",
             BodyKind::kNone, nullptr, list, 200, "application/json", bind_route(context, list_recommendations)});
  table.add({http::verb::get, "/api/v1/recommendations/{id}", Role::kViewer,
             "One recommendation: evidence statistics and heatmap, evidence_series for the chart, "
             "savings formula with each rate's source, confidence, risk, effort, alternatives",
             BodyKind::kNone, nullptr, {{"type", "object"}}, 200, "application/json",
             bind_route(context, get_recommendation)});
  table.add({http::verb::post, "/api/v1/recommendations/{id}/actions", Role::kEditor,
             "Move a recommendation through its lifecycle: accept, dismiss, snooze (until), "
             "implemented",
             BodyKind::kJson,
             {{"type", "object"},
              {"required", {"action"}},
              {"additionalProperties", false},
              {"properties",
               {{"action", {{"type", "string"}, {"enum", {"accept", "dismiss", "snooze", "implemented"}}}},
                {"reason", {{"type", "string"}}},
                {"until", {{"type", "string"}}}}}},
             {{"type", "object"}}, 200, "application/json", bind_route(context, recommendation_action)});
  table.add({http::verb::get, "/api/v1/commitments", Role::kViewer,
             "Commitment coverage, utilization and effective savings rate per provider, for the "
             "window and by month (?start=&end=; default the last 30 days of data)",
             BodyKind::kNone, nullptr,
             {{"type", "object"},
              {"properties",
               {{"window", {{"type", {"object", "null"}}}},
                {"providers", {{"type", "array"}}},
                {"monthly", {{"type", "array"}}}}}},
             200, "application/json", bind_route(context, commitments)});
  table.add({http::verb::get, "/api/v1/commitments/purchases", Role::kViewer,
             "Commitment purchase recommendations simulated over hourly on-demand-equivalent "
             "usage: hourly commitment, expected utilization, coverage before and after, "
             "break-even month, monthly / yearly / term savings, the simulated levels, and "
             "reserved-instance alternatives (?lookback=30&term=1y|3y&payment=no-upfront)",
             BodyKind::kNone, nullptr,
             {{"type", "object"},
              {"properties",
               {{"lookback_start", {{"type", "string"}}},
                {"lookback_end", {{"type", "string"}}},
                {"term", {{"type", "string"}}},
                {"payment", {{"type", "string"}}},
                {"recommendations", {{"type", "array"}}},
                {"reservations", {{"type", "array"}}},
                {"notes", {{"type", "array"}}}}}},
             200, "application/json", bind_route(context, commitment_purchases)});
  table.add({http::verb::get, "/api/v1/inventory", Role::kViewer,
             "Resources of the latest inventory snapshot (?provider=&kind=&search=&limit=&cursor=)",
             BodyKind::kNone, nullptr, list_schema("resources"), 200, "application/json",
             bind_route(context, list_inventory)});
  table.add({http::verb::get, "/api/v1/inventory/{resource_id}/metrics", Role::kViewer,
             "A resource of the latest inventory snapshot with its utilization series",
             BodyKind::kNone, nullptr,
             {{"type", "object"},
              {"properties", {{"resource", {{"type", "object"}}}, {"series", {{"type", "array"}}}}}},
             200, "application/json", bind_route(context, inventory_metrics)});
}

}  // namespace optima::server
