// AwsPlaceboReader on every Cloud Custodian placebo recording in ../shared/data, and on broken
// recordings written by the tests.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include <fmt/format.h>

#include "optima/inventory/inventory_batch.h"
#include "optima/inventory/inventory_loader.h"
#include "support/shared_data.h"

namespace optima::inventory {
namespace {

namespace fs = std::filesystem;

fs::path placebo_dir() { return testing::shared_data("cloud_custodian/placebo"); }

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

const Resource* find_by_id(const InventoryBatch& batch, const std::string& id) {
  for (const Resource& r : batch.resources()) {
    if (r.resource_id == id) return &r;
  }
  return nullptr;
}

TEST(AwsPlaceboReaderTest, LoadsEveryRecordedFolderWithExactCountsPerKind) {
  std::map<std::string, int> resources_by_kind;
  int series = 0;
  int folders = 0;
  int skipped_metrics = 0;
  int failed_calls = 0;
  for (const auto& entry : fs::directory_iterator(placebo_dir())) {
    if (!entry.is_directory()) continue;
    InventoryBatch batch;
    const core::Status status = load_inventory({entry.path()}, &batch);
    ASSERT_TRUE(status.is_ok()) << status.to_string();
    ++folders;
    for (const Resource& r : batch.resources()) ++resources_by_kind[std::string(resource_kind_name(r.kind))];
    series += static_cast<int>(batch.series().size());
    for (const auto& [source, reason] : batch.skipped()) {
      if (reason.rfind("metric ", 0) == 0) ++skipped_metrics;
      if (reason.rfind("recorded failed call", 0) == 0) ++failed_calls;
    }
  }
  std::string table = fmt::format("{:<18} {:>6}\n", "kind", "count");
  int total = 0;
  for (const auto& [kind, count] : resources_by_kind) {
    table += fmt::format("{:<18} {:>6}\n", kind, count);
    total += count;
  }
  table += fmt::format("{:<18} {:>6}\n{:<18} {:>6}\n", "total", total, "metric series", series);
  std::cout << table;

  // Counted from the recorded files (resources deduplicated by id within a folder).
  EXPECT_EQ(folders, 65);
  EXPECT_EQ(resources_by_kind["virtual_machine"], 47);
  EXPECT_EQ(resources_by_kind["disk"], 26);
  EXPECT_EQ(resources_by_kind["snapshot"], 9);
  EXPECT_EQ(resources_by_kind["public_ip"], 11);
  EXPECT_EQ(resources_by_kind["load_balancer"], 14);
  EXPECT_EQ(resources_by_kind["nat_gateway"], 3);
  EXPECT_EQ(resources_by_kind["database"], 11);
  EXPECT_EQ(resources_by_kind["object_bucket"], 3);
  EXPECT_EQ(total, 124);
  // 15 series with datapoints; 5 are SQS, ECS, CloudFront or unlisted-bucket metrics whose folder
  // holds no resource they could belong to.
  EXPECT_EQ(series, 10);
  EXPECT_EQ(skipped_metrics, 5);
  // Two DescribeAddresses calls were recorded failing (400).
  EXPECT_EQ(failed_calls, 2);
}

TEST(AwsPlaceboReaderTest, MapsInstanceFieldsAndCpuSeries) {
  InventoryBatch batch;
  ASSERT_TRUE(load_inventory({placebo_dir() / "test_ec2_metric"}, &batch).is_ok());
  ASSERT_EQ(batch.resources().size(), 1u);
  const Resource& vm = batch.resources()[0];
  EXPECT_EQ(vm.provider, "AWS");
  EXPECT_EQ(vm.kind, ResourceKind::kVirtualMachine);
  EXPECT_FALSE(vm.type.empty());
  EXPECT_FALSE(vm.state.empty());
  EXPECT_TRUE(vm.created_at.has_value());
  ASSERT_EQ(batch.series().size(), 1u);
  const MetricSeries& cpu = batch.series()[0];
  EXPECT_EQ(cpu.resource_id, vm.resource_id);
  EXPECT_EQ(cpu.metric, "cpu_percent");
  EXPECT_EQ(cpu.statistic, "average");
  ASSERT_EQ(cpu.samples.size(), 1u);
  EXPECT_DOUBLE_EQ(cpu.samples[0].value, 0.02857142857142857);
  EXPECT_EQ(core::format_iso8601(cpu.samples[0].time), "2016-06-21T20:59:00Z");
}

TEST(AwsPlaceboReaderTest, ReadsTerminatedInstanceLaunchTimeAsUtc) {
  InventoryBatch batch;
  ASSERT_TRUE(load_inventory({placebo_dir() / "test_ec2_stop"}, &batch).is_ok());
  const Resource* vm = find_by_id(batch, "i-b2d2a876");
  ASSERT_NE(vm, nullptr);
  EXPECT_EQ(vm->state, "terminated");
  EXPECT_EQ(vm->type, "m3.medium");
  EXPECT_EQ(vm->zone, "us-west-2a");
  EXPECT_EQ(vm->region, "us-west-2");
  EXPECT_EQ(vm->account_id, "619193117841");
  EXPECT_EQ(vm->name, "Packer Builder");
  EXPECT_EQ(vm->attributes.at("architecture"), "x86_64");
  EXPECT_EQ(vm->attributes.at("platform"), "linux");
  ASSERT_TRUE(vm->created_at.has_value());
  EXPECT_EQ(core::format_iso8601(*vm->created_at), "2015-11-24T14:40:40Z");
}

TEST(AwsPlaceboReaderTest, CountsHealthyTargetsOfApplicationLoadBalancers) {
  InventoryBatch batch;
  ASSERT_TRUE(load_inventory({placebo_dir() / "test_appelb_instance_count_non_zero"}, &batch).is_ok());
  int with_targets = 0;
  for (const Resource& r : batch.resources()) {
    if (r.kind == ResourceKind::kLoadBalancer && r.attributes.count("target_count")) ++with_targets;
  }
  EXPECT_GT(with_targets, 0);
}

TEST(AwsPlaceboReaderTest, SkipsAndListsOperationsThatAreNotInventory) {
  InventoryBatch batch;
  ASSERT_TRUE(load_inventory({placebo_dir() / "test_ec2_resize"}, &batch).is_ok());
  bool listed = false;
  for (const auto& [source, reason] : batch.skipped()) {
    if (reason.find("is not an inventory operation") != std::string::npos) listed = true;
  }
  EXPECT_TRUE(listed);
}

TEST(AwsPlaceboReaderTest, MalformedJsonNamesTheFile) {
  testing::TempDir dir;
  write_text(dir.path() / "ec2.DescribeVolumes_1.json", "{\"status_code\": 200, \"data\": {");
  InventoryBatch batch;
  const core::Status status = load_inventory({dir.path()}, &batch);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.code(), core::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("ec2.DescribeVolumes_1.json: malformed JSON"), std::string::npos)
      << status.message();
}

TEST(AwsPlaceboReaderTest, WrongTypeNamesTheJsonPath) {
  testing::TempDir dir;
  write_text(dir.path() / "ec2.DescribeInstances_1.json",
             R"({"status_code": 200, "data": {"Reservations": [{"Instances": [)"
             R"({"InstanceId": 42, "InstanceType": "t3.micro", "State": {"Name": "running"}}]}]}})");
  InventoryBatch batch;
  const core::Status status = load_inventory({dir.path()}, &batch);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("$.data.Reservations[0].Instances[0].InstanceId: expected string, found number 42"),
            std::string::npos)
      << status.message();
}

