#include "optima/analysis/budget/budget_status.h"

#include <gtest/gtest.h>

#include "budget_test_support.h"

namespace optima::analysis {
namespace {

using testing::budget_daily_rows;
using testing::budget_day;
using testing::budget_source;
using testing::BudgetTestRow;

core::Decimal dec(const char* text) { return core::Decimal::from_string(text).value(); }

Budget monthly_budget(const char* amount) {
  Budget b;
  b.name = "platform";
  b.amount = dec(amount);
  return b;
}

TEST(BudgetStatusTest, ActualToDateCountsOnlyTheScopeAndThePeriod) {
  std::vector<BudgetTestRow> rows = {
      {budget_day(2024, 2, 28), "500", "AmazonEC2", "AWS", "USD", {{"team", "payments"}}},
      {budget_day(2024, 3, 1), "100", "AmazonEC2", "AWS", "USD", {{"team", "payments"}}},
      {budget_day(2024, 3, 2), "50.25", "AmazonS3", "AWS", "USD", {{"team", "payments"}}},
      {budget_day(2024, 3, 2), "70", "AmazonS3", "AWS", "USD", {{"team", "search"}}},
      {budget_day(2024, 3, 3), "999", "Compute Engine", "GCP", "USD", {{"team", "payments"}}},
      {budget_day(2024, 3, 20), "1000", "AmazonEC2", "AWS", "USD", {{"team", "payments"}}},
  };
  auto source = budget_source(rows);
  Budget b = monthly_budget("1000");
  b.scope = {{query::Dimension::of_column(focus::Column::kProviderName), query::FilterOp::kIn, {"AWS"}},
             {query::Dimension::of_tag("team"), query::FilterOp::kIn, {"payments"}}};
  DailyPaceProjector projector;
  auto status = compute_budget_status(b, *source, core::make_timestamp({2024, 3, 10}, 6), projector);
  ASSERT_TRUE(status.is_ok()) << status.status().to_string();
  EXPECT_EQ(status->period.start, budget_day(2024, 3, 1));
  EXPECT_EQ(status->period_label, "2024-03");
  EXPECT_EQ(status->actual, dec("150.25"));  // not February, not GCP, not search, not the 20th
  EXPECT_EQ(status->percent_used, dec("15.03"));
  EXPECT_EQ(status->currency, "USD");
  EXPECT_EQ(status->amount, dec("1000"));
  ASSERT_EQ(status->daily.size(), 2u);
  EXPECT_EQ(status->daily[1].amount, dec("50.25"));
}

TEST(BudgetStatusTest, PerPeriodAmountOverridesTheDefault) {
  auto source = budget_source(budget_daily_rows(budget_day(2024, 3, 1), 5, [](int) { return "10"; }));
  Budget b = monthly_budget("1000");
  b.period_amounts = {{budget_day(2024, 2, 1), dec("400")}, {budget_day(2024, 3, 1), dec("200")}};
  DailyPaceProjector projector;
  auto march = compute_budget_status(b, *source, budget_day(2024, 3, 6), projector);
  ASSERT_TRUE(march.is_ok()) << march.status().to_string();
  EXPECT_EQ(march->amount, dec("200"));
  EXPECT_EQ(march->percent_used, dec("25"));
  auto april = compute_budget_status(b, *source, budget_day(2024, 4, 2), projector);
  ASSERT_TRUE(april.is_ok());
  EXPECT_EQ(april->amount, dec("1000"));
}

TEST(BudgetStatusTest, PredictsTheBreachOfALinearSeriesAtLeastAWeekAhead) {
  // Day i (from February 1st) costs 10 + i. Through March d the month has cost
  // 10d + (57 + d) d / 2: 1089 through the 22nd, 1150 through the 23rd.
  auto source = budget_source(budget_daily_rows(budget_day(2024, 2, 1), 39, [](int i) {
    return std::to_string(10 + i);
  }));
  Budget b = monthly_budget("1120");
  DailyPaceProjector projector;
  auto s = compute_budget_status(b, *source, core::make_timestamp({2024, 3, 10}, 12), projector);
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  EXPECT_FALSE(s->exceeded);
  ASSERT_TRUE(s->breach_date.has_value());
  EXPECT_EQ(*s->breach_date, budget_day(2024, 3, 23));
  ASSERT_TRUE(s->breach_lead_days.has_value());
  EXPECT_EQ(*s->breach_lead_days, 13);
  EXPECT_GE(*s->breach_lead_days, 7);
  // The whole of March costs 310 + 88 × 31 / 2 = 1674.
  EXPECT_NEAR(s->projected.to_double(), 1674.0, 1.0);
  EXPECT_LE(s->projected_low, s->projected);
  EXPECT_GE(s->projected_high, s->projected);
  EXPECT_NE(s->summary.find("exceeded on 2024-03-23 (in 13 days)"), std::string::npos) << s->summary;
}

TEST(BudgetStatusTest, FlatSpendWithinBudgetPredictsNoBreach) {
  auto source = budget_source(budget_daily_rows(budget_day(2024, 2, 1), 40, [](int) { return "10"; }));
  Budget b = monthly_budget("500");
  DailyPaceProjector projector;
  auto s = compute_budget_status(b, *source, budget_day(2024, 3, 11), projector);
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  EXPECT_NEAR(s->projected.to_double(), 310.0, 0.01);
  EXPECT_FALSE(s->breach_date.has_value());
  EXPECT_FALSE(s->breach_lead_days.has_value());
  EXPECT_NE(s->summary.find("within budget"), std::string::npos);
}

TEST(BudgetStatusTest, ThresholdsCrossOnActualAndOnForecast) {
  // 20 a day: 200 by March 10th (as of the 11th), 620 projected for the month.
  auto source = budget_source(budget_daily_rows(budget_day(2024, 2, 1), 40, [](int) { return "20"; }));
  Budget b = monthly_budget("250");
  b.thresholds = {{dec("50"), ThresholdBasis::kActual},
                  {dec("80"), ThresholdBasis::kActual},
                  {dec("100"), ThresholdBasis::kActual},
                  {dec("100"), ThresholdBasis::kForecast}};
  DailyPaceProjector projector;
  auto s = compute_budget_status(b, *source, budget_day(2024, 3, 11), projector);
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  ASSERT_EQ(s->thresholds.size(), 4u);
  EXPECT_TRUE(s->thresholds[0].crossed);  // 125 reached on the 7th (140)
  EXPECT_EQ(s->thresholds[0].on, budget_day(2024, 3, 7));
  EXPECT_TRUE(s->thresholds[1].crossed);  // 200 reached on the 10th
  EXPECT_EQ(s->thresholds[1].on, budget_day(2024, 3, 10));
  EXPECT_FALSE(s->thresholds[2].crossed);  // 250 not yet
  EXPECT_FALSE(s->thresholds[2].on.has_value());
  EXPECT_TRUE(s->thresholds[3].crossed);  // the projection passes 250 on the 13th
  EXPECT_EQ(s->thresholds[3].on, budget_day(2024, 3, 13));
  EXPECT_EQ(s->thresholds[1].level, dec("200"));
  ASSERT_TRUE(s->breach_date.has_value());
  EXPECT_EQ(*s->breach_date, budget_day(2024, 3, 13));  // 260 > 250
  EXPECT_EQ(*s->breach_lead_days, 2);
}

TEST(BudgetStatusTest, ExceededBudgetNamesTheDayItWasExceeded) {
  auto source = budget_source(budget_daily_rows(budget_day(2024, 3, 1), 10, [](int) { return "30"; }));
  Budget b = monthly_budget("100");
  DailyPaceProjector projector;
  auto s = compute_budget_status(b, *source, budget_day(2024, 3, 11), projector);
  ASSERT_TRUE(s.is_ok());
  EXPECT_TRUE(s->exceeded);
  EXPECT_EQ(s->breach_date, budget_day(2024, 3, 4));  // 120 > 100
  EXPECT_FALSE(s->breach_lead_days.has_value());
  EXPECT_EQ(s->percent_used, dec("300"));
}

TEST(BudgetStatusTest, WeekdaySeasonalityShapesTheProjection) {
  // Weekdays cost 100, weekends 20 (2024-02-03 was a Saturday).
  auto source = budget_source(budget_daily_rows(budget_day(2024, 2, 1), 29, [](int i) {
    const int weekday = (i + 3) % 7;  // 0 = Monday; February 1st 2024 was a Thursday
    return weekday >= 5 ? "20" : "100";
  }));
  Budget b = monthly_budget("100000");
  DailyPaceProjector projector;
  auto s = compute_budget_status(b, *source, budget_day(2024, 3, 1), projector);
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  // March 2024: 21 weekdays, 10 weekend days → 2300.
  EXPECT_NEAR(s->projected.to_double(), 2300.0, 5.0);
}

TEST(BudgetStatusTest, SeveralCurrenciesNeedTheBudgetPinnedToOne) {
  std::vector<BudgetTestRow> rows = {{budget_day(2024, 3, 1), "10", "A", "AWS", "USD", {}},
                                     {budget_day(2024, 3, 2), "10", "A", "AWS", "EUR", {}}};
  auto source = budget_source(rows);
  Budget b = monthly_budget("100");
  DailyPaceProjector projector;
  auto mixed = compute_budget_status(b, *source, budget_day(2024, 3, 5), projector);
  ASSERT_FALSE(mixed.is_ok());
  EXPECT_NE(mixed.status().message().find("several billing currencies"), std::string::npos);
  b.currency = "EUR";
  auto pinned = compute_budget_status(b, *source, budget_day(2024, 3, 5), projector);
  ASSERT_TRUE(pinned.is_ok()) << pinned.status().to_string();
  EXPECT_EQ(pinned->actual, dec("10"));
  EXPECT_EQ(pinned->currency, "EUR");
}

}  // namespace
}  // namespace optima::analysis
