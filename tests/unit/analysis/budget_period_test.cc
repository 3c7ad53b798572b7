#include "optima/analysis/budget/budget_period.h"

#include <gtest/gtest.h>

namespace optima::analysis {
namespace {

core::Timestamp at(int y, int m, int d, int h = 0) { return core::make_timestamp({y, m, d}, h); }

TEST(BudgetPeriodTest, MonthsAreUtcCalendarMonths) {
  const core::Period p = budget_period_containing(BudgetPeriod::kMonthly, at(2024, 2, 29, 23));
  EXPECT_EQ(p.start, at(2024, 2, 1));
  EXPECT_EQ(p.end, at(2024, 3, 1));
  EXPECT_EQ(budget_period_label(BudgetPeriod::kMonthly, p), "2024-02");
  // The last second of a month belongs to it; midnight belongs to the next.
  EXPECT_EQ(budget_period_containing(BudgetPeriod::kMonthly, {at(2024, 3, 1).unix_seconds - 1}).start,
            at(2024, 2, 1));
  EXPECT_EQ(budget_period_containing(BudgetPeriod::kMonthly, at(2024, 3, 1)).start, at(2024, 3, 1));
}

TEST(BudgetPeriodTest, QuartersStartInJanuaryAprilJulyOctober) {
  EXPECT_EQ(budget_period_containing(BudgetPeriod::kQuarterly, at(2024, 3, 31, 12)).start,
            at(2024, 1, 1));
  const core::Period q2 = budget_period_containing(BudgetPeriod::kQuarterly, at(2024, 4, 1));
  EXPECT_EQ(q2.start, at(2024, 4, 1));
  EXPECT_EQ(q2.end, at(2024, 7, 1));
  const core::Period q4 = budget_period_containing(BudgetPeriod::kQuarterly, at(2024, 12, 31));
  EXPECT_EQ(q4.start, at(2024, 10, 1));
  EXPECT_EQ(q4.end, at(2025, 1, 1));
  EXPECT_EQ(budget_period_label(BudgetPeriod::kQuarterly, q4), "2024-Q4");
}

TEST(BudgetPeriodTest, YearsAreCalendarYears) {
  const core::Period y = budget_period_containing(BudgetPeriod::kAnnual, at(2023, 7, 15));
  EXPECT_EQ(y.start, at(2023, 1, 1));
  EXPECT_EQ(y.end, at(2024, 1, 1));
  EXPECT_EQ(budget_period_label(BudgetPeriod::kAnnual, y), "2023");
}

TEST(BudgetPeriodTest, OffsetsCrossYearBoundaries) {
  EXPECT_EQ(budget_period_offset(BudgetPeriod::kMonthly, at(2024, 1, 15), -1).start, at(2023, 12, 1));
  EXPECT_EQ(budget_period_offset(BudgetPeriod::kQuarterly, at(2024, 2, 1), -2).start, at(2023, 7, 1));
  EXPECT_EQ(budget_period_offset(BudgetPeriod::kQuarterly, at(2024, 11, 1), 1).end, at(2025, 4, 1));
  EXPECT_EQ(budget_period_offset(BudgetPeriod::kAnnual, at(2024, 6, 1), -1).start, at(2023, 1, 1));
}

TEST(BudgetPeriodTest, NamesRoundTrip) {
  for (BudgetPeriod p : {BudgetPeriod::kMonthly, BudgetPeriod::kQuarterly, BudgetPeriod::kAnnual})
    EXPECT_EQ(parse_budget_period(budget_period_name(p)), p);
  EXPECT_FALSE(parse_budget_period("weekly").has_value());
}

}  // namespace
}  // namespace optima::analysis
