#include "optima/analysis/forecast/forecaster.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "optima/analysis/forecast/level_shift.h"
#include "optima/analysis/forecast/model_selection.h"
#include "optima/analysis/forecast/month_start_fee.h"
#include "optima/analysis/series/series_fill.h"

namespace optima::analysis {
namespace {

constexpr double kZ80 = 1.2815515655446004;
constexpr double kZ95 = 1.959963984540054;

ForecastComponents components_of(const EtsFit& fit, core::Timestamp last, Granularity g) {
  ForecastComponents c;
  if (!fit.ok) return c;
  c.model = ets_name(fit.spec);
  c.level = fit.level;
  c.trend_per_period = fit.spec.trend == EtsTrend::kNone ? 0.0 : fit.phi * fit.slope;
  c.seasonal_period = fit.spec.period;
  if (g == Granularity::kDay && fit.spec.period == 7) {
    std::array<double, 7> week{};
    for (size_t i = 0; i < 7; ++i) {
      // seasonal[i] is for the day i + 1 after the last one. Day 0 (1970-01-01) was a
      // Thursday: the Monday-based weekday is (days + 3) mod 7.
      const int64_t days = last.unix_seconds / core::kSecondsPerDay + static_cast<int64_t>(i) + 1;
      const auto weekday = static_cast<size_t>(((days % 7) + 7 + 3) % 7);
      week[weekday] = fit.seasonal[i];
    }
    c.weekly_pattern = week;
  }
  return c;
}

}  // namespace

core::Decimal to_cents(double value) {
  if (!std::isfinite(value)) return core::Decimal();
  core::Decimal d;
  if (!core::Decimal::parse(fmt::format("{:.2f}", value), &d)) return core::Decimal();
  return d;
}

double forecast_sum_sd(const Forecast& forecast, int k) {
  if (k <= 0 || forecast.sum_sd.empty()) return 0;
  return forecast.sum_sd[static_cast<size_t>(std::min<int>(k, static_cast<int>(forecast.sum_sd.size())) - 1)];
}

core::Result<Forecast> forecast_series(const TimeSeries& series, const ForecastOptions& options) {
  if (options.horizon < 1 || options.horizon > kMaxHorizon) {
    return core::invalid_argument(
        fmt::format("horizon {}: expected 1 to {} periods", options.horizon, kMaxHorizon));
  }
  const Granularity g = series.granularity;
  if (g == Granularity::kNone) return core::invalid_argument("a series needs a granularity");
  Forecast out;
  out.granularity = g;
  std::vector<core::Timestamp> times = series.times;
  std::vector<double> y = series.values;
  if (options.as_of && !times.empty()) {
    const core::Timestamp current = period_start(*options.as_of, g);
    while (!times.empty() && times.back() > current) {
      times.pop_back();
      y.pop_back();
    }
    PartialPeriod partial{current, std::numeric_limits<double>::quiet_NaN()};
    if (!times.empty() && times.back() == current) {
      partial.value = y.back();
      times.pop_back();
      y.pop_back();
    }
    // Periods between the last data and now are unknown, not zero.
    while (!times.empty() && advance_periods(times.back(), g, 1) < current) {
      times.push_back(advance_periods(times.back(), g, 1));
      y.push_back(std::numeric_limits<double>::quiet_NaN());
    }
    out.partial_period = partial;
  }
  size_t observed = 0;
  for (double v : y) observed += std::isnan(v) ? 0 : 1;
  if (observed < 3) {
    return core::failed_precondition(fmt::format(
        "a forecast needs at least 3 complete periods with data; the series has {}", observed));
  }
  std::vector<int> periods = options.seasonal_periods.empty() ? natural_periods(g)
                                                              : options.seasonal_periods;
  std::vector<double> filled = fill_missing(y);
  if (options.detect_month_start_fee && g == Granularity::kDay) {
    out.month_start_fee = detect_month_start_fee(filled, times);
    if (out.month_start_fee) {
      apply_month_start_fee(*out.month_start_fee, times, -1.0, &y);
      apply_month_start_fee(*out.month_start_fee, times, -1.0, &filled);
    }
  }
  if (options.detect_level_shift) {
    const size_t window = periods.empty() ? 7 : static_cast<size_t>(std::max(7, periods.front()));
    if (auto shift = detect_level_shift(filled, window)) {
      const size_t after = y.size() - shift->index;
      const size_t season = periods.empty() ? 1 : static_cast<size_t>(periods.front());
      LevelShift ls{times[shift->index], shift->size, after >= std::max(2 * season + 2, 3 * window)};
      if (ls.refitted_on_segment) {
        const auto cut = static_cast<std::ptrdiff_t>(shift->index);
        times.erase(times.begin(), times.begin() + cut);
        y.erase(y.begin(), y.begin() + cut);
      } else {
        for (size_t t = 0; t < shift->index; ++t) y[t] += shift->size;
      }
      out.level_shift = ls;
    }
  }
  out.observations = 0;
  for (double v : y) out.observations += std::isnan(v) ? 0 : 1;
  out.missing_periods = y.size() - out.observations;
  Selection sel = select_and_forecast(y, periods, options.horizon, options.model,
                                      options.max_evaluations);
  const ModelForecast& mf = sel.forecast;
  out.model = mf.name;
  out.backtest_mase = sel.backtest_error;
  out.candidates = std::move(sel.candidates);
  std::vector<core::Timestamp> future;
  for (int h = 1; h <= options.horizon; ++h) future.push_back(advance_periods(times.back(), g, h));
  std::vector<double> mean = mf.mean;
  if (out.month_start_fee) apply_month_start_fee(*out.month_start_fee, future, 1.0, &mean);
  for (int h = 1; h <= options.horizon; ++h) {
    const size_t i = static_cast<size_t>(h - 1);
    const double sd = horizon_sd(mf, h);
    out.points.push_back({future[i], mean[i], mean[i] - kZ80 * sd, mean[i] + kZ80 * sd,
                          mean[i] - kZ95 * sd, mean[i] + kZ95 * sd});
    out.sum_sd.push_back(sum_sd(mf, h));
  }
  out.components = components_of(sel.explaining_ets, times.back(), g);
  return out;
}

}  // namespace optima::analysis
