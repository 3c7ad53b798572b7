// The forecasting API's value types: options, the forecast with its intervals and explained
// components, and the end-of-month projection. Plain value types, thread-compatible.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "optima/analysis/series/time_series.h"
#include "optima/core/decimal.h"
#include "optima/core/time.h"

namespace optima::analysis {

enum class ModelChoice { kAuto, kEts, kTheta, kSeasonalNaive, kNaive };

struct ForecastOptions {
  int horizon = 30;  // periods ahead, 1..kMaxHorizon
  // "Now": the period containing as_of is partial and excluded from fitting (and reported);
  // later periods are dropped. Unset: every period of the series is complete.
  std::optional<core::Timestamp> as_of;
  ModelChoice model = ModelChoice::kAuto;
  std::vector<int> seasonal_periods;  // empty: natural_periods(granularity)
  bool detect_level_shift = true;
  bool detect_month_start_fee = true;  // daily series only
  bool remove_outliers = true;         // daily series only: isolated spikes fitted as missing
  int max_evaluations = 100;           // optimiser budget per model fit
};

inline constexpr int kMaxHorizon = 10000;

struct ForecastPoint {
  core::Timestamp time;  // period start
  double mean = 0;
  double lower80 = 0, upper80 = 0;
  double lower95 = 0, upper95 = 0;
};

// A recurring spike on one day of the month (commitment or support fees billed on the 1st).
struct MonthStartFee {
  int day_of_month = 1;
  double amount = 0;
  int months_seen = 0;
};

// A sustained change of level: the model was refitted from `time` on (or, when too little data
// followed it, the earlier history was shifted by `size`).
struct LevelShift {
  core::Timestamp time;
  double size = 0;
  bool refitted_on_segment = false;
};

// What the explaining ETS model says about the series at its end.
struct ForecastComponents {
  std::string model;     // the ETS model the components come from
  double level = 0;      // at the last observed period
  double trend_per_period = 0;
  // Daily series with weekly seasonality: the additive effect of Monday … Sunday.
  std::optional<std::array<double, 7>> weekly_pattern;
  int seasonal_period = 1;
};

struct PartialPeriod {
  core::Timestamp time;
  double value = 0;  // NaN when the period has no data yet
};

struct Forecast {
  std::string model;                    // the chosen model or combination
  Granularity granularity = Granularity::kDay;
  std::vector<ForecastPoint> points;    // horizon periods after the last complete one
  ForecastComponents components;
  std::optional<MonthStartFee> month_start_fee;
  std::optional<LevelShift> level_shift;
  std::optional<PartialPeriod> partial_period;  // excluded from fitting
  size_t observations = 0;                      // complete periods with data used
  size_t missing_periods = 0;                   // missing periods in the fitted span
  size_t outliers_removed = 0;                  // isolated spikes treated as missing
  double backtest_mase = 0;                     // rolling-origin error of the chosen model (NaN if none)
  std::vector<std::string> candidates;          // "model: backtest error" of each candidate
  std::vector<double> sum_sd;  // sum_sd[k-1]: sd of the error of the sum of the first k periods
};

struct MonthEndProjection {
  core::Period month;
  core::Decimal actual_to_date;      // complete days of the month so far
  core::Decimal forecast_remaining;  // the rest of the month, including the partial day
  core::Decimal projected_total;
  core::Decimal lower80, upper80, lower95, upper95;  // of the total
  int days_complete = 0;
  int days_remaining = 0;
  int days_missing = 0;  // days of the month so far without data (forecast in their place)
  std::optional<PartialPeriod> partial_day;
  std::string model;
};

// A double rounded to cents as an exact decimal, for showing money.
core::Decimal to_cents(double value);

}  // namespace optima::analysis
