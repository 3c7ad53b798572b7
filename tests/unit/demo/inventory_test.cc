// Inventory files have the shapes of the real API responses and name the billed resources.
#include <gtest/gtest.h>

#include <set>

#include "demo_test_support.h"

namespace optima::demo {
namespace {

using testing::cell;
using testing::SharedEstate;

// Keys present in every object of `field` in all recorded responses of `api` (e.g.
// "ec2.DescribeVolumes"), optionally only for objects passing `keep`.
template <typename Keep>
std::set<std::string> recorded_keys(const std::string& api, const std::string& field, Keep keep) {
  std::set<std::string> common;
  bool first = true;
  for (const auto& f : testing::find_files(optima::testing::shared_data("cloud_custodian/placebo"), api + "_", ".json")) {
    auto doc = testing::read_json(f);  // non-const: absent keys read as null
    std::vector<nlohmann::json> objects;
    if (field == "Instances") {
      for (const auto& r : doc["data"]["Reservations"]) {
        for (const auto& i : r["Instances"]) objects.push_back(i);
      }
    } else {
      for (const auto& o : doc["data"][field]) objects.push_back(o);
    }
    for (const auto& o : objects) {
      if (!keep(o)) continue;
      std::set<std::string> keys;
      for (const auto& [k, v] : o.items()) keys.insert(k);
      if (first) {
        common = keys;
        first = false;
      } else {
        std::set<std::string> both;
        std::set_intersection(common.begin(), common.end(), keys.begin(), keys.end(), std::inserter(both, both.begin()));
        common = both;
      }
    }
  }
  return common;
}

std::vector<nlohmann::json> ours(const std::string& api, const std::string& field) {
  std::vector<nlohmann::json> out;
  for (const auto& f : testing::find_files(SharedEstate::get().root() / "inventory" / "aws", api + "_", ".json")) {
    auto doc = testing::read_json(f);
    EXPECT_EQ(doc["status_code"], 200);
    if (field == "Instances") {
      for (const auto& r : doc["data"]["Reservations"]) {
        for (const auto& i : r["Instances"]) out.push_back(i);
      }
    } else {
      for (const auto& o : doc["data"][field]) out.push_back(o);
    }
  }
  return out;
}

class InventoryTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(SharedEstate::get().ok) << SharedEstate::get().error; }
};

TEST_F(InventoryTest, AwsResponsesHaveEveryFieldTheRecordedResponsesAlwaysHave) {
  struct Api {
    const char* name;
    const char* field;
  };
  for (const Api api : {Api{"ec2.DescribeInstances", "Instances"}, Api{"ec2.DescribeVolumes", "Volumes"},
                        Api{"ec2.DescribeAddresses", "Addresses"}, Api{"rds.DescribeDBInstances", "DBInstances"}}) {
    const auto required = recorded_keys(api.name, api.field, [&](const nlohmann::json& o) {
      return std::string(api.field) != "Instances" || o["State"]["Name"] == "running";
    });
    ASSERT_FALSE(required.empty()) << api.name;
    const auto objects = ours(api.name, api.field);
    ASSERT_FALSE(objects.empty()) << api.name;
    for (const auto& o : objects) {
      for (const std::string& k : required) EXPECT_TRUE(o.contains(k)) << api.name << " lacks " << k;
    }
  }
}

TEST_F(InventoryTest, DatetimesUsePlaceboEncoding) {
  for (const auto& i : ours("ec2.DescribeInstances", "Instances")) {
    const auto& t = i["LaunchTime"];
    ASSERT_EQ(t["__class__"], "datetime");
    for (const char* k : {"year", "month", "day", "hour", "minute", "second", "microsecond"}) {
      EXPECT_TRUE(t[k].is_number_integer()) << k;
    }
  }
}

