// InventoryStore: snapshots of resources and metric series in a temp data directory.
#include <gtest/gtest.h>

#include <fstream>

#include "optima/inventory/inventory_loader.h"
#include "optima/inventory/inventory_store.h"
#include "support/shared_data.h"

namespace optima::inventory {
namespace {

namespace fs = std::filesystem;

Resource make_vm(const std::string& id, const std::string& provider) {
  Resource r;
  r.provider = provider;
  r.resource_id = id;
  r.kind = ResourceKind::kVirtualMachine;
  r.type = "m5.large";
  r.state = "running";
  r.created_at = core::Timestamp{1700000000};
  r.tags["team"] = "checkout";
  r.attributes["platform"] = "linux";
  r.source_file = "ec2.DescribeInstances_1.json";
  return r;
}

MetricSeries make_series(const std::string& id, const std::string& metric, int64_t start, int n) {
  MetricSeries s;
  s.resource_id = id;
  s.metric = metric;
  s.step_seconds = 300;
  for (int i = 0; i < n; ++i) s.samples.push_back({core::Timestamp{start + i * 300}, 0.25 * i});
  return s;
}

TEST(InventoryStoreTest, CommitsResourcesAndSeriesAndReadsThemBack) {
  testing::TempDir dir;
  auto store = InventoryStore::open(dir.path());
  ASSERT_TRUE(store.is_ok()) << store.status().to_string();
  auto none = (*store)->latest_snapshot();
  ASSERT_TRUE(none.is_ok());
  EXPECT_FALSE(none->has_value());

  auto writer = (*store)->begin_snapshot(core::Timestamp{1700003600});
  ASSERT_TRUE(writer.is_ok());
  ASSERT_TRUE((*writer)->add_resource(make_vm("i-2", "AWS")).is_ok());
  ASSERT_TRUE((*writer)->add_resource(make_vm("i-1", "AWS")).is_ok());
  Resource disk = make_vm("vol-1", "AWS");
  disk.kind = ResourceKind::kDisk;
  disk.created_at.reset();
  ASSERT_TRUE((*writer)->add_resource(disk).is_ok());
  ASSERT_TRUE((*writer)->add_series(make_series("i-1", "cpu_percent", 1700000000, 10)).is_ok());
  ASSERT_TRUE((*writer)->add_series(make_series("i-2", "cpu_percent", 1700000000, 5)).is_ok());
  // A second part of i-1's cpu series arriving later.
  ASSERT_TRUE((*writer)->add_series(make_series("i-1", "cpu_percent", 1700002400, 4)).is_ok());
  ASSERT_TRUE((*writer)->add_series(make_series("i-1", "memory_percent", 1700000000, 3)).is_ok());
  (*writer)->add_source("a.json");
  auto info = (*store)->commit_snapshot(std::move(*writer), core::Timestamp{1700007200});
  ASSERT_TRUE(info.is_ok()) << info.status().to_string();
  EXPECT_EQ(info->resource_count, 3);
  EXPECT_EQ(info->series_count, 4);
  EXPECT_EQ(info->sample_count, 22);
  EXPECT_TRUE(fs::exists(dir.path() / "inventory" / "metrics-1.bin"));

  auto latest = (*store)->latest_snapshot();
  ASSERT_TRUE(latest.is_ok() && latest->has_value());
  EXPECT_EQ((*latest)->id, info->id);
  EXPECT_EQ((*latest)->taken_at.unix_seconds, 1700003600);
  EXPECT_EQ((*latest)->sources, std::vector<std::string>{"a.json"});

  auto all = (*store)->resources(info->id, {});
  ASSERT_TRUE(all.is_ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0], make_vm("i-1", "AWS"));
  EXPECT_EQ((*all)[2], disk);

  ResourceFilter disks;
  disks.kind = ResourceKind::kDisk;
  auto only_disks = (*store)->resources(info->id, disks);
  ASSERT_TRUE(only_disks.is_ok());
  ASSERT_EQ(only_disks->size(), 1u);
  EXPECT_EQ((*only_disks)[0].resource_id, "vol-1");
  ResourceFilter azure;
  azure.provider = "microsoft";
  EXPECT_TRUE((*store)->resources(info->id, azure)->empty());
  ResourceFilter by_id;
  by_id.resource_ids = {"i-2", "missing"};
  EXPECT_EQ((*store)->resources(info->id, by_id)->size(), 1u);

  auto series = (*store)->series_for(info->id, "i-1");
  ASSERT_TRUE(series.is_ok()) << series.status().to_string();
  ASSERT_EQ(series->size(), 2u);
  const MetricSeries& cpu = (*series)[0];
  EXPECT_EQ(cpu.metric, "cpu_percent");
  // Parts merged: 10 samples from t0 and 4 from t0+2400 (two overlap, the later part wins), ascending and unique.
  ASSERT_EQ(cpu.samples.size(), 12u);
  for (size_t i = 1; i < cpu.samples.size(); ++i) EXPECT_LT(cpu.samples[i - 1].time, cpu.samples[i].time);
  EXPECT_FLOAT_EQ(static_cast<float>(cpu.samples[1].value), 0.25f);
  EXPECT_EQ((*series)[1].metric, "memory_percent");

