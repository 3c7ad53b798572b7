#include "optima/inventory/gcp_monitoring_reader.h"

#include <array>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/inventory/json_view.h"

namespace optima::inventory {
namespace {

struct MetricMapping {
  std::string_view type;
  std::string_view metric;
  double scale;
};

constexpr std::array<MetricMapping, 8> kMetrics = {{
    {"compute.googleapis.com/instance/cpu/utilization", "cpu_percent", 100.0},
    {"agent.googleapis.com/memory/percent_used", "memory_percent", 1.0},
    {"compute.googleapis.com/instance/network/received_bytes_count", "network_in_bytes", 1.0},
    {"compute.googleapis.com/instance/network/sent_bytes_count", "network_out_bytes", 1.0},
    {"compute.googleapis.com/instance/disk/read_ops_count", "disk_read_ops", 1.0},
    {"compute.googleapis.com/instance/disk/write_ops_count", "disk_write_ops", 1.0},
    {"cloudsql.googleapis.com/database/cpu/utilization", "cpu_percent", 100.0},
    {"cloudsql.googleapis.com/database/memory/utilization", "memory_percent", 100.0},
}};

MetricMapping mapping_for(const std::string& type) {
  for (const MetricMapping& m : kMetrics) {
    if (m.type == type)
      return m;
  }
  return {type, {}, 1.0};
}

// The last path of a metric type, snake_case: ".../instance/uptime_total" ->
// "instance_uptime_total".
std::string fallback_name(const std::string& type) {
  std::string path = type.substr(type.find('/') == std::string::npos ? 0 : type.find('/') + 1);
  std::replace(path.begin(), path.end(), '/', '_');
  return path;
}

core::Result<std::string> label(const JsonView& object, std::string_view key) {
  std::optional<JsonView> labels = object.find("labels");
  if (!labels)
    return std::string();
  return labels->text_or_empty(key);
}

core::Result<std::string> resource_id_of(const JsonView& resource) {
  OPTIMA_ASSIGN_OR_RETURN(std::string type, resource.string_at("type"));
  if (type == "gce_instance") {
    OPTIMA_ASSIGN_OR_RETURN(std::string project, label(resource, "project_id"));
    OPTIMA_ASSIGN_OR_RETURN(std::string zone, label(resource, "zone"));
    OPTIMA_ASSIGN_OR_RETURN(std::string instance, label(resource, "instance_id"));
    if (project.empty() || zone.empty() || instance.empty()) {
      return resource.error("gce_instance labels project_id, zone and instance_id");
    }
    return fmt::format("//compute.googleapis.com/projects/{}/zones/{}/instances/{}", project, zone,
                       instance);
  }
  if (type == "cloudsql_database") {
    // database_id is "<project>:<instance>".
    OPTIMA_ASSIGN_OR_RETURN(std::string database, label(resource, "database_id"));
    const size_t colon = database.find(':');
    if (colon == std::string::npos)
      return resource.error("cloudsql_database label database_id \"project:instance\"");
    return fmt::format("//cloudsql.googleapis.com/projects/{}/instances/{}",
                       database.substr(0, colon), database.substr(colon + 1));
  }
  // Other monitored resources: "<type>/<label=value,…>" keeps series of different resources apart.
  std::string id = type;
  if (std::optional<JsonView> labels = resource.find("labels")) {
    OPTIMA_RETURN_IF_ERROR(labels->expect_object());
    for (const auto& [k, v] : labels->json().items()) {
      OPTIMA_ASSIGN_OR_RETURN(std::string value,
                              JsonView(v, labels->path() + "." + k, labels->file()).text());
      id += "/" + k + "=" + value;
    }
  }
  return id;
}

core::Status read_response(const std::filesystem::path& path, InventorySink* sink) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_all_decompressed(path));
  const std::string file = path.string();
  OPTIMA_ASSIGN_OR_RETURN(nlohmann::json doc, parse_json_document(text, file));
  sink->add_source(file);
  JsonView root(doc, "$", file);
  OPTIMA_RETURN_IF_ERROR(root.expect_object());
  OPTIMA_ASSIGN_OR_RETURN(std::optional<JsonView> all, root.optional_array("timeSeries"));
  for (size_t s = 0; all && s < all->size(); ++s) {
    JsonView ts = all->element(s);
    OPTIMA_ASSIGN_OR_RETURN(JsonView metric, ts.at("metric"));
    OPTIMA_ASSIGN_OR_RETURN(std::string type, metric.string_at("type"));
    OPTIMA_ASSIGN_OR_RETURN(JsonView resource, ts.at("resource"));
    const MetricMapping mapping = mapping_for(type);
    MetricSeries series;
    OPTIMA_ASSIGN_OR_RETURN(series.resource_id, resource_id_of(resource));
    series.metric = mapping.metric.empty() ? fallback_name(type) : std::string(mapping.metric);
    OPTIMA_ASSIGN_OR_RETURN(JsonView points, ts.at("points"));
    OPTIMA_RETURN_IF_ERROR(points.expect_array());
    for (size_t i = 0; i < points.size(); ++i) {
      JsonView point = points.element(i);
      OPTIMA_ASSIGN_OR_RETURN(JsonView interval, point.at("interval"));
      OPTIMA_ASSIGN_OR_RETURN(std::string end, interval.string_at("endTime"));
      core::Timestamp time;
      if (!core::parse_timestamp(end, &time)) {
        return core::invalid_argument(
            fmt::format("{}: {}.endTime: expected RFC 3339 UTC time, found {}", file,
                        interval.path(), core::quote_for_message(end)));
      }
      OPTIMA_ASSIGN_OR_RETURN(JsonView value, point.at("value"));
      double v = 0;
      if (std::optional<JsonView> d = value.find("doubleValue")) {
        OPTIMA_ASSIGN_OR_RETURN(v, d->number());
      } else if (std::optional<JsonView> n = value.find("int64Value")) {
        // int64Value is a JSON string in the REST encoding.
        OPTIMA_ASSIGN_OR_RETURN(std::string digits, n->text());
        const std::optional<int64_t> parsed = core::parse_int64(digits);
        if (!parsed)
          return n->error("int64 as a decimal string");
        v = static_cast<double>(*parsed);
      } else {
        return value.error("doubleValue or int64Value");
      }
      series.samples.push_back({time, v * mapping.scale});
    }
    if (series.samples.empty())
      continue;
    // The API returns the newest point first.
    sort_samples_keep_first(&series.samples);
    if (const int64_t step = smallest_gap_seconds(series.samples); step > 0)
      series.step_seconds = step;
    OPTIMA_RETURN_IF_ERROR(sink->add_series(std::move(series)));
  }
  return core::Status::ok();
}

class GcpMonitoringReader final : public InventoryReader {
 public:
  std::string_view name() const override { return "gcp-monitoring"; }
  std::string_view description() const override {
    return "Google Cloud Monitoring timeSeries responses (timeSeries[].points[])";
  }
  bool detect(const std::filesystem::path&, std::string_view prefix) const override {
    return core::trim(prefix).starts_with("{") &&
           prefix.find("\"timeSeries\"") != std::string_view::npos;
  }
  core::Status read(const std::vector<std::filesystem::path>& files,
                    InventorySink* sink) const override {
    for (const auto& path : files)
      OPTIMA_RETURN_IF_ERROR(read_response(path, sink));
    return core::Status::ok();
  }
};

}  // namespace

std::unique_ptr<InventoryReader> make_gcp_monitoring_reader() {
  return std::make_unique<GcpMonitoringReader>();
}

}  // namespace optima::inventory
