#include "optima/analysis/forecast/store_forecast.h"

#include <cmath>
#include <memory>

#include <gtest/gtest.h>

#include "optima/analysis/series/query_series.h"
#include "optima/focus/table_builder.h"
#include "optima/query/executor.h"

namespace optima::analysis {
namespace {

// 90 days of EffectiveCost for two services, one row per service and day; "Storage" has no
// rows on days 30..34 (a true zero while "Compute" still bills), and no row at all on day 60.
std::shared_ptr<store::InMemoryTableSource> billing_source() {
  focus::TableBuilder b;
  for (auto c : {focus::Column::kChargePeriodStart, focus::Column::kServiceName,
                 focus::Column::kEffectiveCost, focus::Column::kBillingCurrency}) {
    b.declare(c);
  }
  const core::Timestamp start = core::make_timestamp({2024, 1, 1});
  for (int d = 0; d < 90; ++d) {
    if (d == 60) continue;
    const core::Timestamp t{start.unix_seconds + d * core::kSecondsPerDay + 3600};
    b.set_time(focus::Column::kChargePeriodStart, t);
    b.set_string(focus::Column::kServiceName, "Compute");
    b.set_decimal(focus::Column::kEffectiveCost, core::Decimal::from_int(100 + (d % 7 == 0 ? 10 : 0)));
    b.set_string(focus::Column::kBillingCurrency, "USD");
    b.finish_row();
    if (d >= 30 && d < 35) continue;
    b.set_time(focus::Column::kChargePeriodStart, t);
    b.set_string(focus::Column::kServiceName, "Storage");
    b.set_decimal(focus::Column::kEffectiveCost, core::Decimal::from_int(20));
    b.set_string(focus::Column::kBillingCurrency, "USD");
    b.finish_row();
  }
  auto source = std::make_shared<store::InMemoryTableSource>();
  source->add(std::make_shared<const focus::Table>(b.finish()));
  return source;
}

TEST(ForecastStoreTest, QuerySeriesFillTrueZerosAndMarkUnloadedDaysMissing) {
  auto source = billing_source();
  SeriesQuery request;
  request.group_by = query::Dimension::of_column(focus::Column::kServiceName);
  auto q = series_query(request);
  ASSERT_TRUE(q.is_ok());
  auto result = query::execute(*q, *source);
  ASSERT_TRUE(result.is_ok()) << result.status().to_string();
  auto series = series_from_query_result(*result, Granularity::kDay);
  ASSERT_TRUE(series.is_ok()) << series.status().to_string();
  ASSERT_EQ(series->size(), 2u);
  const TimeSeries& storage = (*series)[1].series;
  EXPECT_EQ((*series)[1].label, "Storage");
  ASSERT_EQ(storage.size(), 90u);
  EXPECT_EQ(storage.values[31], 0.0);
  EXPECT_TRUE(std::isnan(storage.values[60]));
  EXPECT_EQ(storage.values[0], 20.0);
}

TEST(ForecastStoreTest, RejectsResultsWithTwoDimensions) {
  query::QueryResult r;
  r.columns = {{"period", query::ValueType::kTime, ""}, {"a", query::ValueType::kString, ""},
               {"b", query::ValueType::kString, ""}, {"EffectiveCost", query::ValueType::kMoney, "USD"}};
  auto s = series_from_query_result(r, Granularity::kDay);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.status().message().find("2 dimensions"), std::string::npos);
}

TEST(ForecastStoreTest, ForecastsEachServiceAndProjectsMonthEnd) {
  auto source = billing_source();
  SeriesQuery request;
  request.group_by = query::Dimension::of_column(focus::Column::kServiceName);
  ForecastOptions options;
  options.horizon = 7;
  options.as_of = core::make_timestamp({2024, 3, 31}, 12);
  auto forecasts = forecast_query(*source, request, options);
  ASSERT_TRUE(forecasts.is_ok()) << forecasts.status().to_string();
  ASSERT_EQ(forecasts->size(), 2u);
  EXPECT_EQ((*forecasts)[0].label, "Compute");
  EXPECT_EQ((*forecasts)[0].currency, "USD");
  EXPECT_NEAR((*forecasts)[1].forecast.points[0].mean, 20.0, 1.5);
  ASSERT_TRUE((*forecasts)[0].forecast.partial_period.has_value());

  request.group_by.reset();
  auto projections = project_month_end_query(*source, request, core::make_timestamp({2024, 3, 20}, 8), {});
  ASSERT_TRUE(projections.is_ok()) << projections.status().to_string();
  ASSERT_EQ(projections->size(), 1u);
  const MonthEndProjection& p = (*projections)[0].projection;
  EXPECT_EQ(p.days_complete, 19);
  EXPECT_EQ(p.days_remaining, 12);
  // March 1 is day 60, which has no rows: 18 days × 120 plus 10 on days 63, 70 and 77.
  EXPECT_EQ(p.actual_to_date.to_fixed(2), "2190.00");
  EXPECT_EQ(p.days_missing, 1);
  EXPECT_NEAR(p.projected_total.to_double(), 31 * 120.0 + 40.0, 60.0);
}

}  // namespace
}  // namespace optima::analysis
