#include "optima/ingest/focus_column_map.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace optima::ingest {
namespace {

using focus::Column;

FocusColumnMap map_of(const std::vector<std::string_view>& header) {
  return FocusColumnMap::from_header(header);
}

bool warning_mentions(const FocusColumnMap& map, std::string_view text) {
  for (const std::string& w : map.warnings()) {
    if (w.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(FocusColumnMapTest, MatchesFocusIdsExactlyThenIgnoringCase) {
  const auto map = map_of({"BilledCost", " SkuPriceid ", "chargeperiodstart", "Tags"});
  ASSERT_EQ(map.columns().size(), 4u);
  EXPECT_EQ(map.columns()[0].kind, CellKind::kDecimal);
  EXPECT_EQ(map.columns()[1].column, Column::kSkuPriceId);
  EXPECT_EQ(map.columns()[1].name, "SkuPriceid");
  EXPECT_EQ(map.columns()[2].kind, CellKind::kTime);
  EXPECT_EQ(map.columns()[3].kind, CellKind::kTags);
  EXPECT_EQ(map.focus_column_count(), 4u);
  EXPECT_TRUE(map.warnings().empty());
}

TEST(FocusColumnMapTest, ReadsOlderNamesOnlyWhenTheSuccessorIsAbsent) {
  const auto map = map_of({"ChargeType", "AmortizedCost", "Region", "UsageQuantity", "UsageUnit",
                           "Provider", "Publisher", "InvoiceIssuer", "BilledCost"});
  EXPECT_EQ(map.columns()[0].column, Column::kChargeCategory);
  EXPECT_EQ(map.columns()[0].kind, CellKind::kEnum);
  EXPECT_EQ(map.columns()[1].column, Column::kEffectiveCost);
  EXPECT_EQ(map.columns()[2].column, Column::kRegionId);
  EXPECT_EQ(map.columns()[3].column, Column::kConsumedQuantity);
  EXPECT_EQ(map.columns()[4].column, Column::kConsumedUnit);
  EXPECT_EQ(map.columns()[5].column, Column::kProviderName);
  EXPECT_EQ(map.columns()[6].column, Column::kPublisherName);
  EXPECT_EQ(map.columns()[7].column, Column::kInvoiceIssuerName);
  EXPECT_TRUE(warning_mentions(map, "ChargeType as ChargeCategory"));

  const auto both = map_of({"ChargeType", "ChargeCategory", "BilledCost"});
  EXPECT_EQ(both.columns()[0].kind, CellKind::kExtension);
  EXPECT_EQ(both.columns()[1].column, Column::kChargeCategory);
  EXPECT_TRUE(warning_mentions(both, "ChargeType"));
}

TEST(FocusColumnMapTest, PromotesAzure10ExtensionsAndKeepsThem) {
  const auto map = map_of({"BilledCost", "x_InvoiceId", "x_SkuDetails", "x_Other"});
  EXPECT_EQ(map.columns()[1].column, Column::kInvoiceId);
  EXPECT_EQ(map.columns()[1].kind, CellKind::kString);
  EXPECT_EQ(map.columns()[1].extension, 0);
  EXPECT_EQ(map.columns()[2].column, Column::kSkuPriceDetails);
  EXPECT_EQ(map.columns()[3].kind, CellKind::kExtension);
  EXPECT_EQ(map.extensions(), (std::vector<std::string>{"x_InvoiceId", "x_SkuDetails", "x_Other"}));
  EXPECT_TRUE(warning_mentions(map, "x_InvoiceId as InvoiceId"));

  // Azure 1.2-preview has both SkuPriceDetails and x_SkuDetails: no promotion.
  const auto preview = map_of({"SkuPriceDetails", "x_SkuDetails"});
  EXPECT_EQ(preview.columns()[1].kind, CellKind::kExtension);
  EXPECT_TRUE(preview.warnings().empty());
}

TEST(FocusColumnMapTest, KeepsUnknownColumnsAsExtensionsAndWarns) {
  const auto map = map_of({"BilledCost", "BilledCurrency", "", "BilledCost", "billedcost"});
  EXPECT_EQ(map.columns()[1].kind, CellKind::kExtension);
  EXPECT_EQ(map.columns()[2].kind, CellKind::kIgnore);
  EXPECT_EQ(map.columns()[3].kind, CellKind::kIgnore);
  EXPECT_EQ(map.columns()[4].kind, CellKind::kExtension);
  EXPECT_EQ(map.extensions(), (std::vector<std::string>{"BilledCurrency", "billedcost"}));
  EXPECT_TRUE(warning_mentions(map, "own names: BilledCurrency"));
  EXPECT_TRUE(warning_mentions(map, "without a name are ignored: column 3"));
  EXPECT_TRUE(warning_mentions(map, "repeated in the header: BilledCost, billedcost"));
}

TEST(FocusColumnMapTest, DetectsFocusOnlyWithBilledCostAndTwoMoreColumns) {
  EXPECT_TRUE(map_of({"BilledCost", "ChargePeriodStart", "ChargeType"}).looks_like_focus());
  EXPECT_FALSE(map_of({"BilledCost", "ChargePeriodStart"}).looks_like_focus());
  // Azure EA cost details share names with FOCUS but have no BilledCost.
  EXPECT_FALSE(map_of({"BillingAccountId", "BillingAccountName", "ChargeType", "Tags",
                       "PublisherName", "ResourceId", "CostInBillingCurrency"})
                   .looks_like_focus());
}

}  // namespace
}  // namespace optima::ingest
