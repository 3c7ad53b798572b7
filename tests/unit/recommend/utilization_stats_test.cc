#include "optima/recommend/utilization_stats.h"

#include <gtest/gtest.h>

#include <cmath>

namespace optima::recommend {
namespace {

core::Period window_of(int64_t start, int64_t end) {
  return {core::Timestamp{start}, core::Timestamp{end}};
}

TEST(UtilizationStatsTest, NearestRankPercentileOfTwentySamples) {
  StatsAccumulator acc;
  acc.reset("cpu_percent", "average", window_of(0, 20 * 300), 300);
  // Values 1..20 in reverse order: ceil(0.95 × 20) = 19th smallest = 19.
  for (int i = 0; i < 20; ++i) acc.add(core::Timestamp{i * 300}, 20 - i);
  const UtilizationStats s = acc.finish(5);
  EXPECT_EQ(s.samples, 20);
  EXPECT_EQ(s.expected_samples, 20);
  EXPECT_DOUBLE_EQ(s.p95, 19);
  EXPECT_DOUBLE_EQ(s.max, 20);
  EXPECT_DOUBLE_EQ(s.mean, 10.5);
  // Strictly below 5: 1, 2, 3, 4.
  EXPECT_DOUBLE_EQ(s.idle_fraction, 4.0 / 20);
}

TEST(UtilizationStatsTest, PercentileRankRoundsUpForOddCounts) {
  StatsAccumulator acc;
  acc.reset("cpu_percent", "average", window_of(0, 1000), 1);
  for (int i = 1; i <= 21; ++i) acc.add(core::Timestamp{i}, i);
  // ceil(0.95 × 21) = ceil(19.95) = 20.
  EXPECT_DOUBLE_EQ(acc.finish(0).p95, 20);
}

TEST(UtilizationStatsTest, IgnoresSamplesOutsideTheWindowAndNonFiniteValues) {
  StatsAccumulator acc;
  acc.reset("cpu_percent", "average", window_of(100, 200), 10);
  acc.add(core::Timestamp{99}, 1000);
  acc.add(core::Timestamp{100}, 1);
  acc.add(core::Timestamp{150}, std::nan(""));
  acc.add(core::Timestamp{199}, 3);
  acc.add(core::Timestamp{200}, 1000);
  const UtilizationStats s = acc.finish(2);
  EXPECT_EQ(s.samples, 2);
  EXPECT_DOUBLE_EQ(s.max, 3);
  EXPECT_EQ(s.first_sample.unix_seconds, 100);
  EXPECT_EQ(s.last_sample.unix_seconds, 199);
  EXPECT_DOUBLE_EQ(s.coverage(), 0.2);
}

TEST(UtilizationStatsTest, HourOfWeekStartsMondayMidnightUtc) {
  // 2025-06-30 is a Monday.
  EXPECT_EQ(hour_of_week(core::make_timestamp({2025, 6, 30})), 0);
  EXPECT_EQ(hour_of_week(core::make_timestamp({2025, 6, 30}, 13, 30)), 13);
  EXPECT_EQ(hour_of_week(core::make_timestamp({2025, 7, 6}, 23, 59)), 167);
  EXPECT_EQ(hour_of_week(core::Timestamp{0}), 3 * 24);  // 1970-01-01 was a Thursday
}

TEST(UtilizationStatsTest, HeatmapAveragesEachHourOfWeek) {
  StatsAccumulator acc;
  const int64_t monday = core::make_timestamp({2025, 6, 30}).unix_seconds;
  acc.reset("cpu_percent", "average", window_of(monday, monday + 14 * 86400), 3600);
  acc.add(core::Timestamp{monday + 3600}, 10);            // week 1, Monday 01h
  acc.add(core::Timestamp{monday + 7 * 86400 + 3600}, 30);  // week 2, Monday 01h
  const UtilizationStats s = acc.finish(0);
  EXPECT_EQ(s.heatmap_count[1], 2);
  EXPECT_DOUBLE_EQ(s.heatmap_mean[1], 20);
  EXPECT_EQ(s.heatmap_count[0], 0);
}

}  // namespace
}  // namespace optima::recommend
