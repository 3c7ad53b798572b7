// Root cause by contribution analysis: which accounts, services, regions, usage types and
// resources an anomaly's change comes from.
//
// Input: the anomaly series' cost per period in a baseline window and in the anomaly window,
// split by the root-cause dimensions. A greedy drill-down in the spirit of Adtributor (Bhagwan
// et al., NSDI 2014): at each step, over the dimensions not used yet, take the value carrying the
// largest share of the change (explanatory power; ties broken by surprise, the Jensen-Shannon
// term of the value's share before and after), keep it while the narrowed slice still explains
// at least the target share (80%), and stop when no value does. The resource dimension is not
// drilled into; it counts the slice's resources and the new ones. Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "optima/analysis/anomaly/anomaly.h"

namespace optima::analysis {

struct ContributionRow {
  std::vector<std::string> values;  // one per dimension; "" is null
  double baseline = 0;              // cost per period before
  double current = 0;               // cost per period during the anomaly
};

struct ContributionTable {
  std::vector<std::string> dimensions;  // "SubAccountName", "RegionId", "ResourceId", …
  std::vector<ContributionRow> rows;
};

struct RootCauseOptions {
  double explain_target = 0.8;
  std::string resource_dimension = "ResourceId";  // counted, not drilled into
  // Dimensions naming what kind of resource it is, best first (the first with a value wins).
  std::vector<std::string> kind_dimensions = {"x_UsageType", "ResourceType", "SkuId"};
};

// The drill-down path (empty when the change is zero or no value carries any of it), the share
// it explains, and the resources of the final slice.
RootCause explain_change(const ContributionTable& table, const RootCauseOptions& options = {});

// One plain sentence for an anomaly with its root cause, e.g.
// "Amazon EC2 in data-dev, us-east-1: +$130.56/day since 2 Aug 2026 (spike, 4 days); 97% of
//  the change from 8 new resources (BoxUsage:c5.4xlarge)".
std::string describe_anomaly(const Anomaly& anomaly);

// "$1,240.50" for USD, "1,240.50 EUR" otherwise; `digits` fractional digits.
std::string format_money(core::Decimal amount, const std::string& currency, int digits = 2);

}  // namespace optima::analysis
