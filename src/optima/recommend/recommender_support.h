// Helpers shared by the recommenders: starting a Recommendation from its registry entry and
// resource, pricing an instance (price book first, then the bill), building savings terms,
// evaluating profile conditions with evidence text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "optima/recommend/context.h"
#include "optima/recommend/recommendation.h"
#include "optima/recommend/registry.h"

namespace optima::recommend {

// A Recommendation for view.resource() with the registry fields, profile, id and action set.
Recommendation start_recommendation(const RecommenderInfo& info, const ResourceView& view,
                                    std::string action, std::string title);

// On-demand hourly rate of the resource's own type: the rate book, else the bill's average
// hourly EffectiveCost of the resource. nullopt when neither knows it.
std::optional<Rate> current_hourly_rate(const ResourceView& view);

// A term sign × rate × quantity (quantity in the rate's unit: hours or GB per month).
SavingsTerm make_term(std::string label, const Rate& rate, core::Decimal quantity,
                      std::string quantity_unit, int sign = 1);

// 730 h as a Decimal.
core::Decimal hours_per_month();

// Value of a statistic of a UtilizationStats.
double statistic_value(const UtilizationStats& s, Statistic statistic);

// Result of testing profile conditions on a resource.
struct ConditionOutcome {
  bool all_hold = false;      // every evaluated condition holds and required ones had data
  double coverage = 0;        // lowest sample coverage among evaluated conditions
  double margin = 1;          // smallest relative margin to a threshold (0..1)
  std::string rule;           // "max cpu_percent 3.10 < 5; mean network_out_bytes …"
  std::vector<UtilizationStats> stats;  // the statistics read
  std::vector<std::string> skipped;     // optional conditions without data
};
ConditionOutcome evaluate_conditions(ResourceView& view, const std::vector<Condition>& conditions,
                                     int lookback_days, double cpu_idle_threshold);

// Hours of data in stats (samples × step).
double hours_of_data(const UtilizationStats& s, int64_t step_seconds);

// "12.34" for display of a utilization value.
std::string format_value(double v);

}  // namespace optima::recommend

namespace optima::recommend {

// True when the resource's state is running (or unknown, as for scale sets without state).
bool is_running(const inventory::Resource& r);
// Instance shape of the resource's type from the rate book, else from the vcpus / memory_gib
// attributes; nullopt when neither gives vCPUs.
std::optional<InstanceShape> shape_of(const ResourceView& view);
// Whole days between two timestamps (floor).
int64_t days_between(core::Timestamp from, core::Timestamp to);

}  // namespace optima::recommend

namespace optima::recommend {

// The monthly storage cost of a disk or snapshot as a term: size_gb × the rate book's GB-month
// rate of `rate_type` (the disk's type when empty), else the bill's hourly cost × 730 h.
std::optional<SavingsTerm> storage_term(const Context& ctx, const inventory::Resource& disk,
                                        std::string label, std::string_view rate_type = {});
// The monthly cost of a network item: the rate book's hourly fee × 730 h, else the bill's.
std::optional<SavingsTerm> fee_term(const Context& ctx, const inventory::Resource& item,
                                    NetworkFee fee, std::string label);

}  // namespace optima::recommend
