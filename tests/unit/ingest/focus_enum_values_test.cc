#include "optima/ingest/focus_enum_values.h"

#include <gtest/gtest.h>

namespace optima::ingest {
namespace {

using focus::Column;

TEST(FocusEnumValuesTest, NormalisesCaseAndPunctuationToFocusSpelling) {
  EXPECT_EQ(canonical_value(Column::kChargeCategory, "usage"), "Usage");
  EXPECT_EQ(canonical_value(Column::kChargeCategory, "TAX"), "Tax");
  EXPECT_EQ(canonical_value(Column::kChargeFrequency, "usage-based"), "Usage-Based");
  EXPECT_EQ(canonical_value(Column::kChargeFrequency, "OneTime"), "One-Time");
  EXPECT_EQ(canonical_value(Column::kChargeClass, "correction"), "Correction");
  EXPECT_EQ(canonical_value(Column::kCommitmentDiscountStatus, "unused"), "Unused");
  EXPECT_EQ(canonical_value(Column::kCapacityReservationStatus, "Used"), "Used");
  EXPECT_EQ(canonical_value(Column::kCommitmentDiscountCategory, "spend"), "Spend");
}

TEST(FocusEnumValuesTest, MapsPre10PricingCategories) {
  EXPECT_EQ(canonical_value(Column::kPricingCategory, "On-Demand"), "Standard");
  EXPECT_EQ(canonical_value(Column::kPricingCategory, "Commitment-Based"), "Committed");
  EXPECT_EQ(canonical_value(Column::kPricingCategory, "dynamic"), "Dynamic");
}

TEST(FocusEnumValuesTest, RejectsOtherValuesAndColumnsWithoutClosedSets) {
  EXPECT_FALSE(canonical_value(Column::kChargeCategory, "a").has_value());
  EXPECT_FALSE(canonical_value(Column::kChargeCategory, "").has_value());
  EXPECT_FALSE(canonical_value(Column::kChargeCategory, "Refund").has_value());
  EXPECT_FALSE(canonical_value(Column::kServiceName, "Usage").has_value());
  EXPECT_TRUE(has_closed_values(Column::kChargeCategory));
  EXPECT_FALSE(has_closed_values(Column::kServiceCategory));
}

TEST(FocusEnumValuesTest, ListsAllowedValuesForMessages) {
  EXPECT_EQ(allowed_values_text(Column::kChargeCategory),
            "Usage, Purchase, Tax, Credit or Adjustment");
  EXPECT_EQ(allowed_values_text(Column::kPricingCategory), "Standard, Dynamic, Committed or Other");
}

}  // namespace
}  // namespace optima::ingest
