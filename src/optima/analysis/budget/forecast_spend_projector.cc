#include "optima/analysis/budget/forecast_spend_projector.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "optima/analysis/forecast/forecaster.h"

namespace optima::analysis {
namespace {

constexpr double kZ80 = 1.2816;

core::Decimal decimal_of(double value) {
  core::Decimal out;
  if (!std::isfinite(value) || !core::Decimal::parse(fmt::format("{:.6f}", value), &out))
    return core::Decimal();
  return out;
}

}  // namespace

core::Result<SpendProjection> ForecastSpendProjector::project(
    const std::vector<DailySpend>& history, core::Timestamp first_day,
    core::Timestamp period_end) const {
  const DailyPaceProjector pace(28);
  auto fallback = [&](const std::string& reason) -> core::Result<SpendProjection> {
    OPTIMA_ASSIGN_OR_RETURN(SpendProjection p, pace.project(history, first_day, period_end));
    p.model += fmt::format(" (fallback: {})", reason);
    return p;
  };
  if (first_day.unix_seconds % core::kSecondsPerDay != 0 || first_day > period_end)
    return pace.project(history, first_day, period_end);  // its error names the precondition
  if (history.empty())
    return fallback("no history");
  if (first_day == period_end)
    return pace.project(history, first_day, period_end);

  TimeSeries series;
  series.granularity = Granularity::kDay;
  for (const DailySpend& d : history) {
    series.times.push_back(d.day);
    series.values.push_back(d.amount.to_double());
  }
  // Forecast points start the day after the history; the projection wants [first_day, end).
  const core::Timestamp after_history{history.back().day.unix_seconds + core::kSecondsPerDay};
  const int64_t skip = (first_day.unix_seconds - after_history.unix_seconds) / core::kSecondsPerDay;
  const int64_t days =
      (period_end.unix_seconds - first_day.unix_seconds + core::kSecondsPerDay - 1) /
      core::kSecondsPerDay;
  if (skip < 0)
    return fallback("history overlaps the projected days");
  ForecastOptions options;
  options.horizon = static_cast<int>(std::min<int64_t>(skip + days, kMaxHorizon));
  auto forecast = forecast_series(series, options);
  if (!forecast.is_ok())
    return fallback(forecast.status().message());
  if (static_cast<int64_t>(forecast->points.size()) < skip + days)
    return fallback("forecast shorter than the period");

  SpendProjection out;
  out.model = "forecast:" + forecast->model;
  for (int64_t i = 0; i < days; ++i) {
    const ForecastPoint& p = forecast->points[static_cast<size_t>(skip + i)];
    const core::Decimal value = decimal_of(std::max(0.0, p.mean));
    out.days.push_back({p.time, value});
    out.remaining += value;
  }
  // The sd of the sum of days skip+1 … skip+days: of the whole sum less the skipped part's, an
  // approximation that keeps the model's error correlation.
  const double total_sd = forecast_sum_sd(*forecast, static_cast<int>(skip + days));
  const double skipped_sd = skip > 0 ? forecast_sum_sd(*forecast, static_cast<int>(skip)) : 0.0;
  const double sd = std::sqrt(std::max(0.0, total_sd * total_sd - skipped_sd * skipped_sd));
  const core::Decimal half = decimal_of(kZ80 * sd);
  out.remaining_low = std::max(core::Decimal(), out.remaining - half);
  out.remaining_high = out.remaining + half;
  return out;
}

}  // namespace optima::analysis
