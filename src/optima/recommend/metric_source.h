// MetricSource: where the engine gets one resource's metric series, one resource at a time, so
// an estate's metrics never need to be in memory together. InMemoryMetrics serves series held
// in memory (tests, small estates, the inventory store's loaded series).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "optima/core/status.h"
#include "optima/inventory/metric_series.h"
#include "optima/inventory/resource.h"

namespace optima::recommend {

class MetricSource {
 public:
  virtual ~MetricSource() = default;
  // Replaces *out with the series of `resource` (none is fine). Called concurrently from the
  // engine's workers: implementations must be thread-safe. Errors end the run.
  virtual core::Status series_for(const inventory::Resource& resource,
                                  std::vector<inventory::MetricSeries>* out) const = 0;
};

// Series held in memory, matched to resources by resource_id (case-insensitive) or native_id.
// Thread-safe for series_for after the last add.
class InMemoryMetrics final : public MetricSource {
 public:
  void add(inventory::MetricSeries series);
  size_t size() const { return series_.size(); }
  core::Status series_for(const inventory::Resource& resource,
                          std::vector<inventory::MetricSeries>* out) const override;

 private:
  std::vector<inventory::MetricSeries> series_;
  std::unordered_map<std::string, std::vector<size_t>> by_resource_;  // lower-cased id
};

}  // namespace optima::recommend
