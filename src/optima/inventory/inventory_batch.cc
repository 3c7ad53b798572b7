#include "optima/inventory/inventory_batch.h"

namespace optima::inventory {

core::Status InventoryBatch::add_resource(Resource resource) {
  auto [it, inserted] = index_by_id_.try_emplace(resource.resource_id, resources_.size());
  if (inserted) {
    resources_.push_back(std::move(resource));
  } else {
    resources_[it->second] = std::move(resource);
  }
  return core::Status::ok();
}

core::Status InventoryBatch::add_series(MetricSeries series) {
  series_.push_back(std::move(series));
  return core::Status::ok();
}

void InventoryBatch::skip(const std::string& source, const std::string& reason) {
  skipped_.emplace_back(source, reason);
}

void InventoryBatch::add_source(const std::string& path) { sources_.push_back(path); }

}  // namespace optima::inventory
