#include "optima/recommend/commitments/commitment_metrics.h"

#include <gtest/gtest.h>

#include "unit/pricing/pricing_test_support.h"

namespace optima::recommend {
namespace {

using core::Decimal;
using pricing::testing::PricingBillRow;

Decimal dec(const char* text) {
  return Decimal::from_string(text).value();
}

PricingBillRow usage(const char* effective, const char* contracted) {
  PricingBillRow r;
  r.start = "2026-11-01T00:00:00Z";
  r.effective_cost = effective;
  r.contracted_cost = contracted;
  r.list_cost = contracted;
  return r;
}

TEST(CommitmentMetricsTest, CoverageUtilizationAndEsrFromFocusRows) {
  std::vector<PricingBillRow> rows;
  rows.push_back(usage("60", "60"));  // on demand
  PricingBillRow covered = usage("25", "40");
  covered.pricing_category = "Committed";
  covered.commitment_id = "sp-1";
  covered.commitment_status = "Used";
  covered.commitment_type = "Savings Plan";
  covered.billed_cost = "0";
  rows.push_back(covered);
  PricingBillRow unused = usage("5", "");
  unused.pricing_category = "Committed";
  unused.commitment_id = "sp-1";
  unused.commitment_status = "Unused";
  unused.commitment_type = "Savings Plan";
  unused.consumed_quantity = "";
  rows.push_back(unused);
  PricingBillRow purchase = usage("0", "");
  purchase.charge_category = "Purchase";
  purchase.commitment_id = "sp-1";
  purchase.commitment_type = "Savings Plan";
  purchase.billed_cost = "30";
  rows.push_back(purchase);
  PricingBillRow storage = usage("7", "7");  // GB-months are not commitment-eligible
  storage.consumed_unit = "GB-Mo";
  rows.push_back(storage);
  PricingBillRow spot = usage("3", "10");
  spot.pricing_category = "Dynamic";
  rows.push_back(spot);

  const auto source = pricing::testing::pricing_bill_source(rows);
  const core::Period window{core::timestamp_from_string("2026-11-01").value(),
                            core::timestamp_from_string("2026-12-01").value()};
  auto m = compute_commitment_metrics(*source, window);
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  ASSERT_EQ(m->size(), 1u);
  const ProviderCommitmentMetrics& p = (*m)[0];
  EXPECT_EQ(p.provider, "AWS");
  EXPECT_EQ(p.eligible_on_demand_equivalent, dec("100"));
  EXPECT_EQ(p.covered_on_demand_equivalent, dec("40"));
  EXPECT_EQ(p.coverage(), dec("0.4"));
  // Used 25 of 30 committed.
  ASSERT_TRUE(p.utilization().has_value());
  EXPECT_EQ(*p.utilization(), Decimal::divide(dec("25"), dec("30")));
  // ESR = (100 − (60 + 25) − 5) / 100.
  EXPECT_EQ(p.effective_savings_rate(), dec("0.1"));
  ASSERT_EQ(p.types.size(), 1u);
  EXPECT_EQ(p.types[0].type, "Savings Plan");
  EXPECT_EQ(p.types[0].purchases, dec("30"));
  EXPECT_EQ(p.types[0].savings(), dec("10"));
  EXPECT_EQ(p.types[0].savings_rate(), dec("0.25"));
}

TEST(CommitmentMetricsTest, UnamortizedCommitmentsCountTheirPurchasesAsCost) {
  // Google's billing export: covered usage zeroed by the CUD credit, the fee billed as its own
  // row, usage metered in seconds.
  PricingBillRow open_usage = usage("30", "30");
  open_usage.provider = "Google Cloud";
  open_usage.consumed_unit = "seconds";
  PricingBillRow covered = usage("0", "70");
  covered.provider = "Google Cloud";
  covered.consumed_unit = "seconds";
  covered.pricing_category = "Committed";
  covered.commitment_id = "cud-1";
  covered.commitment_status = "Used";
  covered.commitment_type = "Committed Use Discount";
  PricingBillRow fee = usage("45", "");
  fee.provider = "Google Cloud";
  fee.charge_category = "Purchase";
  fee.consumed_unit = "";
  fee.commitment_type = "Committed Use Discount";
  const auto source = pricing::testing::pricing_bill_source({open_usage, covered, fee});
  const core::Period window{core::timestamp_from_string("2026-11-01").value(),
                            core::timestamp_from_string("2026-12-01").value()};
  auto m = compute_commitment_metrics(*source, window);
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  ASSERT_EQ(m->size(), 1u);
  const ProviderCommitmentMetrics& p = (*m)[0];
  EXPECT_EQ(p.coverage(), dec("0.7"));
  EXPECT_FALSE(p.utilization().has_value());
  ASSERT_EQ(p.types.size(), 1u);
  EXPECT_FALSE(p.types[0].amortized());
  EXPECT_EQ(p.types[0].savings(), dec("25"));
  // ESR = (100 − 30 − 0 − 45) / 100.
  EXPECT_EQ(p.effective_savings_rate(), dec("0.25"));
}

TEST(CommitmentMetricsTest, MonthlyBucketsSplitThePeriod) {
  PricingBillRow a = usage("10", "10");
  PricingBillRow b = usage("20", "20");
  b.start = "2026-12-03T00:00:00Z";
  const auto source = pricing::testing::pricing_bill_source({a, b});
  const core::Period window{core::timestamp_from_string("2026-11-15").value(),
                            core::timestamp_from_string("2026-12-15").value()};
  auto m = compute_commitment_metrics(*source, window, MetricsGranularity::kMonth);
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  ASSERT_EQ(m->size(), 1u);  // the November row lies before the window
  EXPECT_EQ((*m)[0].period.start, core::timestamp_from_string("2026-12-01").value());
  EXPECT_EQ((*m)[0].period.end, window.end);
  EXPECT_EQ((*m)[0].coverage(), Decimal());
}

}  // namespace
}  // namespace optima::recommend
