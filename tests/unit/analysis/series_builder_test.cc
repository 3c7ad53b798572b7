#include "optima/analysis/series/series_builder.h"

#include <cmath>

#include <gtest/gtest.h>

#include "optima/analysis/series/series_fill.h"

namespace optima::analysis {
namespace {

core::Timestamp day(int y, int m, int d, int h = 0) { return core::make_timestamp({y, m, d}, h); }

TEST(SeriesBuilderTest, WeeksStartOnMondayAndMonthsOnTheFirst) {
  auto weekly = regularize({{day(2024, 1, 3), 1}, {day(2024, 1, 17), 2}}, Granularity::kWeek,
                           Aggregation::kSum, nullptr);
  ASSERT_TRUE(weekly.is_ok());
  ASSERT_EQ(weekly->size(), 3u);
  EXPECT_EQ(weekly->times[0], day(2024, 1, 1));
  EXPECT_TRUE(std::isnan(weekly->values[1]));
  auto monthly = regularize({{day(2024, 1, 31), 1}, {day(2024, 3, 2), 2}, {day(2024, 3, 9), 3}},
                            Granularity::kMonth, Aggregation::kMean, nullptr);
  ASSERT_TRUE(monthly.is_ok());
  ASSERT_EQ(monthly->size(), 3u);
  EXPECT_EQ(monthly->times[2], day(2024, 3, 1));
  EXPECT_DOUBLE_EQ(monthly->values[2], 2.5);
}

TEST(SeriesBuilderTest, RejectsEmptyAndHugeSpans) {
  EXPECT_FALSE(regularize({}, Granularity::kDay, Aggregation::kSum, nullptr).is_ok());
  auto huge = regularize({{day(1900, 1, 1), 1}, {day(2200, 1, 1), 1}}, Granularity::kHour,
                         Aggregation::kSum, nullptr);
  ASSERT_FALSE(huge.is_ok());
  EXPECT_EQ(huge.status().code(), core::StatusCode::kResourceExhausted);
}

TEST(SeriesBuilderTest, FillInterpolatesGapsAndCarriesEnds) {
  const double nan = std::nan("");
  const auto filled = fill_missing({nan, 1, nan, nan, 4, nan});
  ASSERT_EQ(filled.size(), 6u);
  EXPECT_DOUBLE_EQ(filled[0], 1);
  EXPECT_DOUBLE_EQ(filled[2], 2);
  EXPECT_DOUBLE_EQ(filled[3], 3);
  EXPECT_DOUBLE_EQ(filled[5], 4);
}

}  // namespace
}  // namespace optima::analysis
