// Metrics: the server's Prometheus counters, rendered as text exposition format at /metrics:
//   optima_http_requests_total{method,route,status}
//   optima_http_request_duration_seconds{method,route,status} (histogram)
//   optima_http_open_connections, optima_ingested_rows_total, optima_store_bytes,
//   optima_sse_subscribers.
// Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace optima::server {

class Metrics {
 public:
  void observe_request(std::string_view method, std::string_view route, unsigned status,
                       double seconds);
  void connection_opened() { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
  int64_t open_connections() const { return open_connections_.load(std::memory_order_relaxed); }
  void add_ingested_rows(uint64_t rows) { ingested_rows_.fetch_add(rows); }

  // The exposition text; store_bytes and subscribers are sampled by the caller.
  std::string render(uint64_t store_bytes, size_t sse_subscribers) const;

  static constexpr std::array<double, 12> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                       0.25,  0.5,   1,    2.5,   5,    10};

 private:
  struct Series {
    uint64_t count = 0;
    double sum = 0;
    std::array<uint64_t, kBuckets.size()> buckets{};  // non-cumulative
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, unsigned>, Series> series_;
  std::atomic<int64_t> open_connections_{0};
  std::atomic<uint64_t> ingested_rows_{0};
};

}  // namespace optima::server
