#include "optima/focus/table_slice.h"

#include <gtest/gtest.h>

#include "optima/focus/table_builder.h"

namespace optima::focus {
namespace {

TEST(TableSliceTest, TakesRowsWithCompactDictionariesTagsAndExtensions) {
  TableBuilder b;
  for (int i = 0; i < 6; ++i) {
    b.set_string(Column::kServiceName, "svc" + std::to_string(i % 3));
    if (i != 4) b.set_decimal(Column::kBilledCost, core::Decimal::from_int(i));
    b.set_time(Column::kChargePeriodStart, core::make_timestamp({2024, 1, 1 + i}));
    b.add_tag("team", "t" + std::to_string(i));
    if (i % 2 == 0) b.set_extension("x_Note", "even");
    b.finish_row();
  }
  const Table source = b.finish();
  const Table t = take_rows(source, {4, 1});
  ASSERT_EQ(t.num_rows(), 2u);
  EXPECT_EQ(t.cell_text(0, Column::kServiceName), "svc1");
  EXPECT_EQ(t.cell_text(1, Column::kServiceName), "svc1");
  EXPECT_EQ(t.strings(Column::kServiceName).dictionary.size(), 2u);
  EXPECT_TRUE(t.decimals(Column::kBilledCost).is_null(0));
  EXPECT_EQ(t.cell_text(1, Column::kBilledCost), "1");
  EXPECT_EQ(t.cell_text(0, Column::kChargePeriodStart), "2024-01-05T00:00:00Z");
  EXPECT_EQ(t.tags_json(0), R"({"team":"t4"})");
  EXPECT_EQ(t.tags_json(1), R"({"team":"t1"})");
  ASSERT_NE(t.extension("x_Note"), nullptr);
  EXPECT_EQ(t.extension("x_Note")->data.value(0), "even");
  EXPECT_TRUE(t.extension("x_Note")->data.is_null(1));
  EXPECT_FALSE(t.present(Column::kRegionId));
}

}  // namespace
}  // namespace optima::focus
