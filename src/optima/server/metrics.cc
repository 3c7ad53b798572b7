// Prometheus text exposition (version 0.0.4).
#include "optima/server/metrics.h"

#include <fmt/format.h>

namespace optima::server {
namespace {

// Label values escape backslash, quote and newline.
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::observe_request(std::string_view method, std::string_view route, unsigned status,
                              double seconds) {
  std::lock_guard lock(mutex_);
  Series& s = series_[{std::string(method), std::string(route), status}];
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++s.buckets[i];
      break;
    }
  }
}

std::string Metrics::render(uint64_t store_bytes, size_t sse_subscribers) const {
  std::string out;
  out += "# HELP optima_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE optima_http_requests_total counter\n";
  std::lock_guard lock(mutex_);
  for (const auto& [key, s] : series_) {
    const auto& [method, route, status] = key;
    out += fmt::format("optima_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       label(method), label(route), status, s.count);
  }
  out += "# HELP optima_http_request_duration_seconds Request latency.\n";
  out += "# TYPE optima_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : series_) {
    const auto& [method, route, status] = key;
    const std::string labels =
        fmt::format("method=\"{}\",route=\"{}\",status=\"{}\"", label(method), label(route), status);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += s.buckets[i];
      out += fmt::format("optima_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         kBuckets[i], cumulative);
    }
    out += fmt::format("optima_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels,
                       s.count);
    out += fmt::format("optima_http_request_duration_seconds_sum{{{}}} {}\n", labels, s.sum);
    out += fmt::format("optima_http_request_duration_seconds_count{{{}}} {}\n", labels, s.count);
  }
  out += "# HELP optima_http_open_connections Open client connections.\n";
  out += "# TYPE optima_http_open_connections gauge\n";
  out += fmt::format("optima_http_open_connections {}\n", open_connections());
  out += "# HELP optima_ingested_rows_total Rows accepted by ingest jobs of this process.\n";
  out += "# TYPE optima_ingested_rows_total counter\n";
  out += fmt::format("optima_ingested_rows_total {}\n", ingested_rows_.load());
  out += "# HELP optima_store_bytes Bytes of the current segments of the store.\n";
  out += "# TYPE optima_store_bytes gauge\n";
  out += fmt::format("optima_store_bytes {}\n", store_bytes);
  out += "# HELP optima_sse_subscribers Open server-sent event streams.\n";
  out += "# TYPE optima_sse_subscribers gauge\n";
  out += fmt::format("optima_sse_subscribers {}\n", sse_subscribers);
  return out;
}

}  // namespace optima::server
