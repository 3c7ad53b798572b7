// Routes: /api/v1/anomalies… (docs/api.md, "Anomalies"): stored anomalies with their status and
// feedback, one anomaly, feedback (expected / unexpected, which suppresses similar later ones),
// and a scan of the current snapshot that records what it finds.
#include <fmt/format.h>

#include "optima/analysis/anomaly/anomaly_json.h"
#include "optima/analysis/anomaly/anomaly_scan.h"
#include "optima/analysis/anomaly/anomaly_store.h"
#include "optima/server/json_body.h"
#include "optima/server/pagination.h"
#include "optima/server/route_params.h"
#include "optima/server/route_binding.h"
#include "optima/server/routes.h"

namespace optima::server {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;

// Anomalies listed at most (newest start first; pages are cut from these).
constexpr size_t kMaxListed = 10000;

core::Result<std::unique_ptr<analysis::AnomalyStore>> open_anomalies(const ServerContext& ctx) {
  return analysis::AnomalyStore::open(ctx.options.data_dir / "state.db", ctx.clock);
}

json stored_json(const analysis::StoredAnomaly& s) {
  json out = analysis::anomaly_to_json(s.anomaly);
  out["status"] = s.status();
  out["verdict"] = s.verdict ? json(std::string(analysis::verdict_name(*s.verdict))) : json(nullptr);
  out["note"] = s.note;
  out["first_seen"] = core::format_iso8601(core::Timestamp{s.first_seen});
  out["last_seen"] = core::format_iso8601(core::Timestamp{s.last_seen});
  return out;
}

ApiResponse list_anomalies(ServerContext& ctx, RequestContext& req) {
  auto page = page_request(req);
  if (auto* e = std::get_if<ApiError>(&page)) return error_response(*e);
  const std::string status = req.query_param("status").value_or("");
  if (!status.empty() && status != "open" && status != "expected" && status != "unexpected" &&
      status != "suppressed") {
    return error_response(invalid_argument_error(fmt::format(
        "status: expected open, expected, unexpected or suppressed; found \"{}\"", status)));
  }
  auto store = open_anomalies(ctx);
  if (!store.is_ok()) return status_response(store.status());
  auto anomalies = (*store)->list(status, kMaxListed);
  if (!anomalies.is_ok()) return status_response(anomalies.status());
  json all = json::array();
  for (const auto& a : *anomalies) all.push_back(stored_json(a));
  json out = {{"matched", all.size()}};
  write_page(all, std::get<PageRequest>(page), "anomalies", out);
  return json_response(out);
}

ApiResponse get_anomaly(ServerContext& ctx, RequestContext& req) {
  auto store = open_anomalies(ctx);
  if (!store.is_ok()) return status_response(store.status());
  auto anomaly = (*store)->get(req.params["id"]);
  if (!anomaly.is_ok()) return status_response(anomaly.status());
  return json_response(stored_json(*anomaly));
}

ApiResponse anomaly_feedback(ServerContext& ctx, RequestContext& req) {
  auto parsed = parse_json_object(req.body, {"verdict", "note"});
  if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
  const json& body = std::get<json>(parsed);
  auto verdict_text = optional_string_field(body, "verdict");
  if (auto* e = std::get_if<ApiError>(&verdict_text)) return error_response(*e);
  const auto& v = std::get<std::optional<std::string>>(verdict_text);
  if (!v || (*v != "expected" && *v != "unexpected")) {
    return error_response(invalid_argument_error("verdict: expected \"expected\" or \"unexpected\""));
  }
  auto note = optional_string_field(body, "note");
  if (auto* e = std::get_if<ApiError>(&note)) return error_response(*e);
  auto store = open_anomalies(ctx);
  if (!store.is_ok()) return status_response(store.status());
  const core::Status set = (*store)->set_feedback(
      req.params["id"], *v == "expected" ? analysis::Verdict::kExpected : analysis::Verdict::kUnexpected,
      std::get<std::optional<std::string>>(note).value_or(""));
  if (!set.is_ok()) return status_response(set);
  auto anomaly = (*store)->get(req.params["id"]);
  if (!anomaly.is_ok()) return status_response(anomaly.status());
  return json_response(stored_json(*anomaly));
}

// Body (optional members): {"granularity":"day|hour","start","end"}.
ApiResponse scan(ServerContext& ctx, RequestContext& req) {
  analysis::ScanOptions options;
  if (!req.body.empty()) {
    auto parsed = parse_json_object(req.body, {"granularity", "start", "end"});
    if (auto* e = std::get_if<ApiError>(&parsed)) return error_response(*e);
    const json& body = std::get<json>(parsed);
    auto granularity = optional_string_field(body, "granularity");
    if (auto* e = std::get_if<ApiError>(&granularity)) return error_response(*e);
    if (const auto& g = std::get<std::optional<std::string>>(granularity)) {
      if (*g == "hour") {
        options.granularity = query::Granularity::kHour;
      } else if (*g != "day") {
        return error_response(invalid_argument_error("granularity: expected day or hour"));
      }
    }
    auto start = optional_string_field(body, "start");
    if (auto* e = std::get_if<ApiError>(&start)) return error_response(*e);
    auto end = optional_string_field(body, "end");
    if (auto* e = std::get_if<ApiError>(&end)) return error_response(*e);
    const auto& from = std::get<std::optional<std::string>>(start);
    const auto& to = std::get<std::optional<std::string>>(end);
    if (from.has_value() != to.has_value()) {
      return error_response(invalid_argument_error("start and end go together"));
    }
    if (from) {
      core::Timestamp a;
      core::Timestamp b;
      if (!core::parse_timestamp(*from, &a) || !core::parse_timestamp(*to, &b) || !(a < b)) {
        return error_response(invalid_argument_error(
            "start, end: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ with start before end"));
      }
      options.time_range = core::Period{a, b};
    }
  }
  auto snapshot = ctx.store->snapshot();
  if (!snapshot.is_ok()) return status_response(snapshot.status());
  auto found = analysis::scan_anomalies(**snapshot, options);
  if (!found.is_ok()) return status_response(found.status());
  auto store = open_anomalies(ctx);
  if (!store.is_ok()) return status_response(store.status());
  auto recorded = (*store)->record(std::move(*found));
  if (!recorded.is_ok()) return status_response(recorded.status());
  json items = json::array();
  for (const auto& a : *recorded) items.push_back(analysis::anomaly_to_json(a));
  return json_response({{"found", items.size()}, {"anomalies", std::move(items)}});
}

}  // namespace

