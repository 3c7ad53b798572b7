#include "optima/analysis/forecast/month_end_projection.h"

#include <cmath>

#include "optima/analysis/forecast/forecaster.h"

namespace optima::analysis {

core::Result<MonthEndProjection> project_month_end(const TimeSeries& daily, core::Timestamp as_of,
                                                   ForecastOptions options) {
  if (daily.granularity != Granularity::kDay) {
    return core::invalid_argument("a month-end projection needs a daily series");
  }
  MonthEndProjection p;
  p.month = core::month_of(as_of);
  const core::Timestamp today = core::start_of_day(as_of);
  p.days_remaining = static_cast<int>((p.month.end.unix_seconds - today.unix_seconds) / core::kSecondsPerDay);
  p.days_complete = static_cast<int>((today.unix_seconds - p.month.start.unix_seconds) / core::kSecondsPerDay);
  options.as_of = as_of;
  options.horizon = p.days_remaining;
  OPTIMA_ASSIGN_OR_RETURN(Forecast f, forecast_series(daily, options));
  double actual = 0;
  int seen = 0;
  for (size_t i = 0; i < daily.size(); ++i) {
    if (daily.times[i] < p.month.start || !(daily.times[i] < today)) continue;
    if (std::isnan(daily.values[i])) continue;
    actual += daily.values[i];
    ++seen;
  }
  // Days of the month before today without data: their model value stands in for them.
  p.days_missing = p.days_complete - seen;
  double remaining = 0;
  for (const auto& point : f.points) remaining += point.mean;
  double sd = forecast_sum_sd(f, p.days_remaining);
  if (p.days_missing > 0) {
    const double per_day = f.points.empty() ? 0.0 : f.points.front().mean;
    remaining += per_day * p.days_missing;
    sd *= std::sqrt(static_cast<double>(p.days_remaining + p.days_missing) / p.days_remaining);
  }
  const double total = actual + remaining;
  p.actual_to_date = to_cents(actual);
  p.forecast_remaining = to_cents(remaining);
  p.projected_total = p.actual_to_date + p.forecast_remaining;
  p.lower80 = to_cents(total - 1.2815515655446004 * sd);
  p.upper80 = to_cents(total + 1.2815515655446004 * sd);
  p.lower95 = to_cents(total - 1.959963984540054 * sd);
  p.upper95 = to_cents(total + 1.959963984540054 * sd);
  p.partial_day = f.partial_period;
  p.model = f.model;
  return p;
}

}  // namespace optima::analysis
