// The currency rule shared by both executors: which columns hold a metric's currency, which
// dimensions others rows keep, and what apply_currency_rule() does with the currencies seen.
#include "optima/query/currency_rule.h"

#include <gtest/gtest.h>

#include "optima/query/query_json.h"

namespace optima::query {
namespace {

using focus::Column;

Query query_of(const char* json) {
  auto q = parse_query(json);
  EXPECT_TRUE(q.is_ok()) << q.status().message();
  return q.is_ok() ? *q : Query{};
}

// A result shaped like the query's, with a non-null total for every metric.
QueryResult result_of(const Query& q) {
  QueryResult r;
  r.columns = result_columns(q);
  r.totals.assign(r.columns.size(), std::monostate{});
  for (size_t c = r.columns.size() - q.metrics.size(); c < r.columns.size(); ++c)
    r.totals[c] = core::Decimal::from_int(1);
  return r;
}

TEST(CurrencyRuleTest, CostsAreInBillingCurrencyExceptPricingCurrencyCosts) {
  EXPECT_EQ(Metric::of_column(Column::kBilledCost).currency_column(), Column::kBillingCurrency);
  EXPECT_EQ(Metric::of_column(Column::kContractedCost).currency_column(), Column::kBillingCurrency);
  EXPECT_EQ(Metric::of_column(Column::kPricingCurrencyEffectiveCost).currency_column(),
            Column::kPricingCurrency);
  EXPECT_EQ(Metric::of_column(Column::kConsumedQuantity).currency_column(), std::nullopt);
  EXPECT_EQ(Metric::row_count().currency_column(), std::nullopt);
  EXPECT_EQ(currency_columns(query_of(
                R"({"metrics": ["PricingCurrencyEffectiveCost", "row_count", "EffectiveCost"]})")),
            (std::vector<Column>{Column::kBillingCurrency, Column::kPricingCurrency}));
  EXPECT_TRUE(
      currency_columns(query_of(R"({"metrics": ["ConsumedQuantity", "row_count"]})")).empty());
}

TEST(CurrencyRuleTest, OthersKeepOnlyTheCurrencyOfSummedMoney) {
  EXPECT_EQ(
      kept_in_others(query_of(
          R"({"metrics": ["BilledCost"], "group_by": ["ServiceName", "BillingCurrency", "PricingCurrency"]})")),
      (std::vector<bool>{false, true, false}));
  EXPECT_EQ(kept_in_others(query_of(
                R"({"metrics": ["row_count"], "group_by": ["ServiceName", "BillingCurrency"]})")),
            (std::vector<bool>{false, false}));
}

TEST(CurrencyRuleTest, FailsWhenUngroupedRowsHoldSeveralCurrencies) {
  const Query q = query_of(R"({"metrics": ["BilledCost"], "group_by": ["ServiceName"]})");
  QueryResult r = result_of(q);
  const core::Status s =
      apply_currency_rule(q, {{Column::kBillingCurrency, {"USD", "EUR", "GBP"}, false}}, &r);
  EXPECT_EQ(s.code(), core::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "rows are in several billing currencies (EUR, GBP, USD): add \"BillingCurrency\" to "
            "group_by or filter on it");
}

TEST(CurrencyRuleTest, ListsTenCurrenciesAtMostAndQuotesOddValues) {
  const Query q = query_of(R"({"metrics": ["PricingCurrencyEffectiveCost"]})");
  SeenCurrencies seen{Column::kPricingCurrency, {}, false};
  for (char c = 'A'; c <= 'L'; ++c)
    seen.values.insert(std::string(3, c));
  seen.values.insert("\tUSD");  // sorts first
  QueryResult r = result_of(q);
  EXPECT_EQ(apply_currency_rule(q, {seen}, &r).message(),
            "rows are in several pricing currencies ('\\x09USD', AAA, BBB, CCC, DDD, EEE, FFF, "
            "GGG, HHH, III and 3 more): add \"PricingCurrency\" to group_by or filter on it");
}

TEST(CurrencyRuleTest, LabelsMoneyColumnsInOneCurrency) {
  const Query q = query_of(
      R"({"metrics": ["BilledCost", "ConsumedQuantity", "PricingCurrencyEffectiveCost"], "group_by": ["ServiceName"]})");
  QueryResult r = result_of(q);
  ASSERT_TRUE(apply_currency_rule(q,
                                  {{Column::kBillingCurrency, {"EUR"}, false},
                                   {Column::kPricingCurrency, {"USD"}, false}},
                                  &r)
                  .is_ok());
  EXPECT_EQ(r.columns[1].currency, "EUR");
  EXPECT_EQ(r.columns[2].currency, "");
  EXPECT_EQ(r.columns[3].currency, "USD");
  EXPECT_EQ(r.totals[1], Value{core::Decimal::from_int(1)});
}

TEST(CurrencyRuleTest, RowsWithoutCurrencyLeaveTheColumnUnlabelled) {
  const Query q = query_of(R"({"metrics": ["BilledCost"]})");
  QueryResult r = result_of(q);
  ASSERT_TRUE(apply_currency_rule(q, {{Column::kBillingCurrency, {"USD"}, true}}, &r).is_ok());
  EXPECT_EQ(r.columns[0].currency, "");
  EXPECT_EQ(r.totals[0], Value{core::Decimal::from_int(1)});
}

TEST(CurrencyRuleTest, GroupedByCurrencyKeepsRowsButNullsTheMoneyTotals) {
  const Query q = query_of(
      R"({"metrics": ["BilledCost", "row_count", "ListCost"], "group_by": ["BillingCurrency"]})");
  QueryResult r = result_of(q);
  r.totals[2] = int64_t{7};
  ASSERT_TRUE(
      apply_currency_rule(q, {{Column::kBillingCurrency, {"EUR", "USD"}, false}}, &r).is_ok());
  EXPECT_EQ(r.columns[1].currency, "");
  EXPECT_EQ(r.totals[1], Value{});
  EXPECT_EQ(r.totals[2], Value{int64_t{7}});
  EXPECT_EQ(r.totals[3], Value{});
}

}  // namespace
}  // namespace optima::query
