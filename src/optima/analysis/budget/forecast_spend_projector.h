// ForecastSpendProjector: the budget projection through the forecasting models
// (analysis::forecast_series: ETS / Theta / naive chosen by backtest, weekly and yearly
// seasonality, month-start fees, level shifts), with the daily pace as the fallback when the
// history is too short for a model (fewer than 3 days with data) or the model fails.
#pragma once

#include "optima/analysis/budget/spend_projector.h"

namespace optima::analysis {

// Thread-safe (stateless).
class ForecastSpendProjector final : public SpendProjector {
 public:
  // history_days: the days of history queried for the model (default 120).
  explicit ForecastSpendProjector(int history_days = 120) : history_days_(history_days) {}

  // The model's daily means (negative ones become zero) and an 80% interval of their sum from
  // the model's error structure; model is "forecast:<model>", or the fallback's with
  // " (fallback: <reason>)".
  core::Result<SpendProjection> project(const std::vector<DailySpend>& history,
                                        core::Timestamp first_day,
                                        core::Timestamp period_end) const override;
  int history_days() const override { return history_days_; }

 private:
  int history_days_;
};

}  // namespace optima::analysis