TEST_F(InventoryTest, AwsIdsAreTheBillingResourceIds) {
  std::set<std::string> billed;
  testing::for_each_cur_line([&](const testing::CsvTable& t, const std::vector<std::string>& row) {
    if (cell(t, row, "bill/BillingPeriodStartDate").starts_with("2025-06")) billed.insert(cell(t, row, "lineItem/ResourceId"));
  });
  size_t running = 0;
  for (const auto& i : ours("ec2.DescribeInstances", "Instances")) {
    if (i["State"]["Name"] != "running") continue;
    ++running;
    EXPECT_TRUE(billed.contains(i["InstanceId"].get<std::string>())) << i["InstanceId"];
  }
  EXPECT_GT(running, 30U);
  for (const auto& v : ours("ec2.DescribeVolumes", "Volumes")) EXPECT_TRUE(billed.contains(v["VolumeId"].get<std::string>()));
  for (const auto& a : ours("ec2.DescribeAddresses", "Addresses")) EXPECT_TRUE(billed.contains(a["AllocationId"].get<std::string>()));
  for (const auto& d : ours("rds.DescribeDBInstances", "DBInstances")) EXPECT_TRUE(billed.contains(d["DBInstanceArn"].get<std::string>()));
  size_t unattached = 0;
  for (const auto& v : ours("ec2.DescribeVolumes", "Volumes")) unattached += v["State"] == "available" ? 1 : 0;
  EXPECT_GE(unattached, 2U);
}

TEST_F(InventoryTest, AzureResourceGraphRowsAreBilledResources) {
  std::set<std::string> billed;
  for (const char* name : {"northwind-ea-actual", "northwind-mca-actual"}) {
    for (const auto& f : testing::azure_export(name)) {
      for (const auto& row : f.table.rows) billed.insert(cell(f.table, row, "ResourceId"));
    }
  }
  size_t vms = 0;
  for (const auto& f : testing::find_files(SharedEstate::get().root() / "inventory" / "azure", "resource-graph-", ".json")) {
    const auto doc = testing::read_json(f);
    EXPECT_EQ(doc["count"].get<size_t>(), doc["data"].size());
    for (const auto& r : doc["data"]) {
      EXPECT_TRUE(billed.contains(r["id"].get<std::string>())) << r["id"];
      for (const char* k : {"id", "name", "type", "location", "resourceGroup", "subscriptionId", "tags", "properties"}) {
        EXPECT_TRUE(r.contains(k)) << k;
      }
      if (r["type"] == "microsoft.compute/virtualmachines") {
        ++vms;
        EXPECT_TRUE(r["properties"]["hardwareProfile"]["vmSize"].is_string());
        EXPECT_TRUE(r["properties"]["extended"]["instanceView"]["powerState"]["code"].is_string());
      }
    }
  }
  EXPECT_GT(vms, 15U);
}

TEST_F(InventoryTest, GoogleAssetsCarryTheNumericIdThatEndsTheBillingGlobalName) {
  std::set<std::string> billed;
  for (const auto& l : testing::gcp_lines()) {
    if (l.row.contains("resource")) billed.insert(l.row["resource"]["global_name"].get<std::string>());
  }
  auto text = core::read_file(SharedEstate::get().root() / "inventory" / "gcp" / "cloud-asset-inventory.jsonl");
  ASSERT_TRUE(text.is_ok());
  size_t instances = 0;
  size_t start = 0;
  while (start < text->size()) {
    const size_t end = text->find('\n', start);
    const auto asset = nlohmann::json::parse(text->substr(start, end - start), nullptr, false);
    start = end + 1;
    ASSERT_FALSE(asset.is_discarded());
    EXPECT_TRUE(asset["resource"]["parent"].get<std::string>().starts_with("//cloudresourcemanager.googleapis.com/projects/"));
    EXPECT_EQ(asset["ancestors"].size(), 3U);
    if (asset["asset_type"] != "compute.googleapis.com/Instance") continue;
    ++instances;
    const std::string name = asset["name"];  // ...instances/<instance name>
    const std::string id = asset["resource"]["data"]["id"];
    const std::string billing = name.substr(0, name.rfind('/') + 1) + id;
    EXPECT_TRUE(billed.contains(billing)) << billing;
  }
  EXPECT_GT(instances, 15U);
}

}  // namespace
}  // namespace optima::demo
