#include <gtest/gtest.h>

#include <fstream>

#include "optima/inventory/inventory_batch.h"
#include "optima/inventory/inventory_loader.h"
#include "support/shared_data.h"

namespace optima::inventory {
namespace {

namespace fs = std::filesystem;

fs::path write_csv(const testing::TempDir& dir, const std::string& text) {
  const fs::path path = dir.path() / "samples.csv";
  std::ofstream(path) << text;
  return path;
}

TEST(UtilizationCsvReaderTest, GroupsLinesIntoSeriesPerResourceAndMetric) {
  testing::TempDir dir;
  write_csv(dir,
            "resource_id,timestamp,metric,value\n"
            "i-1,2024-01-01T00:00:00Z,cpu_percent,1.50\n"
            "i-1,2024-01-01T00:00:00Z,memory_percent,40.00\n"
            "i-1,2024-01-01T01:00:00Z,cpu_percent,2.50\n"
            "\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm,1\","
            "2024-01-01T00:00:00Z,cpu_percent,7\n");
  InventoryBatch batch;
  const core::Status status = load_inventory({dir.path()}, &batch);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  // Series come out ordered by resource id, metric, statistic.
  ASSERT_EQ(batch.series().size(), 3u);
  EXPECT_EQ(batch.series()[0].resource_id,
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm,1");
  const MetricSeries& cpu = batch.series()[1];
  EXPECT_EQ(cpu.resource_id, "i-1");
  EXPECT_EQ(cpu.metric, "cpu_percent");
  EXPECT_EQ(cpu.statistic, "average");
  EXPECT_EQ(cpu.step_seconds, 3600);
  ASSERT_EQ(cpu.samples.size(), 2u);
  EXPECT_DOUBLE_EQ(cpu.samples[1].value, 2.5);
  EXPECT_EQ(batch.series()[2].metric, "memory_percent");
}

TEST(UtilizationCsvReaderTest, TimeOrderedLinesStillMakeOneSeriesPerResource) {
  testing::TempDir dir;
  write_csv(dir,
            "timestamp,resource_id,metric,value,statistic\n"
            "2024-01-01T01:00:00Z,i-1,cpu_percent,2,maximum\n"
            "2024-01-01T01:00:00Z,i-2,cpu_percent,5,maximum\n"
            "2024-01-01T00:00:00Z,i-1,cpu_percent,1,maximum\n"
            "2024-01-01T00:00:00Z,i-2,cpu_percent,4,maximum\n");
  InventoryBatch batch;
  ASSERT_TRUE(load_inventory({dir.path()}, &batch).is_ok());
  ASSERT_EQ(batch.series().size(), 2u);
  EXPECT_EQ(batch.series()[0].resource_id, "i-1");
  EXPECT_EQ(batch.series()[0].statistic, "maximum");
  ASSERT_EQ(batch.series()[0].samples.size(), 2u);
  EXPECT_DOUBLE_EQ(batch.series()[0].samples[0].value, 1.0);
  EXPECT_DOUBLE_EQ(batch.series()[1].samples[1].value, 5.0);
}

TEST(UtilizationCsvReaderTest, BadValueNamesFileLineAndColumn) {
  testing::TempDir dir;
  write_csv(dir, "resource_id,timestamp,metric,value\ni-1,2024-01-01T00:00:00Z,cpu_percent,1\n"
                 "i-1,2024-01-01T01:00:00Z,cpu_percent,n/a\n");
  InventoryBatch batch;
  const core::Status status = load_inventory({dir.path()}, &batch);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("samples.csv: line 3, column value: expected a number, found 'n/a'"),
            std::string::npos)
      << status.message();
}

TEST(UtilizationCsvReaderTest, BadTimestampAndShortLineAreErrors) {
  testing::TempDir dir;
  write_csv(dir, "resource_id,timestamp,metric,value\ni-1,yesterday,cpu_percent,1\n");
  InventoryBatch batch;
  core::Status status = load_inventory({dir.path()}, &batch);
  EXPECT_NE(status.message().find("line 2, column timestamp: expected an ISO-8601 UTC timestamp"),
            std::string::npos)
      << status.message();
  write_csv(dir, "resource_id,timestamp,metric,value\ni-1,2024-01-01T00:00:00Z,cpu_percent\n");
  status = load_inventory({dir.path()}, &batch);
  EXPECT_NE(status.message().find("line 2, column *: expected 4 fields, found 3"), std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace optima::inventory
