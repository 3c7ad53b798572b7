// forecast_series(): the forecasting entry point the CLI, the server and budgets call.
//
// Steps: drop the partial current period (ForecastOptions::as_of), remove a recurring
// day-of-month fee (daily series), detect a recent level shift and refit after it, choose and
// fit a model (model_selection.h), add the fee back, and attach 80%/95% intervals and the
// components that explain the forecast. Thread-safe (no shared state).
#pragma once

#include "optima/analysis/forecast/forecast_types.h"
#include "optima/analysis/series/time_series.h"
#include "optima/core/status.h"

namespace optima::analysis {

// Errors: InvalidArgument for a horizon outside 1..kMaxHorizon or a series without a
// granularity; FailedPrecondition when fewer than 3 complete periods have data.
core::Result<Forecast> forecast_series(const TimeSeries& series, const ForecastOptions& options);

// The standard deviation of the sum of the first k forecast periods' errors, as the forecast's
// model implies (k = 1..points.size()); used for month-end totals. Filled by forecast_series.
double forecast_sum_sd(const Forecast& forecast, int k);

}  // namespace optima::analysis