TEST(AwsPlaceboReaderTest, MissingMemberNamesTheJsonPath) {
  testing::TempDir dir;
  write_text(dir.path() / "rds.DescribeDBInstances_1.json", R"({"status_code": 200, "data": {"DBInstances": [{}]}})");
  InventoryBatch batch;
  const core::Status status = load_inventory({dir.path()}, &batch);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("$.data.DBInstances[0]: missing member \"DBInstanceIdentifier\""),
            std::string::npos)
      << status.message();
}

TEST(AwsPlaceboReaderTest, WrongEnvelopeIsAnError) {
  testing::TempDir dir;
  write_text(dir.path() / "s3.ListBuckets_1.json", R"({"status_code": "200", "data": []})");
  InventoryBatch batch;
  const core::Status status = load_inventory({dir.path()}, &batch);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("$.status_code: expected integer HTTP status"), std::string::npos)
      << status.message();
}

TEST(AwsPlaceboReaderTest, GetMetricDataAttributesByLabel) {
  testing::TempDir dir;
  write_text(dir.path() / "ec2.DescribeInstances_1.json",
             R"({"status_code": 200, "data": {"Reservations": [{"OwnerId": "1", "Instances": [)"
             R"({"InstanceId": "i-a", "InstanceType": "t3.micro", "State": {"Name": "running"}},)"
             R"({"InstanceId": "i-b", "InstanceType": "t3.micro", "State": {"Name": "running"}}]}]}})");
  write_text(dir.path() / "monitoring.GetMetricData_1.json",
             R"({"status_code": 200, "data": {"MetricDataResults": [{"Id": "m1", "Label": "i-b CPUUtilization",)"
             R"("Timestamps": ["2024-01-01T00:05:00Z", "2024-01-01T00:00:00Z"], "Values": [2.5, 1.5],)"
             R"("StatusCode": "Complete"}]}})");
  InventoryBatch batch;
  ASSERT_TRUE(load_inventory({dir.path()}, &batch).is_ok());
  ASSERT_EQ(batch.series().size(), 1u);
  const MetricSeries& s = batch.series()[0];
  EXPECT_EQ(s.resource_id, "i-b");
  EXPECT_EQ(s.metric, "cpu_percent");
  EXPECT_EQ(s.step_seconds, 300);
  ASSERT_EQ(s.samples.size(), 2u);
  EXPECT_DOUBLE_EQ(s.samples[0].value, 1.5);
}

}  // namespace
}  // namespace optima::inventory
