#include "optima/analysis/evaluation/forecast_metrics.h"

#include <cmath>

#include <gtest/gtest.h>

namespace optima::analysis {
namespace {

TEST(ForecastMetricsTest, SmapeAndMapeMatchHandComputedValues) {
  // |10-8|/(18) = 1/9, |20-25|/45 = 1/9 -> 200/2 * 2/9 = 22.22...
  EXPECT_NEAR(smape({10, 20}, {8, 25}), 200.0 / 9.0, 1e-12);
  // 2/10 + 5/20 = 0.45 -> 100/2 * 0.45 = 22.5
  EXPECT_NEAR(mape({10, 20}, {8, 25}), 22.5, 1e-12);
  EXPECT_DOUBLE_EQ(smape({0, 0}, {0, 0}), 0);
  EXPECT_TRUE(std::isnan(mape({0}, {1})));
}

TEST(ForecastMetricsTest, MaseUsesTheSeasonalInSampleScale) {
  const std::vector<double> train = {1, 3, 2, 4, 3};
  // lag 1: |2|+|1|+|2|+|1| = 6 / 4 = 1.5; lag 2: |1|+|1|+|1| = 3/3 = 1
  EXPECT_DOUBLE_EQ(mase_scale(train, 1), 1.5);
  EXPECT_DOUBLE_EQ(mase_scale(train, 2), 1.0);
  // mean |err| = (1 + 2) / 2 = 1.5
  EXPECT_DOUBLE_EQ(mase(train, {5, 6}, {4, 4}, 1), 1.0);
  EXPECT_DOUBLE_EQ(mase(train, {5, 6}, {4, 4}, 2), 1.5);
  EXPECT_TRUE(std::isnan(mase({1, 1, 1}, {1}, {2}, 1)));
}

TEST(ForecastMetricsTest, CoverageCountsInclusiveBounds) {
  EXPECT_DOUBLE_EQ(interval_coverage({1, 2, 3, 4}, {1, 0, 4, 0}, {1, 1, 5, 10}), 0.5);
}

}  // namespace
}  // namespace optima::analysis
