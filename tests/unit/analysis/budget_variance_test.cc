#include "optima/analysis/budget/budget_variance.h"

#include <gtest/gtest.h>

#include "budget_test_support.h"

namespace optima::analysis {
namespace {

using testing::budget_day;
using testing::budget_source;
using testing::BudgetTestRow;

core::Decimal dec(const char* text) { return core::Decimal::from_string(text).value(); }

TEST(BudgetVarianceTest, ComparesEachPastPeriodWithItsAmountAndExplainsTheDifference) {
  std::vector<BudgetTestRow> rows = {
      // December (the basis of January's shares): EC2 600, S3 400.
      {budget_day(2023, 12, 5), "600", "EC2"},
      {budget_day(2023, 12, 6), "400", "S3"},
      // January: EC2 900 (+300 over its 60% share of 1000), S3 400 (even), RDS 50 (new).
      {budget_day(2024, 1, 5), "900", "EC2"},
      {budget_day(2024, 1, 6), "400", "S3"},
      {budget_day(2024, 1, 7), "50", "RDS"},
      // February, budget 1500: EC2 700, S3 300.
      {budget_day(2024, 2, 5), "700", "EC2"},
      {budget_day(2024, 2, 6), "300", "S3"},
      // March is the current period and is not in the table.
      {budget_day(2024, 3, 2), "5000", "EC2"},
  };
  auto source = budget_source(rows);
  Budget b;
  b.name = "all";
  b.amount = dec("1000");
  b.period_amounts = {{budget_day(2024, 2, 1), dec("1500")}};
  VarianceOptions options;
  options.periods = 2;
  options.top = 2;
  auto table = compute_budget_variance(b, *source, budget_day(2024, 3, 10), options);
  ASSERT_TRUE(table.is_ok()) << table.status().to_string();
  ASSERT_EQ(table->size(), 2u);

  const PeriodVariance& jan = (*table)[0];
  EXPECT_EQ(jan.label, "2024-01");
  EXPECT_EQ(jan.amount, dec("1000"));
  EXPECT_EQ(jan.actual, dec("1350"));
  EXPECT_EQ(jan.variance, dec("350"));
  EXPECT_EQ(jan.variance_percent, dec("35"));
  ASSERT_EQ(jan.top.size(), 2u);
  EXPECT_EQ(jan.top[0].value, "EC2");
  EXPECT_EQ(jan.top[0].expected, dec("600"));
  EXPECT_EQ(jan.top[0].contribution, dec("300"));
  EXPECT_EQ(jan.top[1].value, "RDS");
  EXPECT_EQ(jan.top[1].contribution, dec("50"));

  // February's shares come from January (EC2 900/1350, S3 400/1350, RDS 50/1350 of 1500).
  const PeriodVariance& feb = (*table)[1];
  EXPECT_EQ(feb.label, "2024-02");
  EXPECT_EQ(feb.amount, dec("1500"));
  EXPECT_EQ(feb.actual, dec("1000"));
  EXPECT_EQ(feb.variance, dec("-500"));
  EXPECT_EQ(feb.variance_percent, dec("-33.33"));
  ASSERT_EQ(feb.top.size(), 2u);
  EXPECT_EQ(feb.top[0].value, "EC2");
  EXPECT_EQ(feb.top[0].expected, dec("1000"));
  EXPECT_EQ(feb.top[0].contribution, dec("-300"));
  EXPECT_EQ(feb.top[1].value, "S3");
  EXPECT_NEAR(feb.top[1].contribution.to_double(), 300 - 1500.0 * 400 / 1350, 1e-9);
}

TEST(BudgetVarianceTest, ContributionsAddUpToTheVariance) {
  std::vector<BudgetTestRow> rows = {
      {budget_day(2024, 1, 5), "123.45", "EC2"}, {budget_day(2024, 1, 6), "10", "S3"},
      {budget_day(2024, 2, 5), "200", "EC2"},    {budget_day(2024, 2, 6), "5.5", "Lambda"}};
  auto source = budget_source(rows);
  Budget b;
  b.name = "all";
  b.amount = dec("150");
  VarianceOptions options;
  options.periods = 1;
  options.top = 10;
  auto table = compute_budget_variance(b, *source, budget_day(2024, 3, 1), options);
  ASSERT_TRUE(table.is_ok()) << table.status().to_string();
  ASSERT_EQ(table->size(), 1u);
  core::Decimal sum;
  for (const VarianceContributor& c : (*table)[0].top) sum += c.contribution;
  EXPECT_NEAR(sum.to_double(), (*table)[0].variance.to_double(), 1e-12);
  EXPECT_EQ((*table)[0].top.size(), 3u);  // S3 had no spend in February: a negative contribution
}

TEST(BudgetVarianceTest, RejectsAnOutOfRangePeriodCount) {
  auto source = budget_source({});
  Budget b;
  b.name = "all";
  b.amount = dec("1");
  VarianceOptions options;
  options.periods = 0;
  auto table = compute_budget_variance(b, *source, budget_day(2024, 3, 1), options);
  ASSERT_FALSE(table.is_ok());
  EXPECT_EQ(table.status().message(), "periods: expected 1 to 36; found 0");
}

}  // namespace
}  // namespace optima::analysis
