// BudgetStatus: where a budget stands in its current period — actual spend to date (from the
// store through query::execute), the projected end-of-period spend with an interval, percent
// used, the thresholds crossed, and when the budget will be exceeded at the current pace.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "optima/analysis/budget/budget.h"
#include "optima/analysis/budget/spend_projector.h"
#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/store/table_source.h"

namespace optima::analysis {

struct ThresholdState {
  BudgetThreshold threshold;
  core::Decimal level;  // the amount the threshold stands for (percent of the period amount)
  bool crossed = false;
  // Actual: the day the cumulative spend first reached the level. Forecast: the day the
  // projection reaches it (in the past or the future), when it does within the period.
  std::optional<core::Timestamp> on;
};

struct BudgetStatus {
  int64_t budget_id = 0;
  std::string budget_name;
  core::Period period;
  std::string period_label;  // "2024-03"
  core::Timestamp as_of;
  std::string currency;  // of the spend; empty when no row matched
  core::Decimal amount;
  core::Decimal actual;             // spend in [period start, as_of)
  core::Decimal projected;          // expected spend over the whole period
  core::Decimal projected_low;      // ~80% interval
  core::Decimal projected_high;
  std::string projection_model;     // the SpendProjector's model name
  core::Decimal percent_used;       // actual / amount × 100, 2 decimals
  core::Decimal projected_percent;  // projected / amount × 100, 2 decimals
  bool exceeded = false;            // actual > amount already
  // The day the cumulative spend exceeds the amount: in the past when exceeded, else the
  // projected day within the period (nullopt when the projection stays within budget).
  std::optional<core::Timestamp> breach_date;
  std::optional<int64_t> breach_lead_days;  // days from as_of's day to a future breach_date
  std::vector<ThresholdState> thresholds;
  std::string summary;  // one sentence for people and notifications
  std::vector<DailySpend> daily;  // actual spend per day of the period so far
};

// The budget's status for the period containing `as_of`. History for the projection is the
// complete days before as_of's day (up to 28, crossing into the previous period when needed);
// as_of's own partial day counts in `actual` but is projected as a whole day.
// Errors: InvalidArgument when the budget is invalid or its scope matches rows in several
// currencies (pin `currency`); the source's DataLoss / IoError.
core::Result<BudgetStatus> compute_budget_status(const Budget& budget,
                                                 const store::TableSource& source,
                                                 core::Timestamp as_of,
                                                 const SpendProjector& projector);

}  // namespace optima::analysis
