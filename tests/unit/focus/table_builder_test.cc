#include "optima/focus/table_builder.h"

#include <gtest/gtest.h>

#include "optima/focus/schema.h"

namespace optima::focus {
namespace {

TEST(TableBuilderTest, EncodesStringsDecimalsTimesTagsAndExtensions) {
  TableBuilder b;
  b.set_string(Column::kServiceName, "EC2");
  b.set_decimal(Column::kBilledCost, core::Decimal::from_int(3));
  b.set_time(Column::kChargePeriodStart, core::make_timestamp({2024, 1, 2}));
  b.add_tag("team", "core");
  b.add_tag("env", "prod");
  b.set_extension("x_UsageType", "BoxUsage");
  b.finish_row();
  b.set_string(Column::kServiceName, "EC2");
  b.finish_row();
  Table t = b.finish();
  ASSERT_EQ(t.num_rows(), 2u);
  EXPECT_TRUE(t.present(Column::kServiceName));
  EXPECT_FALSE(t.present(Column::kRegionId));
  EXPECT_EQ(t.strings(Column::kServiceName).codes[0], t.strings(Column::kServiceName).codes[1]);
  EXPECT_EQ(t.cell_text(0, Column::kBilledCost), "3");
  EXPECT_TRUE(t.decimals(Column::kBilledCost).is_null(1));
  EXPECT_EQ(t.cell_text(0, Column::kChargePeriodStart), "2024-01-02T00:00:00Z");
  EXPECT_TRUE(t.times(Column::kChargePeriodStart).is_null(1));
  EXPECT_EQ(t.tags_json(0), R"({"env":"prod","team":"core"})");
  EXPECT_EQ(t.cell_text(1, Column::kTags), "");
  const ExtensionColumn* ext = t.extension("x_UsageType");
  ASSERT_NE(ext, nullptr);
  EXPECT_EQ(ext->data.value(0), "BoxUsage");
  EXPECT_TRUE(ext->data.is_null(1));
  const uint32_t team = t.tags().key_code("team");
  ASSERT_NE(team, 0u);
  EXPECT_EQ(t.tags().value_dictionary[t.tags().value_code(0, team)], "core");
  EXPECT_EQ(t.tags().value_code(1, team), 0u);
}

TEST(TableBuilderTest, ExtensionsSetByIndexMatchTheirDeclarationOrder) {
  TableBuilder b;
  const size_t first = b.declare_extension("x_A");
  const size_t second = b.declare_extension("x_B");
  EXPECT_EQ(first, 0u);
  EXPECT_EQ(second, 1u);
  EXPECT_EQ(b.declare_extension("x_A"), 0u);
  b.set_extension_at(second, "b1");
  b.finish_row();
  b.set_extension_at(first, "a2");
  b.set_extension_at(second, "");
  b.finish_row();
  Table t = b.finish();
  ASSERT_EQ(t.extensions().size(), 2u);
  const ExtensionColumn* a = t.extension("x_A");
  const ExtensionColumn* bcol = t.extension("x_B");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(bcol, nullptr);
  EXPECT_TRUE(a->data.is_null(0));
  EXPECT_EQ(a->data.value(1), "a2");
  EXPECT_EQ(bcol->data.value(0), "b1");
  EXPECT_TRUE(bcol->data.is_null(1));
}

TEST(TableBuilderTest, ReserveIsOnlyAHint) {
  TableBuilder b;
  b.reserve(2);
  for (int i = 0; i < 5; ++i) {
    b.set_string(Column::kServiceName, i % 2 == 0 ? "EC2" : "S3");
    b.set_decimal(Column::kBilledCost, core::Decimal::from_int(i));
    b.finish_row();
  }
  Table t = b.finish();
  ASSERT_EQ(t.num_rows(), 5u);
  EXPECT_EQ(t.strings(Column::kServiceName).value(3), "S3");
  EXPECT_EQ(t.cell_text(4, Column::kBilledCost), "4");
  EXPECT_FALSE(t.present(Column::kTags));
}

TEST(TableBuilderTest, DiscardRowDropsPendingCells) {
  TableBuilder b;
  b.set_string(Column::kServiceName, "bad");
  b.discard_row();
  b.set_string(Column::kServiceName, "good");
  b.finish_row();
  Table t = b.finish();
  ASSERT_EQ(t.num_rows(), 1u);
  EXPECT_EQ(t.cell_text(0, Column::kServiceName), "good");
}

TEST(SchemaTest, BundledSchemaHasEveryVersionAndMatchesTheColumnTable) {
  auto schema = Schema::bundled();
  ASSERT_TRUE(schema.is_ok()) << schema.status().to_string();
  EXPECT_EQ((*schema)->columns("1.0")->size(), 43u);
  EXPECT_EQ((*schema)->columns("1.1")->size(), 50u);
  const auto* v12 = (*schema)->columns("1.2");
  ASSERT_NE(v12, nullptr);
  ASSERT_EQ(v12->size(), kColumnCount);
  for (const ColumnSpec& spec : *v12) {
    EXPECT_TRUE(column_from_name(spec.name).has_value()) << spec.name;
  }
  const ColumnSpec* cc = (*schema)->find("1.2", "ChargeCategory");
  ASSERT_NE(cc, nullptr);
  EXPECT_EQ(cc->level, FeatureLevel::kMandatory);
  EXPECT_FALSE(cc->allows_nulls);
  EXPECT_EQ(cc->allowed_values.size(), 5u);
  EXPECT_EQ((*schema)->service_subcategories().size(), 19u);
}

TEST(SchemaTest, ReportsMalformedDocument) {
  EXPECT_FALSE(Schema::parse("{").is_ok());
  auto r = Schema::parse(R"({"versions":{"1.2":[{"name":"X"}]}})");
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("versions.1.2[0]"), std::string::npos);
}

}  // namespace
}  // namespace optima::focus
