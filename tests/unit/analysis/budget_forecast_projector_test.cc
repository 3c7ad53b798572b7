#include <gtest/gtest.h>

#include "optima/analysis/budget/budget_status.h"
#include "optima/analysis/budget/forecast_spend_projector.h"

#include "budget_test_support.h"

namespace optima::analysis {
namespace {

using testing::budget_daily_rows;
using testing::budget_day;
using testing::budget_source;

TEST(BudgetForecastProjectorTest, PredictsTheBreachOfALinearSeriesAWeekAhead) {
  // Day i from December 1st costs 10 + i; as of March 10th, 100 days of history. A March
  // budget of 2600 is exceeded on the 24th (2576 through the 23rd, 2700 through the 24th).
  auto source = budget_source(budget_daily_rows(budget_day(2023, 12, 1), 100,
                                                [](int i) { return std::to_string(10 + i); }));
  // Day index of March 1st 2024 from December 1st 2023: 31 + 31 + 29 = 91.
  int64_t through = 0;
  int truth_day = 0;
  for (int d = 1; d <= 31 && truth_day == 0; ++d) {
    through += 10 + 91 + (d - 1);
    if (through > 2600)
      truth_day = d;
  }
  ASSERT_EQ(truth_day, 24);
  Budget b;
  b.name = "linear";
  b.amount = core::Decimal::from_int(2600);
  ForecastSpendProjector projector;
  auto s = compute_budget_status(b, *source, budget_day(2024, 3, 10), projector);
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  EXPECT_EQ(s->projection_model.rfind("forecast:", 0), 0u) << s->projection_model;
  ASSERT_TRUE(s->breach_date.has_value()) << s->summary;
  const int64_t predicted = core::date_of(*s->breach_date).day;
  EXPECT_NEAR(static_cast<double>(predicted), truth_day, 1.0) << s->summary;
  ASSERT_TRUE(s->breach_lead_days.has_value());
  EXPECT_GE(*s->breach_lead_days, 7);
  EXPECT_LE(s->projected_low, s->projected);
  EXPECT_GE(s->projected_high, s->projected);
}

TEST(BudgetForecastProjectorTest, FallsBackToTheDailyPaceOnShortHistory) {
  auto source =
      budget_source(budget_daily_rows(budget_day(2024, 3, 1), 2, [](int) { return "10"; }));
  Budget b;
  b.name = "short";
  b.amount = core::Decimal::from_int(1000);
  ForecastSpendProjector projector;
  auto s = compute_budget_status(b, *source, budget_day(2024, 3, 3), projector);
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  EXPECT_NE(s->projection_model.find("daily_pace_weekday (fallback:"), std::string::npos)
      << s->projection_model;
  EXPECT_NEAR(s->projected.to_double(), 310.0, 0.01);
}

}  // namespace
}  // namespace optima::analysis
