// KPIs on a small hand-checked dataset: two months, one commitment, one row in a second
// currency; every expected figure is worked out in the comments.
#include "optima/query/kpis.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "optima/query/dimension_catalog.h"
#include "inline_dataset.h"

namespace optima::query {
namespace {

std::shared_ptr<store::InMemoryTableSource> two_months() {
  auto source = testing::parse_inline_dataset({
      "ChargePeriodStart | ServiceName | BillingCurrency | EffectiveCost | ContractedCost | CommitmentDiscountId | tag:team",
      "2024-10-01        | EC2         | USD             | 100           | 100            | NULL                 | a",
      "2024-10-05        | S3          | USD             | 50            | 50             | NULL                 | NULL",
      "2024-10-20        | EC2         | USD             | 200           | 200            | NULL                 | a",
      "rowgroup",
      "2024-11-02        | EC2         | USD             | 300           | 400            | cd-1                 | a",
      "2024-11-03        | S3          | USD             | 20            | 20             | NULL                 | NULL",
      "2024-11-05        | RDS         | USD             | 80            | 80             | NULL                 | b",
      "2024-11-20        | EC2         | EUR             | 999           | 999            | NULL                 | a",
  });
  EXPECT_TRUE(source.is_ok()) << source.status().to_string();
  return source.value();
}

core::Decimal dec(const char* text) { return core::Decimal::from_string(text).value(); }

TEST(KpisTest, ComputesEveryFigureInTheMajorityCurrency) {
  auto source = two_months();
  KpiOptions options;
  options.as_of = core::make_timestamp({2024, 11, 11});
  auto result = compute_kpis(*source, options);
  ASSERT_TRUE(result.is_ok()) << result.status().to_string();
  const Kpis& k = result.value();
  EXPECT_EQ(k.currency, "USD");
  EXPECT_EQ(k.other_currencies, std::vector<std::string>{"EUR"});
  EXPECT_EQ(k.month_to_date, dec("400"));            // 300 + 20 + 80
  EXPECT_EQ(k.previous_month_to_date, dec("150"));   // Oct 1..10: 100 + 50
  EXPECT_EQ(k.last_month, dec("350"));               // all of October
  EXPECT_EQ(k.run_rate, dec("1200"));                // 400 / 10 days × 30 days
  ASSERT_TRUE(k.change_percent.has_value());
  EXPECT_EQ(*k.change_percent, dec("166.67"));       // (400 − 150) / 150
  ASSERT_EQ(k.top_movers.size(), 3u);
  EXPECT_EQ(k.top_movers[0].value, "EC2");           // +200
  EXPECT_EQ(k.top_movers[0].change(), dec("200"));
  EXPECT_EQ(k.top_movers[1].value, "RDS");           // +80
  EXPECT_EQ(k.top_movers[2].value, "S3");            // −30
  EXPECT_EQ(k.top_movers[2].change(), dec("-30"));
  EXPECT_EQ(k.allocated, dec("380"));                // team a 300 + team b 80
  EXPECT_EQ(k.untagged, dec("20"));
  EXPECT_EQ(*k.allocation_percent, dec("95"));
  EXPECT_EQ(k.commitment_savings, dec("100"));       // contracted 400 − effective 300
}

TEST(KpisTest, DefaultsAsOfToTheEndOfTheLastDayWithRows) {
  auto source = two_months();
  auto result = compute_kpis(*source, KpiOptions{});
  ASSERT_TRUE(result.is_ok()) << result.status().to_string();
  EXPECT_EQ(result.value().as_of, core::make_timestamp({2024, 11, 21}));
  EXPECT_EQ(result.value().month_to_date_window.start, core::make_timestamp({2024, 11, 1}));
}

TEST(KpisTest, RejectsACurrencyWithoutRows) {
  auto source = two_months();
  KpiOptions options;
  options.currency = "JPY";
  auto result = compute_kpis(*source, options);
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.status().code(), core::StatusCode::kInvalidArgument);
}

TEST(KpisTest, AnEmptySourceHasNoCurrencyAndZeroes) {
  store::InMemoryTableSource empty;
  auto result = compute_kpis(empty, KpiOptions{});
  ASSERT_TRUE(result.is_ok()) << result.status().to_string();
  EXPECT_TRUE(result.value().currency.empty());
  EXPECT_TRUE(result.value().month_to_date.is_zero());
}

TEST(KpisTest, JsonCarriesMoneyAsStrings) {
  auto source = two_months();
  KpiOptions options;
  options.as_of = core::make_timestamp({2024, 11, 11});
  auto k = compute_kpis(*source, options);
  ASSERT_TRUE(k.is_ok());
  auto json = nlohmann::json::parse(kpis_to_json(k.value(), options));
  EXPECT_EQ(json["month_to_date"], "400.00");
  EXPECT_EQ(json["run_rate"], "1200.00");
  EXPECT_EQ(json["change_percent"], "166.67");
  EXPECT_EQ(json["allocation"]["percent"], "95.00");
  EXPECT_EQ(json["top_movers"][0]["value"], "EC2");
  EXPECT_EQ(json["as_of"], "2024-11-11T00:00:00Z");
}

TEST(DimensionCatalogTest, ListsColumnsWithValuesThenTagsThenExtensions) {
  auto source = two_months();
  auto dims = list_dimensions(*source);
  ASSERT_TRUE(dims.is_ok()) << dims.status().to_string();
  std::vector<std::string> names;
  for (const Dimension& d : dims.value()) names.push_back(d.to_string());
  EXPECT_EQ(names, (std::vector<std::string>{"BillingCurrency", "CommitmentDiscountId",
                                             "ServiceName", "tag:team"}));
}

TEST(DimensionCatalogTest, ValuesAreRankedByCostAndSearchedCaseInsensitively) {
  auto source = two_months();
  DimensionValuesRequest request;
  request.dimension = Dimension::of_column(focus::Column::kServiceName);
  request.filters = {{Dimension::of_column(focus::Column::kBillingCurrency), FilterOp::kIn, {"USD"}}};
  auto all = dimension_values(*source, request);
  ASSERT_TRUE(all.is_ok()) << all.status().to_string();
  ASSERT_EQ(all.value().values.size(), 3u);
  EXPECT_EQ(all.value().values[0].value, "EC2");  // 600
  EXPECT_EQ(*all.value().values[0].cost, dec("600"));
  EXPECT_EQ(all.value().currency, "USD");
  request.search = "s";
  request.limit = 1;
  auto searched = dimension_values(*source, request);
  ASSERT_TRUE(searched.is_ok());
  EXPECT_EQ(searched.value().matched, 2u);  // RDS, S3
  ASSERT_EQ(searched.value().values.size(), 1u);
  EXPECT_EQ(searched.value().values[0].value, "RDS");  // 80 > 70
}

}  // namespace
}  // namespace optima::query
