#include <cmath>

#include <gtest/gtest.h>

#include "optima/analysis/forecast/benchmark_models.h"
#include "optima/analysis/forecast/ets_model.h"
#include "optima/analysis/forecast/model_forecast.h"
#include "optima/analysis/forecast/seasonal_adjustment.h"

namespace optima::analysis {
namespace {

TEST(ForecastModelsTest, NaiveAndSeasonalNaiveRepeatTheRightValues) {
  const std::vector<double> y = {1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(naive_forecast(y, 3).mean, (std::vector<double>{7, 7, 7}));
  EXPECT_EQ(seasonal_naive_forecast(y, 3, 5).mean, (std::vector<double>{5, 6, 7, 5, 6}));
  EXPECT_EQ(seasonal_naive_forecast(y, 3, 5).psi, (std::vector<double>{1, 0, 0, 1, 0}));
}

TEST(ForecastModelsTest, SumSdAccumulatesCorrelatedErrors) {
  ModelForecast f;
  f.sigma = 2;
  f.psi = {1, 1, 1};  // a random walk: the k-step sum has variance Σ r² for r = 1..k
  EXPECT_DOUBLE_EQ(horizon_sd(f, 3), 2 * std::sqrt(3.0));
  EXPECT_DOUBLE_EQ(sum_sd(f, 2), 2 * std::sqrt(1.0 + 4.0));
  EXPECT_DOUBLE_EQ(sum_sd(f, 3), 2 * std::sqrt(1.0 + 4.0 + 9.0));
}

TEST(ForecastModelsTest, EtsRecoversSeasonAndTrend) {
  std::vector<double> y;
  const double season[4] = {5, -2, 0, -3};
  for (int t = 0; t < 60; ++t) y.push_back(20.0 + 0.5 * t + season[t % 4]);
  const EtsFit fit = select_ets(y, {4});
  ASSERT_TRUE(fit.ok);
  EXPECT_EQ(fit.spec.period, 4);
  EXPECT_NE(fit.spec.trend, EtsTrend::kNone);
  const ModelForecast f = ets_forecast(fit, 4);
  for (int h = 0; h < 4; ++h) EXPECT_NEAR(f.mean[static_cast<size_t>(h)], 20.0 + 0.5 * (60 + h) + season[h], 0.5);
}

TEST(ForecastModelsTest, EtsTreatsMissingValuesAsUnobserved) {
  std::vector<double> y(40, 10.0);
  y[5] = std::nan("");
  y[20] = std::nan("");
  const EtsFit fit = fit_ets(y, {EtsTrend::kNone, 1});
  ASSERT_TRUE(fit.ok);
  EXPECT_EQ(fit.observed, 38);
  EXPECT_NEAR(ets_forecast(fit, 1).mean[0], 10.0, 1e-6);
}

TEST(ForecastModelsTest, SeasonalityTestAndDecompositionFindTheCycle) {
  std::vector<double> y;
  for (int t = 0; t < 96; ++t) y.push_back(100.0 * (t % 12 == 0 ? 1.5 : 1.0) + t % 3);
  EXPECT_TRUE(seasonality_test(y, 12));
  const SeasonalIndices si = classical_decomposition(y, 12);
  EXPECT_TRUE(si.multiplicative);
  EXPECT_GT(si.at(0), 1.3);
  EXPECT_FALSE(seasonality_test(std::vector<double>(20, 1.0), 12));  // too short
}

TEST(ForecastModelsTest, ThetaOnALineFollowsHalfTheTrend) {
  std::vector<double> y;
  for (int t = 1; t <= 50; ++t) y.push_back(3.0 * t);
  const ModelForecast f = theta_forecast(y, 1, 2);
  // Theta line 0 continues the line; line 2 (SES) stays near the last value: the mean of both.
  EXPECT_GT(f.mean[0], 150.0);
  EXPECT_LT(f.mean[0], 153.0 + 1e-9);
  EXPECT_EQ(naive2_forecast(y, 1, 3).mean, (std::vector<double>{150, 150, 150}));
}

}  // namespace
}  // namespace optima::analysis