void add_anomaly_routes(RouteTable& table, ServerContext& context) {
  const json anomaly = {{"type", "object"},
                        {"properties",
                         {{"id", {{"type", "string"}}},
                          {"summary", {{"type", "string"}}},
                          {"severity", {{"type", "string"}}},
                          {"impact", {{"type", "string"}}},
                          {"root_cause", {{"type", "object"}}},
                          {"status", {{"type", "string"}}},
                          {"verdict", {{"type", {"string", "null"}}}}}}};
  table.add({http::verb::get, "/api/v1/anomalies", Role::kViewer,
             "Stored anomalies, newest first (?status=open|expected|unexpected|suppressed&limit=&cursor=)",
             BodyKind::kNone, nullptr,
             {{"type", "object"},
              {"properties",
               {{"anomalies", {{"type", "array"}, {"items", anomaly}}},
                {"matched", {{"type", "integer"}}},
                {"next_cursor", {{"type", "string"}}}}}},
             200, "application/json", bind_route(context, list_anomalies)});
  table.add({http::verb::get, "/api/v1/anomalies/{id}", Role::kViewer,
             "One anomaly with its root cause and feedback", BodyKind::kNone, nullptr, anomaly, 200,
             "application/json", bind_route(context, get_anomaly)});
  table.add({http::verb::post, "/api/v1/anomalies/{id}/feedback", Role::kEditor,
             "Mark an anomaly expected (suppresses similar later ones) or unexpected",
             BodyKind::kJson,
             {{"type", "object"},
              {"required", {"verdict"}},
              {"additionalProperties", false},
              {"properties",
               {{"verdict", {{"type", "string"}, {"enum", {"expected", "unexpected"}}}},
                {"note", {{"type", "string"}}}}}},
             anomaly, 200, "application/json", bind_route(context, anomaly_feedback)});
  table.add({http::verb::post, "/api/v1/anomalies/scan", Role::kEditor,
             "Scan the current data for anomalies and record them", BodyKind::kJson,
             {{"type", "object"},
              {"additionalProperties", false},
              {"properties",
               {{"granularity", {{"type", "string"}, {"enum", {"day", "hour"}}}},
                {"start", {{"type", "string"}}},
                {"end", {{"type", "string"}}}}}},
             {{"type", "object"},
              {"properties", {{"found", {{"type", "integer"}}}, {"anomalies", {{"type", "array"}}}}}},
             200, "application/json", bind_route(context, scan)});
}

}  // namespace optima::server
