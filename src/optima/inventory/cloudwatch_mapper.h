// Maps CloudWatch responses (GetMetricStatistics, GetMetricData) to MetricSeries, and CloudWatch
// metric names to ours (CPUUtilization -> cpu_percent). Responses name no resource (the
// dimensions are in the request), so series come back with an empty resource_id for the caller
// to attribute.
#pragma once

#include <string>
#include <vector>

#include "optima/core/status.h"
#include "optima/inventory/json_view.h"
#include "optima/inventory/metric_series.h"

namespace optima::inventory {

// Our metric name for a CloudWatch metric name: the shared names of metric_series.h where one
// applies, else the CloudWatch name in snake_case ("VolumeIdleTime" -> "volume_idle_time").
std::string cloudwatch_metric_name(std::string_view cloudwatch_name);

// One series per statistic present in the datapoints (Average -> "average", Maximum ->
// "maximum", Minimum, Sum, SampleCount, and ExtendedStatistics "p95" -> "p95"), samples sorted by
// time. Series with no datapoints are not returned. step_seconds is the smallest gap between
// datapoints (300 when there is one).
core::Status map_get_metric_statistics(const JsonView& data, std::vector<MetricSeries>* out);

// One series per MetricDataResults entry (Timestamps[] / Values[]; statistic "average" unless
// the Label names one). The entry's Label is kept in `metric` after mapping its last word.
core::Status map_get_metric_data(const JsonView& data, std::vector<MetricSeries>* out,
                                 std::vector<std::string>* labels);

}  // namespace optima::inventory
