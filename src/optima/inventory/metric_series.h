// Utilization metrics: one metric of one resource as time-ordered samples, as every metric reader
// (CloudWatch, Azure Monitor, Cloud Monitoring, Prometheus, CSV) produces it and the
// recommenders consume it. Utilization is a measurement, not money, so values are doubles.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "optima/core/time.h"

namespace optima::inventory {

// Metric names shared by all readers (snake_case, unit in the name):
//   cpu_percent, memory_percent, network_in_bytes, network_out_bytes, disk_read_ops,
//   disk_write_ops, connections, requests, processed_bytes, bucket_size_bytes, get_requests.
// A reader maps its provider's names onto these (CloudWatch CPUUtilization -> cpu_percent).

struct MetricSample {
  core::Timestamp time;  // start of the sample's interval, UTC
  double value = 0;
  friend bool operator==(const MetricSample&, const MetricSample&) = default;
};

struct MetricSeries {
  std::string resource_id;              // Resource::resource_id it belongs to
  std::string metric;                   // one of the names above
  std::string statistic = "average";    // "average" or "maximum" over each sample's interval
  int64_t step_seconds = 300;           // nominal interval between samples
  std::vector<MetricSample> samples;    // ascending time, no duplicates
  friend bool operator==(const MetricSeries&, const MetricSeries&) = default;
};

// Sorts samples by time (stable) and keeps the first sample of each time, as the readers whose
// responses may repeat or reverse points need before add_series.
void sort_samples_keep_first(std::vector<MetricSample>* samples);

// The smallest gap in seconds between consecutive samples of a time-ordered list: the series'
// step. 0 when there are fewer than two distinct times.
int64_t smallest_gap_seconds(const std::vector<MetricSample>& samples);

}  // namespace optima::inventory
