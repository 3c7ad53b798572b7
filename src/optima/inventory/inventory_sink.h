// InventorySink: where inventory readers deliver what they read. Readers emit resources and metric
// series one at a time so large metric sources (Prometheus ranges, big CSV files) stream into the
// snapshot writer without being held in memory. Implementations: InventoryBatch (collects, for
// tests and small inputs) and SnapshotWriter (writes a store snapshot).
#pragma once

#include <string>

#include "optima/core/status.h"
#include "optima/inventory/metric_series.h"
#include "optima/inventory/resource.h"

namespace optima::inventory {

class InventorySink {
 public:
  virtual ~InventorySink() = default;
  // A resource as of the snapshot. A later resource with the same resource_id replaces it.
  virtual core::Status add_resource(Resource resource) = 0;
  // Samples of one metric; the same (resource, metric, statistic) may arrive in several parts
  // (consumers merge them by time). Requires: samples ascending by time.
  virtual core::Status add_series(MetricSeries series) = 0;
  // A file, operation or record the reader recognised as not inventory (listed, not an error).
  virtual void skip(const std::string& source, const std::string& reason) = 0;
  // A file the sink's snapshot was read from.
  virtual void add_source(const std::string& path) = 0;
};

}  // namespace optima::inventory
