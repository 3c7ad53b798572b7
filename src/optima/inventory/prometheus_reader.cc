#include "optima/inventory/prometheus_reader.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/inventory/http_get.h"
#include "optima/inventory/json_view.h"

namespace optima::inventory {
namespace {

struct NodeQuery {
  std::string_view metric;
  std::string_view promql;  // {step} is replaced by the step in seconds
};

constexpr std::array<NodeQuery, 4> kNodeQueries = {{
    {"cpu_percent", R"(100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))))"},
    {"memory_percent",
     R"(100 * (1 - avg by (instance) (node_memory_MemAvailable_bytes) / avg by (instance) (node_memory_MemTotal_bytes)))"},
    {"network_in_bytes", R"(sum by (instance) (rate(node_network_receive_bytes_total{device!="lo"}[5m])) * {step})"},
    {"network_out_bytes", R"(sum by (instance) (rate(node_network_transmit_bytes_total{device!="lo"}[5m])) * {step})"},
}};

core::Status read_matrix(const NodeQuery& node_query, const std::string& promql, const std::string& body,
                         const PrometheusQuery& query, std::map<std::string, bool>* instances,
                         InventorySink* sink) {
  const std::string where = fmt::format("{} query {}", query.url, node_query.metric);
  OPTIMA_ASSIGN_OR_RETURN(nlohmann::json doc, parse_json_document(body, where));
  JsonView root(doc, "$", where);
  OPTIMA_ASSIGN_OR_RETURN(std::string status, root.string_at("status"));
  if (status != "success") {
    OPTIMA_ASSIGN_OR_RETURN(std::string type, root.string_or_empty("errorType"));
    OPTIMA_ASSIGN_OR_RETURN(std::string error, root.string_or_empty("error"));
    return core::invalid_argument(fmt::format("{}: Prometheus answered {}: {} (query: {})", where, type, error, promql));
  }
  OPTIMA_ASSIGN_OR_RETURN(JsonView data, root.at("data"));
  OPTIMA_ASSIGN_OR_RETURN(JsonView result, data.at("result"));
  OPTIMA_RETURN_IF_ERROR(result.expect_array());
  for (size_t i = 0; i < result.size(); ++i) {
    JsonView item = result.element(i);
    OPTIMA_ASSIGN_OR_RETURN(JsonView labels, item.at("metric"));
    OPTIMA_ASSIGN_OR_RETURN(std::string instance, labels.string_or_empty("instance"));
    if (instance.empty()) continue;
    MetricSeries series;
    auto mapped = query.instance_to_resource.find(instance);
    series.resource_id = mapped == query.instance_to_resource.end() ? instance : mapped->second;
    if (mapped == query.instance_to_resource.end()) (*instances)[instance] = true;
    series.metric = std::string(node_query.metric);
    series.step_seconds = query.step_seconds;
    OPTIMA_ASSIGN_OR_RETURN(JsonView values, item.at("values"));
    OPTIMA_RETURN_IF_ERROR(values.expect_array());
    for (size_t j = 0; j < values.size(); ++j) {
      JsonView pair = values.element(j);
      if (!pair.is_array() || pair.size() != 2) return pair.error("[unix_time, \"value\"]");
      OPTIMA_ASSIGN_OR_RETURN(double time, pair.element(0).number());
      OPTIMA_ASSIGN_OR_RETURN(std::string text, pair.element(1).string());
      const std::optional<double> value = core::parse_double(text);
      if (!value) return pair.element(1).error("a decimal sample value");
      // NaN appears when a denominator is 0 (no traffic yet); it is not a measurement.
      if (std::isnan(*value) || std::isinf(*value)) continue;
      series.samples.push_back({core::Timestamp{static_cast<int64_t>(std::floor(time))}, *value});
    }
    if (!series.samples.empty()) OPTIMA_RETURN_IF_ERROR(sink->add_series(std::move(series)));
  }
  return core::Status::ok();
}

}  // namespace

core::Status read_prometheus(const PrometheusQuery& query, InventorySink* sink) {
  OPTIMA_ASSIGN_OR_RETURN(HttpUrl url, parse_http_url(query.url));
  if (query.step_seconds <= 0 || !(query.start < query.end)) {
    return core::invalid_argument("Prometheus query: need start < end and a positive step");
  }
  std::map<std::string, bool> unmapped_instances;
  if (query.max_points_per_query <= 0) return core::invalid_argument("Prometheus query: max_points_per_query <= 0");
  // Prometheus refuses more than 11,000 points per series and query: long ranges go in windows.
  const int64_t window = query.max_points_per_query * query.step_seconds;
  for (const NodeQuery& node_query : kNodeQueries) {
    std::string promql(node_query.promql);
    if (const size_t at = promql.find("{step}"); at != std::string::npos) {
      promql.replace(at, 6, std::to_string(query.step_seconds));
    }
    for (int64_t from = query.start.unix_seconds; from <= query.end.unix_seconds;
         from += window + query.step_seconds) {
      const int64_t to = std::min(query.end.unix_seconds, from + window);
      const std::string target = fmt::format("/api/v1/query_range?query={}&start={}&end={}&step={}",
                                             url_encode(promql), from, to, query.step_seconds);
      OPTIMA_ASSIGN_OR_RETURN(HttpResponse response, http_get(url, target, query.timeout));
      // Prometheus answers API errors (bad_data 400, execution 422/503) with a JSON body.
      if (response.status != 200 && response.body.find("\"status\"") == std::string::npos) {
        return core::io_error(fmt::format("{}: HTTP {} for {}", query.url, response.status, node_query.metric));
      }
      OPTIMA_RETURN_IF_ERROR(read_matrix(node_query, promql, response.body, query, &unmapped_instances, sink));
    }
  }
  sink->add_source(query.url);
  for (const auto& [instance, unused] : unmapped_instances) {
    Resource r;
    r.provider = "Prometheus";
    r.resource_id = instance;
    r.native_id = instance;
    r.name = instance;
    r.kind = ResourceKind::kVirtualMachine;
    r.state = "running";
    r.source_file = query.url;
    OPTIMA_RETURN_IF_ERROR(sink->add_resource(std::move(r)));
  }
  return core::Status::ok();
}

core::Result<std::map<std::string, std::string>> read_instance_mapping(const std::filesystem::path& path) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_file(path));
  std::map<std::string, std::string> out;
  int64_t line_number = 0;
  for (std::string_view line : core::split(text, '\n')) {
    ++line_number;
    line = core::trim(line);
    if (line.empty() || line.front() == '#') continue;
    const size_t comma = line.find(',');
    if (comma == std::string_view::npos) {
      return core::invalid_argument(fmt::format("{}: line {}: expected \"instance,resource_id\", found {}",
                                                path.string(), line_number, core::quote_for_message(line)));
    }
    const std::string instance(core::trim(line.substr(0, comma)));
    const std::string resource(core::trim(line.substr(comma + 1)));
    if (line_number == 1 && instance == "instance") continue;
    if (instance.empty() || resource.empty()) {
      return core::invalid_argument(
          fmt::format("{}: line {}: instance and resource_id must not be empty", path.string(), line_number));
    }
    out[instance] = resource;
  }
  return out;
}

std::optional<int64_t> parse_duration_seconds(std::string_view text) {
  text = core::trim(text);
  if (text.empty()) return std::nullopt;
  int64_t unit = 1;
  switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    case 'w': unit = 7 * 86400; break;
    default: unit = 0; break;
  }
  if (unit != 0) text.remove_suffix(1);
  const std::optional<int64_t> n = core::parse_int64(text);
  if (!n || *n <= 0 || *n > 100LL * 365 * 86400) return std::nullopt;
  return *n * (unit == 0 ? 1 : unit);
}

}  // namespace optima::inventory
