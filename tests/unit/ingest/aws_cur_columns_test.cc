// CurLayout: one field table for every CUR column spelling, and the header quirks it reports.
#include "optima/ingest/aws_cur_columns.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "optima/ingest/aws_service_categories.h"

namespace optima::ingest {
namespace {

CurLayout layout_of(std::vector<std::string_view> header) {
  return CurLayout::resolve(header);
}

TEST(CurLayoutTest, SlashAthenaAndCur2SpellingsReachTheSameField) {
  const CurLayout slash = layout_of({"savingsPlan/SavingsPlanARN", "lineItem/UnblendedCost"});
  const CurLayout snake =
      layout_of({"savings_plan_savings_plan_a_r_n", "line_item_unblended_cost"});
  const CurLayout koku = layout_of({"savingsPlan/SavingsPlanArn", "lineItem/UnblendedCost"});
  for (const CurLayout* layout : {&slash, &snake, &koku}) {
    EXPECT_EQ(layout->index(CurField::kSavingsPlanArn), 0u);
    EXPECT_EQ(layout->index(CurField::kUnblendedCost), 1u);
    EXPECT_TRUE(layout->warnings().empty());
  }
  EXPECT_TRUE(slash.slash_names());
  EXPECT_FALSE(snake.slash_names());
  EXPECT_EQ(snake.column_name(CurField::kSavingsPlanArn), "savings_plan_savings_plan_a_r_n");
  EXPECT_EQ(snake.column_name(CurField::kTaxType), "lineItem/TaxType");  // absent: the legacy name
}

TEST(CurLayoutTest, CollectsTagCostCategoryAndDiscountColumns) {
  const CurLayout slash =
      layout_of({"resourceTags/user:kubernetes.io/cluster", "resourceTags/aws:createdBy",
                 "costCategory/Charge type", "discount/TotalDiscount"});
  ASSERT_EQ(slash.tag_columns().size(), 2u);
  EXPECT_EQ(slash.tag_columns()[0].key,
            "user:kubernetes.io/cluster");  // '/' inside a tag key is fine
  EXPECT_EQ(slash.tag_columns()[1].key, "aws:createdBy");
  ASSERT_EQ(slash.cost_category_columns().size(), 1u);
  EXPECT_EQ(slash.cost_category_columns()[0].name, "x_CostCategory_Charge_type");
  ASSERT_EQ(slash.discount_columns().size(), 1u);
  EXPECT_EQ(slash.discount_columns()[0].name, "TotalDiscount");
  EXPECT_TRUE(slash.warnings().empty());

  const CurLayout snake =
      layout_of({"resource_tags_user_team", "resource_tags_aws_created_by", "cost_category_env",
                 "resource_tags", "product", "line_item_line_item_type"});
  ASSERT_EQ(snake.tag_columns().size(), 2u);
  EXPECT_EQ(snake.tag_columns()[0].key, "user:team");
  EXPECT_EQ(snake.tag_columns()[1].key, "aws:created_by");
  EXPECT_EQ(snake.cost_category_columns()[0].name, "x_CostCategory_env");
  EXPECT_EQ(snake.map_column(CurMapColumn::kResourceTags), 3u);
  EXPECT_EQ(snake.map_column(CurMapColumn::kProduct), 4u);
  EXPECT_FALSE(snake.map_column(CurMapColumn::kDiscount).has_value());
}

TEST(CurLayoutTest, WarnsAboutMergedHeadersUnknownCategoriesAndDuplicates) {
  const CurLayout layout =
      layout_of({"pricing/OfferingClasspricing/PurchaseOption", "noTags/user:app",
                 "lineItem/UnblendedCost", "lineitem/unblendedcost", "year"});
  ASSERT_EQ(layout.warnings().size(), 4u);
  EXPECT_NE(
      layout.warnings()[0].find("'pricing/OfferingClass' and 'pricing/PurchaseOption' merged"),
      std::string::npos);
  EXPECT_NE(layout.warnings()[1].find("repeats 'lineItem/UnblendedCost' (column 3)"),
            std::string::npos)
      << layout.warnings()[1];
  EXPECT_NE(layout.warnings()[2].find("outside the CUR categories are not read: year"),
            std::string::npos);
  EXPECT_NE(layout.warnings()[3].find("unknown category 'noTags'"), std::string::npos);
  EXPECT_EQ(layout.index(CurField::kUnblendedCost), 2u);
}

TEST(CurLayoutTest, TagAndCostCategoryNaming) {
  EXPECT_EQ(snake_tag_key("user_cost_center"), "user:cost_center");
  EXPECT_EQ(snake_tag_key("aws_created_by"), "aws:created_by");
  EXPECT_EQ(snake_tag_key("user:Team"), "user:Team");
  EXPECT_EQ(snake_tag_key("team"), "team");
  EXPECT_EQ(cost_category_column("Business Unit/Team-1"), "x_CostCategory_Business_Unit_Team_1");
}

TEST(AwsServiceCategoriesTest, LoadsTheBundledTableAndRejectsBadRows) {
  const auto& bundled = bundled_aws_service_categories();
  ASSERT_TRUE(bundled.is_ok()) << bundled.status().to_string();
  EXPECT_EQ((*bundled)->find("AmazonEC2"), "Compute");
  EXPECT_EQ((*bundled)->find("amazonec2"), "Compute");
  EXPECT_EQ((*bundled)->find("AWSCloudShell"), "Developer Tools");
  EXPECT_FALSE((*bundled)->find("mra").has_value());
  EXPECT_GE((*bundled)->size(), 215u);

  AwsServiceCategories table;
  const core::Status bad = table.add_csv("product_code,ServiceCategory\nFoo,Computing\n", "t.csv");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.message().find("t.csv line 2: expected a FOCUS ServiceCategory, found 'Computing'"),
            std::string::npos)
      << bad.message();
  EXPECT_FALSE(table.add_csv("product_code,ServiceCategory\nFoo\n", "t.csv").is_ok());
}

}  // namespace
}  // namespace optima::ingest
