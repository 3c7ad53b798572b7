#include <gtest/gtest.h>

#include "optima/focus/conformance/table_dataset.h"
#include "optima/focus/table_builder.h"

namespace optima::focus {
namespace {

std::shared_ptr<const Table> table_with(const std::string& service, bool with_cost) {
  TableBuilder b;
  b.set_string(Column::kServiceName, service);
  if (with_cost) {
    b.set_decimal(Column::kBilledCost, core::Decimal::from_int(2));
  }
  b.set_time(Column::kChargePeriodStart, core::make_timestamp({2024, 1, 2}));
  b.set_extension("x_Usage", "Box");
  b.finish_row();
  b.set_string(Column::kServiceName, service);
  b.add_tag("team", "core");
  b.finish_row();
  return std::make_shared<const Table>(b.finish());
}

TEST(TableDatasetTest, PresentsTheUnionOfColumnsWithTypedCells) {
  TableDataset data({table_with("EC2", false), table_with("S3", true)});
  EXPECT_EQ(data.column_names(), (std::vector<std::string>{"BilledCost", "ChargePeriodStart",
                                                           "ServiceName", "Tags", "x_Usage"}));
  EXPECT_EQ(data.description(), "2 tables");
  RowBatch batch;
  ASSERT_TRUE(*data.next_batch(&batch));
  EXPECT_EQ(batch.first_row, 0u);
  EXPECT_EQ(batch.rows, 2u);
  const ColumnBatch& cost = batch.columns[0];
  EXPECT_EQ(cost.storage, CellStorage::kDecimal);
  EXPECT_TRUE(cost.is_null(0));  // the first table has no BilledCost
  const ColumnBatch& start = batch.columns[1];
  EXPECT_EQ(start.storage, CellStorage::kDateTime);
  EXPECT_EQ(start.text(0), "2024-01-02T00:00:00Z");
  EXPECT_TRUE(start.is_null(1));
  EXPECT_EQ(batch.columns[2].texts[0], "EC2");
  const ColumnBatch& tags = batch.columns[3];
  EXPECT_EQ(tags.storage, CellStorage::kKeyValue);
  EXPECT_TRUE(tags.is_null(0));
  EXPECT_EQ(tags.text(1), R"({"team":"core"})");
  EXPECT_EQ(batch.columns[4].texts[0], "Box");

  ASSERT_TRUE(*data.next_batch(&batch));
  EXPECT_EQ(batch.first_row, 2u);
  EXPECT_EQ(batch.columns[0].text(0), "2");
  EXPECT_FALSE(*data.next_batch(&batch));
  EXPECT_EQ(data.rows_read(), 4u);
}

TEST(TableDatasetTest, StreamsFromALoaderAndPropagatesItsErrors) {
  int calls = 0;
  TableDataset data(
      {"ServiceName", "RegionId", "x_Usage"},
      [&]() -> core::Result<std::shared_ptr<const Table>> {
        ++calls;
        if (calls == 1) {
          return table_with("EC2", true);
        }
        if (calls == 2) {
          return std::make_shared<const Table>();  // empty: skipped
        }
        return core::data_loss("segment 7: checksum mismatch");
      },
      "store snapshot");
  EXPECT_EQ(data.description(), "store snapshot");
  RowBatch batch;
  ASSERT_TRUE(*data.next_batch(&batch));
  ASSERT_EQ(batch.columns.size(), 3u);
  EXPECT_EQ(batch.columns[0].texts[1], "EC2");
  EXPECT_TRUE(batch.columns[1].is_null(0));  // declared but not in the table
  EXPECT_EQ(batch.columns[2].texts[0], "Box");
  auto failed = data.next_batch(&batch);
  ASSERT_FALSE(failed.is_ok());
  EXPECT_EQ(failed.status().code(), core::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace optima::focus
