// End-of-month projection of a daily cost series: the actual spend of the month's complete
// days plus the forecast of the remaining days (today included, as today is partial), with an
// 80%/95% interval on the total from the model's error structure (errors of later days are
// correlated with earlier ones, so the sum's variance is accumulated, not added per day).
#pragma once

#include "optima/analysis/forecast/forecast_types.h"
#include "optima/analysis/series/time_series.h"
#include "optima/core/status.h"

namespace optima::analysis {

// `as_of` is now (inject a clock). options.horizon and options.as_of are overridden. Errors:
// InvalidArgument unless the series is daily; those of forecast_series().
core::Result<MonthEndProjection> project_month_end(const TimeSeries& daily, core::Timestamp as_of,
                                                   ForecastOptions options);

}  // namespace optima::analysis
