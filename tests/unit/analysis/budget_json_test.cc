#include "optima/analysis/budget/budget_json.h"

#include <gtest/gtest.h>

namespace optima::analysis {
namespace {

using nlohmann::json;

std::string error_of(const char* text) {
  auto b = budget_from_json(json::parse(text));
  return b.is_ok() ? std::string("ok") : b.status().message();
}

TEST(BudgetJsonTest, RoundTripsEveryField) {
  auto b = budget_from_json(json::parse(R"({
    "name": "payments", "period": "quarterly", "metric": "BilledCost", "amount": "1000.50",
    "scope": [{"dimension": "ProviderName", "op": "in", "values": ["AWS"]},
              {"dimension": "tag:team", "op": "in", "values": ["payments"]}],
    "period_amounts": [{"period_start": "2024-04-01", "amount": 1200}],
    "thresholds": [{"percent": "80", "basis": "actual"}, {"percent": 100, "basis": "forecast"}],
    "currency": "USD"})"));
  ASSERT_TRUE(b.is_ok()) << b.status().to_string();
  EXPECT_EQ(b->period, BudgetPeriod::kQuarterly);
  EXPECT_EQ(b->scope.size(), 2u);
  EXPECT_EQ(b->thresholds[1].basis, ThresholdBasis::kForecast);
  EXPECT_EQ(b->period_amounts[0].amount, core::Decimal::from_int(1200));
  auto again = budget_from_json(budget_to_json(*b));
  ASSERT_TRUE(again.is_ok()) << again.status().to_string();
  EXPECT_EQ(*again, *b);
  EXPECT_EQ(budget_to_json(*b)["amount"], "1000.5");
}

TEST(BudgetJsonTest, DefaultsToMonthlyEffectiveCost) {
  auto b = budget_from_json(json::parse(R"({"name": "all", "amount": "10"})"));
  ASSERT_TRUE(b.is_ok());
  EXPECT_EQ(b->period, BudgetPeriod::kMonthly);
  EXPECT_EQ(b->metric.to_string(), "EffectiveCost");
}

TEST(BudgetJsonTest, ErrorsNameTheField) {
  EXPECT_EQ(error_of(R"({"amount": "10"})"), "name: required");
  EXPECT_EQ(error_of(R"({"name": "x", "amount": "-5"})"),
            "amount: expected a positive decimal; found -5");
  EXPECT_EQ(error_of(R"({"name": "x", "amount": "ten"})"),
            "amount: expected a decimal string such as \"1250.00\"; found \"ten\"");
  EXPECT_EQ(error_of(R"({"name": "x", "amount": "1", "period": "weekly"})"),
            "period: expected one of monthly, quarterly, annual; found \"weekly\"");
  EXPECT_EQ(error_of(R"({"name": "x", "amount": "1", "amonut": "1"})"),
            "amonut: unknown field; expected one of id, name, scope, period, metric, amount, "
            "period_amounts, thresholds, currency");
  EXPECT_EQ(error_of(R"({"name": "x", "amount": "1", "metric": "ConsumedQuantity"})"),
            "metric: expected a money column such as EffectiveCost or BilledCost; found "
            "\"ConsumedQuantity\"");
  EXPECT_EQ(error_of(R"({"name": "x", "amount": "1", "thresholds": [{"percent": "80", "basis": "soon"}]})"),
            "thresholds[0].basis: expected actual or forecast; found \"soon\"");
  EXPECT_EQ(error_of(R"({"name": "x", "amount": "1", "period_amounts": [{"period_start": "2024-03-15", "amount": "2"}]})"),
            "period_amounts[0].period_start: expected the start of a monthly period; found "
            "2024-03-15T00:00:00Z");
  EXPECT_EQ(error_of(R"({"name": "x", "amount": "1", "currency": "usd"})"),
            "currency: expected a three-letter ISO 4217 code such as USD; found \"usd\"");
  const std::string scope = error_of(
      R"({"name": "x", "amount": "1", "scope": [{"dimension": "ServiceName", "op": "like", "values": ["a"]}]})");
  EXPECT_EQ(scope.rfind("scope[0].op: expected one of", 0), 0u) << scope;
}

}  // namespace
}  // namespace optima::analysis
