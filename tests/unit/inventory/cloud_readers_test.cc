// Azure Resource Graph, Azure Monitor, GCP Cloud Asset Inventory and Cloud Monitoring readers on
// hand-made fixtures (tests/unit/inventory/fixtures, shapes from the public API references).
#include <gtest/gtest.h>

#include <fstream>

#include "optima/inventory/azure_monitor_reader.h"
#include "optima/inventory/inventory_batch.h"
#include "optima/inventory/inventory_loader.h"
#include "support/shared_data.h"

namespace optima::inventory {
namespace {

namespace fs = std::filesystem;

fs::path fixture(const std::string& relative) {
  return fs::path(OPTIMA_SOURCE_DIR) / "tests" / "unit" / "inventory" / "fixtures" / relative;
}

TEST(AzureMonitorReaderTest, ReadsAggregationsAsSeparateSeries) {
  InventoryBatch batch;
  const core::Status status = load_inventory({fixture("azure_monitor")}, &batch);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  ASSERT_EQ(batch.series().size(), 3u);
  const std::string vm =
      "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-web/providers/"
      "Microsoft.Compute/virtualMachines/vm-web-1";
  const MetricSeries& avg = batch.series()[0];
  EXPECT_EQ(avg.resource_id, vm);
  EXPECT_EQ(avg.metric, "cpu_percent");
  EXPECT_EQ(avg.statistic, "average");
  EXPECT_EQ(avg.step_seconds, 300);
  ASSERT_EQ(avg.samples.size(), 2u);  // the third point has no value
  EXPECT_DOUBLE_EQ(avg.samples[1].value, 6.75);
  EXPECT_EQ(batch.series()[1].statistic, "maximum");
  EXPECT_EQ(batch.series()[2].metric, "network_out_bytes");
  EXPECT_EQ(batch.series()[2].statistic, "sum");
}

TEST(AzureMonitorReaderTest, ParsesIsoDurations) {
  EXPECT_EQ(parse_iso8601_duration("PT1M"), 60);
  EXPECT_EQ(parse_iso8601_duration("PT1H"), 3600);
  EXPECT_EQ(parse_iso8601_duration("P1D"), 86400);
  EXPECT_EQ(parse_iso8601_duration("P1DT12H"), 129600);
  EXPECT_FALSE(parse_iso8601_duration("5M").has_value());
  EXPECT_FALSE(parse_iso8601_duration("PT").has_value());
}

TEST(GcpMonitoringReaderTest, MapsGceInstanceToBillingGlobalName) {
  InventoryBatch batch;
  const core::Status status = load_inventory({fixture("gcp_monitoring")}, &batch);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  ASSERT_EQ(batch.series().size(), 2u);
  const MetricSeries& cpu = batch.series()[0];
  EXPECT_EQ(cpu.resource_id,
            "//compute.googleapis.com/projects/shop-prod/zones/europe-west1-b/instances/4567890123456789012");
  EXPECT_EQ(cpu.metric, "cpu_percent");
  ASSERT_EQ(cpu.samples.size(), 2u);
  EXPECT_EQ(core::format_iso8601(cpu.samples[0].time), "2024-03-01T00:01:00Z");
  EXPECT_DOUBLE_EQ(cpu.samples[0].value, 25.0);
  EXPECT_EQ(cpu.step_seconds, 60);
  EXPECT_EQ(batch.series()[1].metric, "network_out_bytes");
  EXPECT_DOUBLE_EQ(batch.series()[1].samples[0].value, 9876543.0);
}

TEST(AzureResourceGraphReaderTest, ReadsTheOlderTableForm) {
  InventoryBatch batch;
  const core::Status status = load_inventory({fixture("azure_graph_table")}, &batch);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  ASSERT_EQ(batch.resources().size(), 1u);
  const Resource& disk = batch.resources()[0];
  EXPECT_EQ(disk.provider, "Microsoft");
  EXPECT_EQ(disk.kind, ResourceKind::kDisk);
  EXPECT_EQ(disk.type, "Premium_LRS");
  EXPECT_EQ(disk.state, "unattached");
  EXPECT_EQ(disk.attributes.at("size_gb"), "256");
  EXPECT_EQ(disk.tags.at("team"), "data");
  EXPECT_EQ(disk.region, "westeurope");
  ASSERT_TRUE(disk.created_at.has_value());
  EXPECT_EQ(core::format_iso8601(*disk.created_at), "2023-05-01T10:00:00Z");
}

TEST(AzureResourceGraphReaderTest, RowWithoutIdNamesThePath) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "resource-graph-1.json")
      << R"({"totalRecords": 1, "count": 1, "data": [{"name": "x", "type": "microsoft.compute/disks"}]})";
  InventoryBatch batch;
  const core::Status status = load_inventory({dir.path()}, &batch);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("resource-graph-1.json: $.data[0]: missing member \"id\""), std::string::npos)
      << status.message();
}

TEST(GcpAssetReaderTest, UsesNumericIdForComputeAndBillingNameForBuckets) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "cloud-asset-inventory.jsonl")
      << R"({"name": "//compute.googleapis.com/projects/p1/zones/us-central1-a/instances/web-1", )"
         R"("asset_type": "compute.googleapis.com/Instance", "resource": {"version": "v1", "data": {"id": "123", )"
         R"("name": "web-1", "machineType": "https://www.googleapis.com/compute/v1/projects/p1/zones/us-central1-a/machineTypes/e2-standard-4", )"
         R"("status": "TERMINATED", "labels": {"team": "web"}, "creationTimestamp": "2023-01-02T03:04:05.678-08:00"}, )"
         R"("location": "us-central1-a", "parent": "//cloudresourcemanager.googleapis.com/projects/42"}})"
      << "\n"
      << R"({"name": "//storage.googleapis.com/logs-b", "asset_type": "storage.googleapis.com/Bucket", )"
         R"("resource": {"data": {"id": "logs-b", "name": "logs-b", "location": "US", "storageClass": "STANDARD"}, "location": "us"}})"
      << "\n";
  InventoryBatch batch;
  const core::Status status = load_inventory({dir.path()}, &batch);
  ASSERT_TRUE(status.is_ok()) << status.to_string();
  ASSERT_EQ(batch.resources().size(), 2u);
  const Resource& vm = batch.resources()[0];
  EXPECT_EQ(vm.resource_id, "//compute.googleapis.com/projects/p1/zones/us-central1-a/instances/123");
  EXPECT_EQ(vm.native_id, "//compute.googleapis.com/projects/p1/zones/us-central1-a/instances/web-1");
  EXPECT_EQ(vm.type, "e2-standard-4");
  EXPECT_EQ(vm.state, "stopped");
  EXPECT_EQ(vm.zone, "us-central1-a");
  EXPECT_EQ(vm.region, "us-central1");
  EXPECT_EQ(vm.account_id, "p1");
  EXPECT_EQ(core::format_iso8601(*vm.created_at), "2023-01-02T11:04:05Z");
  EXPECT_EQ(batch.resources()[1].resource_id, "//storage.googleapis.com/projects/_/buckets/logs-b");
}

TEST(GcpAssetReaderTest, BadLineNamesFileAndLine) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "assets.jsonl") << R"({"name": "a", "asset_type": "x", "resource": {"data": {}}})"
                                             << "\n{\"name\": \"b\", \"asset_type\": 5}\n";
  InventoryBatch batch;
  const core::Status status = load_inventory({dir.path()}, &batch);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("assets.jsonl: line 2: $.asset_type: expected string, found number 5"),
            std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace optima::inventory
