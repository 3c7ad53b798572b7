// InMemoryMetrics: an index from lower-cased resource id to series.
#include "optima/recommend/metric_source.h"

#include "optima/core/strings.h"

namespace optima::recommend {

void InMemoryMetrics::add(inventory::MetricSeries series) {
  by_resource_[core::to_lower_ascii(series.resource_id)].push_back(series_.size());
  series_.push_back(std::move(series));
}

core::Status InMemoryMetrics::series_for(const inventory::Resource& resource,
                                         std::vector<inventory::MetricSeries>* out) const {
  out->clear();
  for (const std::string* id : {&resource.resource_id, &resource.native_id}) {
    if (id->empty()) continue;
    auto it = by_resource_.find(core::to_lower_ascii(*id));
    if (it == by_resource_.end()) continue;
    for (size_t i : it->second) out->push_back(series_[i]);
    break;
  }
  return core::Status::ok();
}

}  // namespace optima::recommend
