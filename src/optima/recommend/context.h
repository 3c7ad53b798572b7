// Context and ResourceView: what one recommender sees when it evaluates one resource.
// Context is shared read-only by all workers of a run; ResourceView holds one resource's metric
// series (fetched once) and computes statistics over the windows the recommenders ask for,
// caching them. One ResourceView per worker at a time: not thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/time.h"
#include "optima/inventory/metric_series.h"
#include "optima/inventory/resource.h"
#include "optima/recommend/billing_facts.h"
#include "optima/recommend/estate_index.h"
#include "optima/recommend/profile.h"
#include "optima/recommend/rate_book.h"
#include "optima/recommend/utilization_stats.h"

namespace optima::recommend {

struct Context {
  const Profile& profile;
  const RateBook& rates;
  const EstateIndex& estate;
  const BillingFacts& billing;
  // End of every evidence window and "now" for ages; when unset, each series' window ends one
  // step after its last sample and ages are measured from the latest metric sample seen.
  std::optional<core::Timestamp> as_of;
};

class ResourceView {
 public:
  ResourceView(const inventory::Resource& resource,
               const std::vector<inventory::MetricSeries>& series, const Context& context,
               StatsAccumulator* scratch)
      : resource_(resource), series_(series), context_(context), scratch_(scratch) {}

  const inventory::Resource& resource() const { return resource_; }
  const Context& context() const { return context_; }
  // The series of `metric` (the first one when several), nullptr when absent.
  const inventory::MetricSeries* series(std::string_view metric) const;
  // Statistics of `metric` over the `days` days before the window end (the last `last_days`
  // when > 0), idle fraction against `idle_threshold`. nullptr when the metric is absent.
  const UtilizationStats* stats(std::string_view metric, int days, double idle_threshold,
                                int last_days = 0);
  // End of evidence windows for this resource (see Context::as_of).
  core::Timestamp window_end(std::string_view metric) const;
  // "Now" for ages: Context::as_of, else the latest sample of any series of the resource,
  // else nullopt.
  std::optional<core::Timestamp> now() const;

 private:
  struct Cached {
    std::string metric;
    int days;
    int last_days;
    double threshold;
    UtilizationStats stats;
  };
  const inventory::Resource& resource_;
  const std::vector<inventory::MetricSeries>& series_;
  const Context& context_;
  StatsAccumulator* scratch_;
  std::vector<std::unique_ptr<Cached>> cache_;
};

// Attribute of a resource, "" when absent.
std::string_view attribute(const inventory::Resource& r, std::string_view key);
// Attribute parsed as a number, nullopt when absent or not a number.
std::optional<double> numeric_attribute(const inventory::Resource& r, std::string_view key);
// Tag value by case-insensitive key, "" when absent.
std::string_view tag(const inventory::Resource& r, std::string_view key);

}  // namespace optima::recommend
