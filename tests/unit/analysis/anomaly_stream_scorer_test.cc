// score_series: the NAB-facing streaming detector on synthetic series.
#include "optima/analysis/anomaly/stream_scorer.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace optima::analysis {
namespace {

std::vector<double> noisy(size_t n, double level, double sd, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, sd);
  std::vector<double> v(n);
  for (double& x : v) x = level + noise(rng);
  return v;
}

size_t argmax(const std::vector<double>& v) {
  return static_cast<size_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

TEST(StreamScorerTest, SpikeGetsTheHighestScore) {
  std::vector<double> v = noisy(2000, 100.0, 2.0, 1);
  v[1500] = 160.0;
  const std::vector<double> s = score_series(v);
  ASSERT_EQ(s.size(), v.size());
  EXPECT_EQ(argmax(s), 1500u);
  EXPECT_GT(s[1500], 0.8);
  for (double x : s) {
    EXPECT_GE(x, 0.0);
    EXPECT_LE(x, 1.0);
  }
}

TEST(StreamScorerTest, LevelShiftReportsAtItsStartOnly) {
  std::vector<double> v = noisy(2000, 100.0, 2.0, 2);
  for (size_t i = 1200; i < v.size(); ++i) v[i] += 30.0;
  const std::vector<double> s = score_series(v);
  const size_t top = argmax(s);
  EXPECT_GE(top, 1200u);
  EXPECT_LE(top, 1203u);
  // Later rows of the shift are not new: none scores near the first.
  for (size_t i = 1250; i < v.size(); ++i) EXPECT_LT(s[i], 0.5 * s[top]) << i;
}

TEST(StreamScorerTest, DailyCycleIsNotAnAnomalyButABreakInItIs) {
  std::vector<double> v = noisy(4000, 0.0, 1.0, 3);
  for (size_t i = 0; i < v.size(); ++i) v[i] += 50.0 * std::sin(2.0 * M_PI * static_cast<double>(i) / 288.0);
  // Flatten one cycle's peak (at 2880 + 72): values within the normal range, but not at
  // that phase.
  for (size_t i = 2930; i < 2975; ++i) {
    v[i] -= 50.0 * std::sin(2.0 * M_PI * static_cast<double>(i) / 288.0);
  }
  const std::vector<double> s = score_series(v);
  const size_t top = argmax(s);
  EXPECT_GE(top, 2930u);
  EXPECT_LT(top, 2975u);
}

TEST(StreamScorerTest, ShortAndEmptySeriesScoreZero) {
  EXPECT_TRUE(score_series({}).empty());
  const std::vector<double> s = score_series({1, 2, 3, 100});
  EXPECT_EQ(s, std::vector<double>(4, 0.0));
}

}  // namespace
}  // namespace optima::analysis
