// Prometheus node metrics over the HTTP API (/api/v1/query_range), as MetricSeries per scraped
// instance:
//   cpu_percent        100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])))
//   memory_percent     100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)
//   network_in_bytes   rate(node_network_receive_bytes_total{device!="lo"}[5m]) summed per
//   network_out_bytes  instance, times the step: bytes per sample interval, as CloudWatch reports
// Series are keyed by the `instance` label, or by the resource id a mapping assigns to it.
// Instances with no mapping also become Resources (kind virtual_machine, provider "Prometheus",
// native_id = resource_id = instance); mapped ones are left to the cloud inventory.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/inventory/inventory_sink.h"

namespace optima::inventory {

struct PrometheusQuery {
  std::string url;  // "http://127.0.0.1:9090"
  core::Timestamp start;
  core::Timestamp end;
  int64_t step_seconds = 60;
  std::map<std::string, std::string> instance_to_resource;  // optional mapping
  std::chrono::milliseconds timeout{30000};
  // Longer ranges are split into windows of this many steps (Prometheus refuses more than 11,000
  // points per series); each window's series arrive as separate parts.
  int64_t max_points_per_query = 10000;
};

// Runs the four range queries and delivers their series. Errors: unreachable server (IoError),
// a non-success API answer ("bad_data: …"), or a response of the wrong shape (InvalidArgument
// naming the query and JSON path). A query with no series is not an error.
core::Status read_prometheus(const PrometheusQuery& query, InventorySink* sink);

// Reads an instance -> resource_id mapping: CSV lines "instance,resource_id" (an optional header
// line "instance,resource_id"). Errors name file and line.
core::Result<std::map<std::string, std::string>> read_instance_mapping(const std::filesystem::path& path);

// "90s", "5m", "1h", "30d" or plain seconds -> seconds; nullopt for anything else or <= 0.
std::optional<int64_t> parse_duration_seconds(std::string_view text);

}  // namespace optima::inventory
