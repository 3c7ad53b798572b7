#include "optima/inventory/azure_monitor_reader.h"

#include <array>

#include <fmt/format.h>

#include "optima/core/file_io.h"
#include "optima/core/strings.h"
#include "optima/inventory/json_view.h"

namespace optima::inventory {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kMetricNames = {{
    {"Percentage CPU", "cpu_percent"},
    {"cpu_percent", "cpu_percent"},
    {"CpuPercentage", "cpu_percent"},
    {"Available Memory Percentage", "memory_available_percent"},
    {"memory_percent", "memory_percent"},
    {"Network In Total", "network_in_bytes"},
    {"Network Out Total", "network_out_bytes"},
    {"Disk Read Operations/Sec", "disk_read_ops"},
    {"Disk Write Operations/Sec", "disk_write_ops"},
    {"connection_successful", "connections"},
    {"Transactions", "requests"},
    {"UsedCapacity", "bucket_size_bytes"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kAggregations = {{
    {"average", "average"},
    {"maximum", "maximum"},
    {"minimum", "minimum"},
    {"total", "sum"},
}};

std::string metric_name(const std::string& azure_name) {
  for (const auto& [azure, ours] : kMetricNames) {
    if (azure == azure_name)
      return std::string(ours);
  }
  std::string out;
  for (char c : azure_name) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += core::to_lower_ascii(c);
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_')
    out.pop_back();
  return out;
}

core::Status read_response(const std::filesystem::path& path, InventorySink* sink) {
  OPTIMA_ASSIGN_OR_RETURN(std::string text, core::read_all_decompressed(path));
  const std::string file = path.string();
  OPTIMA_ASSIGN_OR_RETURN(nlohmann::json doc, parse_json_document(text, file));
  sink->add_source(file);
  JsonView root(doc, "$", file);
  OPTIMA_RETURN_IF_ERROR(root.expect_object());
  int64_t step = 0;
  if (std::optional<JsonView> interval = root.find("interval")) {
    OPTIMA_ASSIGN_OR_RETURN(std::string iso, interval->string());
    const std::optional<int64_t> seconds = parse_iso8601_duration(iso);
    if (!seconds)
      return interval->error("ISO-8601 duration such as \"PT5M\"");
    step = *seconds;
  }
  OPTIMA_ASSIGN_OR_RETURN(JsonView metrics, root.at("value"));
  OPTIMA_RETURN_IF_ERROR(metrics.expect_array());
  for (size_t m = 0; m < metrics.size(); ++m) {
    JsonView metric = metrics.element(m);
    OPTIMA_ASSIGN_OR_RETURN(std::string id, metric.string_at("id"));
    OPTIMA_ASSIGN_OR_RETURN(JsonView name, metric.at("name"));
    OPTIMA_ASSIGN_OR_RETURN(std::string azure_name, name.string_at("value"));
    const size_t providers = core::to_lower_ascii(id).find("/providers/microsoft.insights/metrics");
    const std::string resource_id = providers == std::string::npos ? id : id.substr(0, providers);
    OPTIMA_ASSIGN_OR_RETURN(JsonView timeseries, metric.at("timeseries"));
    OPTIMA_RETURN_IF_ERROR(timeseries.expect_array());
    for (size_t t = 0; t < timeseries.size(); ++t) {
      OPTIMA_ASSIGN_OR_RETURN(JsonView data, timeseries.element(t).at("data"));
      OPTIMA_RETURN_IF_ERROR(data.expect_array());
      for (const auto& [key, statistic] : kAggregations) {
        MetricSeries series;
        series.resource_id = resource_id;
        series.metric = metric_name(azure_name);
        series.statistic = std::string(statistic);
        if (step > 0)
          series.step_seconds = step;
        for (size_t i = 0; i < data.size(); ++i) {
          JsonView point = data.element(i);
          std::optional<JsonView> value = point.find(key);
          if (!value)
            continue;
          OPTIMA_ASSIGN_OR_RETURN(std::string stamp, point.string_at("timeStamp"));
          core::Timestamp time;
          if (!core::parse_timestamp(stamp, &time)) {
            return core::invalid_argument(
                fmt::format("{}: {}.timeStamp: expected ISO-8601 UTC time, found {}", file,
                            point.path(), core::quote_for_message(stamp)));
          }
          OPTIMA_ASSIGN_OR_RETURN(double v, value->number());
          series.samples.push_back({time, v});
        }
        if (series.samples.empty())
          continue;
        sort_samples_keep_first(&series.samples);
        OPTIMA_RETURN_IF_ERROR(sink->add_series(std::move(series)));
      }
    }
  }
  return core::Status::ok();
}

class AzureMonitorReader final : public InventoryReader {
 public:
  std::string_view name() const override { return "azure-monitor"; }
  std::string_view description() const override {
    return "Azure Monitor metrics responses (value[].timeseries[].data[])";
  }
  bool detect(const std::filesystem::path&, std::string_view prefix) const override {
    return core::trim(prefix).starts_with("{") &&
           prefix.find("\"timeseries\"") != std::string_view::npos &&
           prefix.find("\"timeSeries\"") == std::string_view::npos;
  }
  core::Status read(const std::vector<std::filesystem::path>& files,
                    InventorySink* sink) const override {
    for (const auto& path : files)
      OPTIMA_RETURN_IF_ERROR(read_response(path, sink));
    return core::Status::ok();
  }
};

}  // namespace

std::optional<int64_t> parse_iso8601_duration(std::string_view text) {
  if (text.size() < 2 || text[0] != 'P')
    return std::nullopt;
  int64_t total = 0;
  int64_t number = 0;
  bool have_number = false;
  bool in_time = false;
  for (size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      if (number > 100000000)
        return std::nullopt;
      number = number * 10 + (c - '0');
      have_number = true;
      continue;
    }
    if (c == 'T' && !have_number) {
      in_time = true;
      continue;
    }
    if (!have_number)
      return std::nullopt;
    if (c == 'D' && !in_time) {
      total += number * 86400;
    } else if (c == 'H' && in_time) {
      total += number * 3600;
    } else if (c == 'M' && in_time) {
      total += number * 60;
    } else if (c == 'S' && in_time) {
      total += number;
    } else {
      return std::nullopt;
    }
    number = 0;
    have_number = false;
  }
  if (have_number || total == 0)
    return std::nullopt;
  return total;
}

std::unique_ptr<InventoryReader> make_azure_monitor_reader() {
  return std::make_unique<AzureMonitorReader>();
}

}  // namespace optima::inventory
