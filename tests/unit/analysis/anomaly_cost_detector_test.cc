// detect_cost_events on synthetic daily cost series with a weekly pattern.
#include "optima/analysis/anomaly/cost_detector.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace optima::analysis {
namespace {

// 120 days: weekdays ~1000, weekends ~600, 2% noise; rounded to cents.
std::vector<double> weekly_costs(unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, 0.02);
  std::vector<double> v(120);
  for (size_t d = 0; d < v.size(); ++d) v[d] = (d % 7 >= 5 ? 600.0 : 1000.0) * (1.0 + noise(rng));
  return v;
}

std::vector<core::Decimal> to_decimal(const std::vector<double>& v) {
  std::vector<core::Decimal> out;
  for (double x : v) out.push_back(core::Decimal::from_units(static_cast<core::Int128>(std::llround(x * 100)) *
                                                             (core::Decimal::kOne / 100)));
  return out;
}

TEST(CostDetectorTest, QuietSeriesHasNoEvents) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    for (const auto& e : detect_cost_events(to_decimal(weekly_costs(seed)))) {
      ADD_FAILURE() << "seed " << seed << ": event at " << e.start << ", z " << e.z;
    }
  }
}

TEST(CostDetectorTest, SpikeIsOneShortEventWithItsImpact) {
  std::vector<double> v = weekly_costs(7);
  for (size_t d = 70; d < 73; ++d) v[d] += 400.0;
  const auto events = detect_cost_events(to_decimal(v));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].start, 70u);
  EXPECT_EQ(events[0].length, 3u);
  EXPECT_EQ(events[0].detected, 70u);
  EXPECT_EQ(events[0].kind, AnomalyKind::kSpike);
  EXPECT_EQ(events[0].direction, AnomalyDirection::kIncrease);
  EXPECT_NEAR(events[0].impact.to_double(), 1200.0, 100.0);
}

TEST(CostDetectorTest, LevelShiftIsReportedOnceFromItsStart) {
  std::vector<double> v = weekly_costs(8);
  for (size_t d = 60; d < v.size(); ++d) v[d] *= 1.3;
  const auto events = detect_cost_events(to_decimal(v));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].start, 60u);
  EXPECT_EQ(events[0].kind, AnomalyKind::kLevelShift);
  EXPECT_EQ(events[0].length, 28u);
}

TEST(CostDetectorTest, DecreaseIsAnEventToo) {
  std::vector<double> v = weekly_costs(9);
  for (size_t d = 100; d < v.size(); ++d) v[d] *= 0.5;
  const auto events = detect_cost_events(to_decimal(v));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].direction, AnomalyDirection::kDecrease);
  EXPECT_TRUE(events[0].ongoing);
  EXPECT_EQ(events[0].start, 100u);
}

TEST(CostDetectorTest, SlowDriftIsFoundAsADriftNearItsStart) {
  std::vector<double> v = weekly_costs(10);
  for (size_t d = 50; d < v.size(); ++d) v[d] *= std::pow(1.015, static_cast<double>(d - 49));
  const auto events = detect_cost_events(to_decimal(v));
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].kind, AnomalyKind::kDrift);
  EXPECT_GE(events[0].start, 48u);
  EXPECT_LE(events[0].start, 56u);
  EXPECT_LE(events[0].detected, 60u);
}

TEST(CostDetectorTest, ImmaterialChangesAreIgnored) {
  std::vector<double> v(100, 0.10);  // ten cents a day, flat
  v[80] = 0.60;
  CostDetectorOptions o;
  EXPECT_TRUE(detect_cost_events(to_decimal(v), o).empty());
  o.min_delta = core::Decimal::from_units(core::Decimal::kOne / 10);
  EXPECT_EQ(detect_cost_events(to_decimal(v), o).size(), 1u);
}

}  // namespace
}  // namespace optima::analysis