  std::vector<std::string> order;
  ASSERT_TRUE((*store)
                  ->for_each_series(info->id,
                                    [&](const std::string& id, std::vector<MetricSeries>& s) {
                                      order.push_back(id + ":" + std::to_string(s.size()));
                                      return core::Status::ok();
                                    })
                  .is_ok());
  EXPECT_EQ(order, (std::vector<std::string>{"i-1:2", "i-2:1"}));

  auto index = (*store)->series_index(info->id);
  ASSERT_TRUE(index.is_ok());
  ASSERT_EQ(index->size(), 3u);
  EXPECT_EQ((*index)[0].sample_count, 14);
}

TEST(InventoryStoreTest, AbandonedWriterLeavesNoSnapshotAndNoFile) {
  testing::TempDir dir;
  auto store = InventoryStore::open(dir.path());
  ASSERT_TRUE(store.is_ok());
  {
    auto writer = (*store)->begin_snapshot(core::Timestamp{0});
    ASSERT_TRUE(writer.is_ok());
    ASSERT_TRUE((*writer)->add_series(make_series("i-1", "cpu_percent", 0, 3)).is_ok());
  }
  EXPECT_FALSE((*store)->latest_snapshot()->has_value());
  EXPECT_TRUE(fs::is_empty(dir.path() / "inventory"));
}

TEST(InventoryStoreTest, RejectsSeriesOutOfOrder) {
  testing::TempDir dir;
  auto store = InventoryStore::open(dir.path());
  ASSERT_TRUE(store.is_ok());
  auto writer = (*store)->begin_snapshot(core::Timestamp{0});
  ASSERT_TRUE(writer.is_ok());
  MetricSeries s = make_series("i-1", "cpu_percent", 0, 3);
  std::swap(s.samples[0], s.samples[2]);
  EXPECT_EQ((*writer)->add_series(s).code(), core::StatusCode::kInvalidArgument);
}

TEST(InventoryStoreTest, CorruptSeriesFileIsDataLossNotACrash) {
  testing::TempDir dir;
  auto store = InventoryStore::open(dir.path());
  ASSERT_TRUE(store.is_ok());
  auto writer = (*store)->begin_snapshot(core::Timestamp{0});
  ASSERT_TRUE(writer.is_ok());
  ASSERT_TRUE((*writer)->add_series(make_series("i-1", "cpu_percent", 0, 100)).is_ok());
  auto info = (*store)->commit_snapshot(std::move(*writer), core::Timestamp{0});
  ASSERT_TRUE(info.is_ok());
  const fs::path file = dir.path() / "inventory" / "metrics-1.bin";
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(60);
    f.put('\x7f');
  }
  auto series = (*store)->series_for(info->id, "i-1");
  ASSERT_FALSE(series.is_ok());
  EXPECT_EQ(series.status().code(), core::StatusCode::kDataLoss);
  EXPECT_NE(series.status().message().find("metrics-1.bin"), std::string::npos);
}

TEST(InventoryStoreTest, SecondSnapshotBecomesLatestAndFirstStaysReadable) {
  testing::TempDir dir;
  auto store = InventoryStore::open(dir.path());
  ASSERT_TRUE(store.is_ok());
  for (int i = 0; i < 2; ++i) {
    auto writer = (*store)->begin_snapshot(core::Timestamp{i * 100});
    ASSERT_TRUE(writer.is_ok());
    ASSERT_TRUE((*writer)->add_resource(make_vm("i-" + std::to_string(i), "AWS")).is_ok());
    ASSERT_TRUE((*store)->commit_snapshot(std::move(*writer), core::Timestamp{0}).is_ok());
  }
  auto latest = (*store)->latest_snapshot();
  ASSERT_TRUE(latest.is_ok() && latest->has_value());
  EXPECT_EQ((*latest)->id, 2);
  EXPECT_EQ((*store)->resources(1, {})->front().resource_id, "i-0");
  EXPECT_EQ((*store)->snapshots()->size(), 2u);
}

TEST(InventoryStoreTest, PlaceboFolderIsOneSnapshot) {
  testing::TempDir dir;
  auto store = InventoryStore::open(dir.path());
  ASSERT_TRUE(store.is_ok());
  auto writer = (*store)->begin_snapshot(core::Timestamp{0});
  ASSERT_TRUE(writer.is_ok());
  ASSERT_TRUE(load_inventory({testing::shared_data("cloud_custodian/placebo/test_metric_filter_multiple_datapoints")},
                             writer->get())
                  .is_ok());
  auto info = (*store)->commit_snapshot(std::move(*writer), core::Timestamp{0});
  ASSERT_TRUE(info.is_ok());
  EXPECT_EQ(info->resource_count, 1);
  EXPECT_EQ(info->series_count, 1);
  EXPECT_EQ(info->sample_count, 3);
  EXPECT_EQ(info->sources.size(), 2u);
}

}  // namespace
}  // namespace optima::inventory
