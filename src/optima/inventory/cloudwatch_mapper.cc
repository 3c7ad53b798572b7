#include "optima/inventory/cloudwatch_mapper.h"

#include <array>
#include <map>
#include <utility>

#include "optima/core/strings.h"
#include "optima/inventory/placebo_file.h"

namespace optima::inventory {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kMetricNames = {{
    {"CPUUtilization", "cpu_percent"},
    {"MemoryUtilization", "memory_percent"},
    {"mem_used_percent", "memory_percent"},
    {"NetworkIn", "network_in_bytes"},
    {"NetworkOut", "network_out_bytes"},
    {"DiskReadOps", "disk_read_ops"},
    {"DiskWriteOps", "disk_write_ops"},
    {"VolumeReadOps", "disk_read_ops"},
    {"VolumeWriteOps", "disk_write_ops"},
    {"DatabaseConnections", "connections"},
    {"ActiveConnectionCount", "connections"},
    {"RequestCount", "requests"},
    {"Requests", "requests"},
    {"ProcessedBytes", "processed_bytes"},
    {"BucketSizeBytes", "bucket_size_bytes"},
    {"GetRequests", "get_requests"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kStatistics = {{
    {"Average", "average"},
    {"Maximum", "maximum"},
    {"Minimum", "minimum"},
    {"Sum", "sum"},
    {"SampleCount", "sample_count"},
}};

}  // namespace

std::string cloudwatch_metric_name(std::string_view cloudwatch_name) {
  for (const auto& [cw, ours] : kMetricNames) {
    if (cw == cloudwatch_name)
      return std::string(ours);
  }
  std::string out;
  for (size_t i = 0; i < cloudwatch_name.size(); ++i) {
    const char c = cloudwatch_name[i];
    const bool upper = c >= 'A' && c <= 'Z';
    const bool prev_lower =
        i > 0 && ((cloudwatch_name[i - 1] >= 'a' && cloudwatch_name[i - 1] <= 'z') ||
                  (cloudwatch_name[i - 1] >= '0' && cloudwatch_name[i - 1] <= '9'));
    const bool next_lower = i + 1 < cloudwatch_name.size() && cloudwatch_name[i + 1] >= 'a' &&
                            cloudwatch_name[i + 1] <= 'z';
    if (upper && i > 0 && out.back() != '_' && (prev_lower || next_lower))
      out += '_';
    if (c == '-' || c == ' ' || c == '.') {
      if (!out.empty() && out.back() != '_')
        out += '_';
      continue;
    }
    out += core::to_lower_ascii(c);
  }
  return out;
}

core::Status map_get_metric_statistics(const JsonView& data, std::vector<MetricSeries>* out) {
  OPTIMA_ASSIGN_OR_RETURN(std::string label, data.string_or_empty("Label"));
  OPTIMA_ASSIGN_OR_RETURN(JsonView points, data.at("Datapoints"));
  OPTIMA_RETURN_IF_ERROR(points.expect_array());
  std::map<std::string, std::vector<MetricSample>> by_statistic;
  for (size_t i = 0; i < points.size(); ++i) {
    JsonView point = points.element(i);
    OPTIMA_ASSIGN_OR_RETURN(JsonView when, point.at("Timestamp"));
    OPTIMA_ASSIGN_OR_RETURN(core::Timestamp time, placebo_datetime(when));
    for (const auto& [key, statistic] : kStatistics) {
      if (std::optional<JsonView> value = point.find(key)) {
        OPTIMA_ASSIGN_OR_RETURN(double v, value->number());
        by_statistic[std::string(statistic)].push_back({time, v});
      }
    }
    if (std::optional<JsonView> extended = point.find("ExtendedStatistics")) {
      OPTIMA_RETURN_IF_ERROR(extended->expect_object());
      for (const auto& [key, value] : extended->json().items()) {
        JsonView v(value, extended->path() + "." + key, extended->file());
        OPTIMA_ASSIGN_OR_RETURN(double number, v.number());
        by_statistic[core::to_lower_ascii(key)].push_back({time, number});
      }
    }
  }
  for (auto& [statistic, samples] : by_statistic) {
    MetricSeries series;
    series.metric = cloudwatch_metric_name(label);
    series.statistic = statistic;
    sort_samples_keep_first(&samples);
    if (const int64_t gap = smallest_gap_seconds(samples); gap > 0)
      series.step_seconds = gap;
    series.samples = std::move(samples);
    out->push_back(std::move(series));
  }
  return core::Status::ok();
}

core::Status map_get_metric_data(const JsonView& data, std::vector<MetricSeries>* out,
                                 std::vector<std::string>* labels) {
  OPTIMA_ASSIGN_OR_RETURN(JsonView results, data.at("MetricDataResults"));
  OPTIMA_RETURN_IF_ERROR(results.expect_array());
  for (size_t i = 0; i < results.size(); ++i) {
    JsonView result = results.element(i);
    OPTIMA_ASSIGN_OR_RETURN(std::string label, result.string_or_empty("Label"));
    if (label.empty()) {
      OPTIMA_ASSIGN_OR_RETURN(label, result.string_at("Id"));
    }
    OPTIMA_ASSIGN_OR_RETURN(JsonView times, result.at("Timestamps"));
    OPTIMA_ASSIGN_OR_RETURN(JsonView values, result.at("Values"));
    OPTIMA_RETURN_IF_ERROR(times.expect_array());
    OPTIMA_RETURN_IF_ERROR(values.expect_array());
    if (times.size() != values.size()) {
      return values.error("as many Values as Timestamps (" + std::to_string(times.size()) + ")");
    }
    if (times.size() == 0)
      continue;
    MetricSeries series;
    // Labels are often "<resource> <MetricName>" or "<MetricName> <Statistic>".
    std::vector<std::string_view> words = core::split(label, ' ');
    std::string metric(words.empty() ? std::string_view(label) : words.front());
    for (const auto& [key, statistic] : kStatistics) {
      if (words.size() > 1 && words.back() == key)
        series.statistic = std::string(statistic);
    }
    for (std::string_view word : words) {
      for (const auto& [cw, ours] : kMetricNames) {
        if (word == cw)
          metric = std::string(word);
      }
    }
    series.metric = cloudwatch_metric_name(metric);
    for (size_t j = 0; j < times.size(); ++j) {
      OPTIMA_ASSIGN_OR_RETURN(core::Timestamp time, placebo_datetime(times.element(j)));
      OPTIMA_ASSIGN_OR_RETURN(double value, values.element(j).number());
      series.samples.push_back({time, value});
    }
    sort_samples_keep_first(&series.samples);
    if (const int64_t gap = smallest_gap_seconds(series.samples); gap > 0)
      series.step_seconds = gap;
    out->push_back(std::move(series));
    labels->push_back(label);
  }
  return core::Status::ok();
}

}  // namespace optima::inventory
