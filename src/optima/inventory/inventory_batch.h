// InventoryBatch: an InventorySink that keeps everything in memory, in arrival order (resources
// deduplicated by resource_id, the later one winning). For tests and small recorded inputs.
// Thread-compatible.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "optima/inventory/inventory_sink.h"

namespace optima::inventory {

class InventoryBatch final : public InventorySink {
 public:
  core::Status add_resource(Resource resource) override;
  core::Status add_series(MetricSeries series) override;
  void skip(const std::string& source, const std::string& reason) override;
  void add_source(const std::string& path) override;

  const std::vector<Resource>& resources() const { return resources_; }
  const std::vector<MetricSeries>& series() const { return series_; }
  // (source, reason) of everything skipped.
  const std::vector<std::pair<std::string, std::string>>& skipped() const { return skipped_; }
  const std::vector<std::string>& sources() const { return sources_; }

 private:
  std::vector<Resource> resources_;
  std::map<std::string, size_t> index_by_id_;
  std::vector<MetricSeries> series_;
  std::vector<std::pair<std::string, std::string>> skipped_;
  std::vector<std::string> sources_;
};

}  // namespace optima::inventory
