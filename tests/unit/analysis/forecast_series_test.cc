#include "optima/analysis/forecast/forecaster.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "optima/analysis/forecast/month_end_projection.h"

namespace optima::analysis {
namespace {

core::Timestamp day(int y, int m, int d, int h = 0) { return core::make_timestamp({y, m, d}, h); }

// A daily series from `start` with values f(t, date) plus seeded Gaussian noise.
template <typename F>
TimeSeries daily_series(core::Timestamp start, int days, double noise_sd, F f) {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, noise_sd);
  TimeSeries s;
  s.granularity = Granularity::kDay;
  for (int t = 0; t < days; ++t) {
    s.times.push_back(advance_periods(start, Granularity::kDay, t));
    s.values.push_back(f(t, core::date_of(s.times.back())) + noise(rng));
  }
  return s;
}

// Monday-based weekday of a date.
int weekday(core::CivilDate d) { return static_cast<int>((core::days_from_civil(d) % 7 + 7 + 3) % 7); }

TEST(ForecastSeriesTest, RecoversLinearTrend) {
  const TimeSeries s = daily_series(day(2024, 1, 1), 120, 0.5, [](int t, core::CivilDate) { return 50.0 + 2.0 * t; });
  ForecastOptions options;
  options.horizon = 14;
  auto f = forecast_series(s, options);
  ASSERT_TRUE(f.is_ok()) << f.status().to_string();
  ASSERT_EQ(f->points.size(), 14u);
  EXPECT_EQ(f->points.front().time, day(2024, 4, 30));
  EXPECT_NEAR(f->points.back().mean, 50.0 + 2.0 * 133, 4.0);
  EXPECT_NEAR(f->components.trend_per_period, 2.0, 0.2);
}

TEST(ForecastSeriesTest, RecoversWeeklyPatternAsSevenNumbers) {
  const double pattern[7] = {10, 12, 11, 13, 9, -25, -30};  // Monday .. Sunday
  const TimeSeries s = daily_series(day(2024, 1, 1), 140, 1.0, [&](int, core::CivilDate d) {
    return 200.0 + pattern[weekday(d)];
  });
  ForecastOptions options;
  options.horizon = 14;
  auto f = forecast_series(s, options);
  ASSERT_TRUE(f.is_ok()) << f.status().to_string();
  ASSERT_TRUE(f->components.weekly_pattern.has_value()) << f->components.model;
  for (int i = 0; i < 7; ++i) EXPECT_NEAR((*f->components.weekly_pattern)[static_cast<size_t>(i)], pattern[i], 3.0) << i;
  for (const auto& p : f->points) {
    EXPECT_NEAR(p.mean, 200.0 + pattern[weekday(core::date_of(p.time))], 4.0) << core::format_date(p.time);
  }
}

TEST(ForecastSeriesTest, DetectsLevelShiftAndForecastsTheNewLevel) {
  const TimeSeries s = daily_series(day(2024, 1, 1), 150, 2.0, [](int t, core::CivilDate) {
    return t < 100 ? 100.0 : 160.0;
  });
  ForecastOptions options;
  options.horizon = 10;
  auto f = forecast_series(s, options);
  ASSERT_TRUE(f.is_ok()) << f.status().to_string();
  ASSERT_TRUE(f->level_shift.has_value());
  EXPECT_EQ(f->level_shift->time, advance_periods(day(2024, 1, 1), Granularity::kDay, 100));
  EXPECT_NEAR(f->level_shift->size, 60.0, 6.0);
  EXPECT_TRUE(f->level_shift->refitted_on_segment);
  EXPECT_NEAR(f->points.front().mean, 160.0, 5.0);
}

TEST(ForecastSeriesTest, SteadyTrendIsNotALevelShift) {
  const TimeSeries s = daily_series(day(2024, 1, 1), 150, 1.0, [](int t, core::CivilDate) { return 100.0 + t; });
  auto f = forecast_series(s, {});
  ASSERT_TRUE(f.is_ok());
  EXPECT_FALSE(f->level_shift.has_value());
}

TEST(ForecastSeriesTest, ModelsMonthStartFeeAndAddsItBack) {
  const TimeSeries s = daily_series(day(2024, 1, 1), 182, 3.0, [](int, core::CivilDate d) {
    return 100.0 + (d.day == 1 ? 500.0 : 0.0);
  });
  ForecastOptions options;
  options.horizon = 40;
  auto f = forecast_series(s, options);
  ASSERT_TRUE(f.is_ok()) << f.status().to_string();
  ASSERT_TRUE(f->month_start_fee.has_value());
  EXPECT_EQ(f->month_start_fee->day_of_month, 1);
  EXPECT_NEAR(f->month_start_fee->amount, 500.0, 15.0);
  for (const auto& p : f->points) {
    const double expected = core::date_of(p.time).day == 1 ? 600.0 : 100.0;
    EXPECT_NEAR(p.mean, expected, 15.0) << core::format_date(p.time);
  }
}

TEST(ForecastSeriesTest, IntervalsNestAndWidenWithHorizon) {
  const TimeSeries s = daily_series(day(2024, 1, 1), 200, 5.0, [](int t, core::CivilDate) { return 100.0 + 0.1 * t; });
  ForecastOptions options;
  options.horizon = 30;
  auto f = forecast_series(s, options);
  ASSERT_TRUE(f.is_ok());
  for (size_t i = 0; i < f->points.size(); ++i) {
    const auto& p = f->points[i];
    EXPECT_LT(p.lower95, p.lower80);
    EXPECT_LT(p.lower80, p.mean);
    EXPECT_LT(p.mean, p.upper80);
    EXPECT_LT(p.upper80, p.upper95);
    if (i > 0) {
      EXPECT_GE(p.upper95 - p.lower95, f->points[i - 1].upper95 - f->points[i - 1].lower95 - 1e-9);
    }
  }
  EXPECT_GT(f->points.back().upper80 - f->points.back().lower80,
            f->points.front().upper80 - f->points.front().lower80);
}

TEST(ForecastSeriesTest, MissingDaysAreCountedAndBridged) {
  TimeSeries s = daily_series(day(2024, 1, 1), 100, 1.0, [](int, core::CivilDate) { return 40.0; });
  for (int t : {10, 11, 12, 50, 77}) s.values[static_cast<size_t>(t)] = std::nan("");
  auto f = forecast_series(s, {});
  ASSERT_TRUE(f.is_ok()) << f.status().to_string();
  EXPECT_EQ(f->missing_periods, 5u);
  EXPECT_EQ(f->observations, 95u);
  EXPECT_NEAR(f->points.front().mean, 40.0, 2.0);
}

TEST(ForecastSeriesTest, PartialCurrentPeriodIsExcludedAndReported) {
  TimeSeries s = daily_series(day(2024, 1, 1), 60, 0.5, [](int, core::CivilDate) { return 80.0; });
  s.values.back() = 7.0;  // today so far
  ForecastOptions options;
  options.horizon = 3;
  options.as_of = advance_periods(day(2024, 1, 1), Granularity::kDay, 59);
  options.as_of->unix_seconds += 6 * 3600;
  auto f = forecast_series(s, options);
  ASSERT_TRUE(f.is_ok());
  ASSERT_TRUE(f->partial_period.has_value());
  EXPECT_DOUBLE_EQ(f->partial_period->value, 7.0);
  EXPECT_EQ(f->points.front().time, s.times.back());
  EXPECT_NEAR(f->points.front().mean, 80.0, 2.0);
}

TEST(ForecastSeriesTest, RejectsBadHorizonAndTooShortSeries) {
  const TimeSeries s = daily_series(day(2024, 1, 1), 2, 0, [](int, core::CivilDate) { return 1.0; });
  ForecastOptions options;
  options.horizon = 0;
  EXPECT_EQ(forecast_series(s, options).status().code(), core::StatusCode::kInvalidArgument);
  options.horizon = 5;
  EXPECT_EQ(forecast_series(s, options).status().code(), core::StatusCode::kFailedPrecondition);
}

TEST(ForecastSeriesTest, MonthEndProjectionAddsActualsAndForecast) {
  const TimeSeries s = daily_series(day(2024, 1, 1), 70, 2.0, [](int, core::CivilDate) { return 100.0; });
  // 2024-03-10 noon: March 1..9 are complete, the 10th is partial, 22 days remain.
  auto p = project_month_end(s, day(2024, 3, 10, 12), {});
  ASSERT_TRUE(p.is_ok()) << p.status().to_string();
  EXPECT_EQ(p->days_complete, 9);
  EXPECT_EQ(p->days_remaining, 22);
  EXPECT_NEAR(p->actual_to_date.to_double(), 900.0, 20.0);
  EXPECT_NEAR(p->projected_total.to_double(), 3100.0, 60.0);
  EXPECT_LT(p->lower95, p->lower80);
  EXPECT_LT(p->lower80, p->projected_total);
  EXPECT_LT(p->projected_total, p->upper80);
  EXPECT_LT(p->upper80, p->upper95);
  EXPECT_EQ(p->projected_total, p->actual_to_date + p->forecast_remaining);
  EXPECT_EQ(p->projected_total.to_fixed(2), p->projected_total.round(2).to_fixed(2));
}

TEST(ForecastSeriesTest, MonthlySeriesUsesTwelveMonthSeason) {
  TimeSeries s;
  s.granularity = Granularity::kMonth;
  for (int i = 0; i < 48; ++i) {
    s.times.push_back(advance_periods(day(2020, 1, 1), Granularity::kMonth, i));
    s.values.push_back(1000.0 + 10.0 * i + (i % 12 == 11 ? 300.0 : 0.0));
  }
  ForecastOptions options;
  options.horizon = 12;
  auto f = forecast_series(s, options);
  ASSERT_TRUE(f.is_ok());
  EXPECT_EQ(f->points.front().time, day(2024, 1, 1));
  EXPECT_GT(f->points[11].mean, f->points[10].mean + 200.0);  // December again
}

}  // namespace
}  // namespace optima::analysis
