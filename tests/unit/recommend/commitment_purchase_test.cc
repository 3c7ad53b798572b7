#include <gtest/gtest.h>

#include "optima/recommend/commitments/purchase_recommendation.h"

#include "unit/pricing/pricing_test_support.h"

namespace optima::recommend {
namespace {

using core::Decimal;
using pricing::testing::PricingBillRow;

Decimal dec(const char* text) {
  return Decimal::from_string(text).value();
}

const pricing::PriceBook& catalog_book() {
  static const pricing::PriceBook* b = new pricing::PriceBook(
      pricing::PriceBook::load(pricing::PriceBook::default_catalog_dir().value()).value());
  return *b;
}

// Two days of m4.large on demand in us-east-1 at the catalog's $0.10/h: two instances on the
// first day, one on the second.
std::vector<PricingBillRow> m4_usage() {
  std::vector<PricingBillRow> rows;
  for (int h = 0; h < 48; ++h) {
    const int instances = h < 24 ? 2 : 1;
    for (int i = 0; i < instances; ++i) {
      PricingBillRow r;
      const core::Timestamp t{core::timestamp_from_string("2026-11-01").value().unix_seconds +
                              h * 3600};
      r.start = core::format_iso8601(t);
      r.sku_price_details = R"({"InstanceType":"m4.large"})";
      r.effective_cost = "0.1";
      r.contracted_cost = "0.1";
      r.list_cost = "0.1";
      rows.push_back(r);
    }
  }
  return rows;
}

const core::Timestamp kEnd = core::timestamp_from_string("2026-11-03").value();

TEST(CommitmentPurchaseTest, OneYearNoUpfrontCoversTheFloorAtTheCatalogDiscount) {
  const auto source = pricing::testing::pricing_bill_source(m4_usage());
  PurchaseOptions o;
  o.lookback_days = 2;
  auto plan = recommend_commitment_purchases(*source, catalog_book(), kEnd, o);
  ASSERT_TRUE(plan.is_ok()) << plan.status().to_string();
  ASSERT_EQ(plan->recommendations.size(), 1u);
  const PurchaseRecommendation& r = plan->recommendations[0];
  // Compute Savings Plans are priced like convertible RIs: 1 − 0.071 / 0.10 = 0.29; only 50% of
  // hours exceed the floor, fewer than 1 − d = 71%: cover the floor.
  EXPECT_EQ(r.discount.rate, dec("0.29"));
  EXPECT_EQ(r.discount.source, pricing::RateSource::kCatalog);
  EXPECT_EQ(r.commitment, "Compute Savings Plan");
  EXPECT_EQ(r.hourly_commitment, dec("0.071"));
  EXPECT_EQ(r.expected_utilization, dec("1"));
  EXPECT_EQ(r.coverage_before, Decimal());
  EXPECT_EQ(r.coverage_after, Decimal::divide(dec("4.8"), dec("7.2")));
  // Savings over 48 h: 7.2 − (0.071 × 48 + 2.4) = 1.392; per month × 730 / 48.
  EXPECT_EQ(r.monthly_savings, dec("21.17"));
  EXPECT_EQ(r.yearly_savings, dec("254.04"));
  EXPECT_EQ(r.monthly_on_demand, dec("109.5"));
  EXPECT_EQ(r.upfront, Decimal());
  EXPECT_EQ(r.monthly_recurring, dec("51.83"));
  EXPECT_EQ(r.break_even_month, 1);
  EXPECT_FALSE(r.spread_from_daily);

  // The same usage as standard reserved instances: one m4.large covers the floor, and saves
  // 7.2 − (0.062 × 48 + 2.4) = 1.824 over 48 h.
  ASSERT_EQ(plan->reservations.size(), 1u);
  const ReservationRecommendation& ri = plan->reservations[0];
  EXPECT_EQ(ri.instance_type, "m4.large");
  EXPECT_EQ(ri.region, "us-east-1");
  EXPECT_EQ(ri.instances, 1);
  EXPECT_EQ(ri.average_instances, dec("1.5"));
  EXPECT_EQ(ri.on_demand_rate.per_unit, dec("0.1"));
  EXPECT_EQ(ri.on_demand_rate.source, pricing::RateSource::kBill);
  EXPECT_EQ(ri.reserved_rate.per_unit, dec("0.062"));
  EXPECT_EQ(ri.reserved_rate.source, pricing::RateSource::kCatalog);
  EXPECT_EQ(ri.expected_utilization, dec("1"));
  EXPECT_EQ(ri.monthly_savings, dec("27.74"));
}

TEST(CommitmentPurchaseTest, ThreeYearAllUpfrontCoversThePeakAndBreaksEvenLater) {
  const auto source = pricing::testing::pricing_bill_source(m4_usage());
  PurchaseOptions o;
  o.lookback_days = 2;
  o.term = pricing::Term::k3Year;
  o.payment = pricing::Payment::kAllUpfront;
  auto plan = recommend_commitment_purchases(*source, catalog_book(), kEnd, o);
  ASSERT_TRUE(plan.is_ok()) << plan.status().to_string();
  ASSERT_EQ(plan->recommendations.size(), 1u);
  const PurchaseRecommendation& r = plan->recommendations[0];
  // 1 − 0.045 / 0.10 = 0.55 > 0.5: cover the peak, c = 0.2 × 0.45.
  EXPECT_EQ(r.discount.rate, dec("0.55"));
  EXPECT_EQ(r.hourly_commitment, dec("0.09"));
  EXPECT_EQ(r.coverage_after, dec("1"));
  // Upfront 0.09 × 730 × 36 = 2365.2; avoided on demand 109.5 a month → month 22.
  EXPECT_EQ(r.upfront, dec("2365.2"));
  EXPECT_EQ(r.break_even_month, 22);
  // Reserved instances at $0.038: two, idle half of the second day.
  ASSERT_EQ(plan->reservations.size(), 1u);
  EXPECT_EQ(plan->reservations[0].instances, 2);
  EXPECT_EQ(plan->reservations[0].expected_utilization, dec("0.75"));
  EXPECT_EQ(plan->reservations[0].upfront, dec("1997.28"));
}

TEST(CommitmentPurchaseTest, DailyBillsAreSpreadOverTheHours) {
  std::vector<PricingBillRow> rows;
  for (const char* day : {"2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"}) {
    PricingBillRow r;
    r.start = day;
    r.sku_price_details = R"({"InstanceType":"m4.large"})";
    r.consumed_quantity = "24";
    r.effective_cost = "2.4";
    r.contracted_cost = "2.4";
    rows.push_back(r);
  }
  const auto source = pricing::testing::pricing_bill_source(rows);
  auto usage =
      eligible_on_demand_usage(*source, {core::timestamp_from_string("2026-11-01").value(), kEnd});
  ASSERT_TRUE(usage.is_ok()) << usage.status().to_string();
  ASSERT_EQ(usage->size(), 1u);
  EXPECT_TRUE((*usage)[0].spread_from_daily);
  ASSERT_EQ((*usage)[0].hourly.size(), 48u);
  for (const Decimal& h : (*usage)[0].hourly)
    EXPECT_EQ(h, dec("0.1"));
  ASSERT_EQ((*usage)[0].by_type.size(), 1u);
  EXPECT_EQ((*usage)[0].by_type[0].instance_type, "m4.large");
}

TEST(CommitmentPurchaseTest, WithoutCatalogPricesTheBillsExistingDiscountIsUsed) {
  std::vector<PricingBillRow> rows = m4_usage();
  for (PricingBillRow& r : rows)
    r.sku_price_details = R"({"InstanceType":"m7g.large"})";
  PricingBillRow covered = rows[0];
  covered.pricing_category = "Committed";
  covered.commitment_id = "sp-1";
  covered.commitment_status = "Used";
  covered.commitment_type = "Savings Plan";
  covered.effective_cost = "0.07";
  rows.push_back(covered);
  const auto source = pricing::testing::pricing_bill_source(rows);
  PurchaseOptions o;
  o.lookback_days = 2;
  auto plan = recommend_commitment_purchases(*source, catalog_book(), kEnd, o);
  ASSERT_TRUE(plan.is_ok()) << plan.status().to_string();
  ASSERT_EQ(plan->recommendations.size(), 1u);
  EXPECT_EQ(plan->recommendations[0].discount.source, pricing::RateSource::kBill);
  EXPECT_EQ(plan->recommendations[0].discount.rate, dec("0.3"));
}

TEST(CommitmentPurchaseTest, NoDiscountSourceIsANoteNotAGuess) {
  std::vector<PricingBillRow> rows = m4_usage();
  for (PricingBillRow& r : rows)
    r.sku_price_details = R"({"InstanceType":"m7g.large"})";
  const auto source = pricing::testing::pricing_bill_source(rows);
  PurchaseOptions o;
  o.lookback_days = 2;
  auto plan = recommend_commitment_purchases(*source, catalog_book(), kEnd, o);
  ASSERT_TRUE(plan.is_ok());
  EXPECT_TRUE(plan->recommendations.empty());
  EXPECT_TRUE(plan->reservations.empty());
  ASSERT_EQ(plan->notes.size(), 2u);
  EXPECT_NE(plan->notes[0].find("no discount rate"), std::string::npos);
  EXPECT_NE(plan->notes[1].find("without a catalog reserved 1y standard no-upfront price"),
            std::string::npos);
  EXPECT_NE(plan->notes[1].find("m7g.large us-east-1"), std::string::npos);
}

}  // namespace
}  // namespace optima::recommend
