// Bad input never crashes a reader: every placebo recording truncated at several points, and
// with its values swapped for other JSON types, either loads or fails with an error naming the
// file; the demo-shaped CSV, Resource Graph and asset lines likewise.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "optima/core/file_io.h"
#include "optima/inventory/inventory_batch.h"
#include "optima/inventory/inventory_loader.h"

#include "support/shared_data.h"

namespace optima::inventory {
namespace {

namespace fs = std::filesystem;

// Replaces every string by a number, every number by a string, every array by an object.
nlohmann::json swap_types(const nlohmann::json& value) {
  if (value.is_string())
    return 7;
  if (value.is_number())
    return "7";
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::object();
    for (size_t i = 0; i < value.size(); ++i)
      out[std::to_string(i)] = swap_types(value[i]);
    return out;
  }
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : value.items())
      out[k] = swap_types(v);
    return out;
  }
  return value;
}

void expect_loads_or_names_file(const fs::path& dir, const std::string& file_name) {
  InventoryBatch batch;
  const core::Status status = load_inventory({dir}, &batch);
  if (!status.is_ok()) {
    EXPECT_EQ(status.code(), core::StatusCode::kInvalidArgument) << status.to_string();
    EXPECT_NE(status.message().find(file_name), std::string::npos) << status.to_string();
  }
}

TEST(MalformedInputTest, TruncatedAndRetypedPlaceboFilesNeverCrash) {
  int files = 0;
  for (const auto& folder :
       fs::directory_iterator(testing::shared_data("cloud_custodian/placebo"))) {
    if (!folder.is_directory())
      continue;
    for (const auto& entry : fs::directory_iterator(folder.path())) {
      auto text = core::read_file(entry.path());
      ASSERT_TRUE(text.is_ok());
      const std::string name = entry.path().filename().string();
      testing::TempDir dir;
      for (size_t cut : {size_t{1}, text->size() / 4, text->size() / 2, text->size() - 2}) {
        std::ofstream(dir.path() / name, std::ios::trunc) << text->substr(0, cut);
        expect_loads_or_names_file(dir.path(), name);
      }
      nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
      ASSERT_FALSE(doc.is_discarded()) << name;
      doc["data"] = swap_types(doc["data"]);
      std::ofstream(dir.path() / name, std::ios::trunc) << doc.dump();
      expect_loads_or_names_file(dir.path(), name);
      ++files;
    }
  }
  EXPECT_EQ(files, 196);
}

TEST(MalformedInputTest, RetypedAzureAndGcpRecordsNeverCrash) {
  testing::TempDir dir;
  const nlohmann::json row = {
      {"id", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"},
      {"name", "vm1"},
      {"type", "microsoft.compute/virtualmachines"},
      {"location", "westeurope"},
      {"tags", {{"team", "web"}}},
      {"sku", nullptr},
      {"properties",
       {{"hardwareProfile", {{"vmSize", "Standard_D2s_v5"}}},
        {"timeCreated", "2024-01-01T00:00:00Z"},
        {"extended", {{"instanceView", {{"powerState", {{"code", "PowerState/running"}}}}}}}}}};
  for (const nlohmann::json& variant : {row, swap_types(row)}) {
    std::ofstream(dir.path() / "resource-graph-1.json", std::ios::trunc)
        << nlohmann::json({{"totalRecords", 1}, {"count", 1}, {"data", {variant}}}).dump();
    expect_loads_or_names_file(dir.path(), "resource-graph-1.json");
  }
  fs::remove(dir.path() / "resource-graph-1.json");
  const nlohmann::json asset = {
      {"name", "//compute.googleapis.com/projects/p/zones/us-east1-b/instances/web"},
      {"asset_type", "compute.googleapis.com/Instance"},
      {"resource",
       {{"data",
         {{"id", "1"}, {"name", "web"}, {"status", "RUNNING"}, {"disks", {{{"source", "x/d"}}}}}},
        {"location", "us-east1-b"}}}};
  for (const nlohmann::json& variant : {asset, swap_types(asset)}) {
    std::ofstream(dir.path() / "assets.jsonl", std::ios::trunc) << variant.dump() << "\n";
    expect_loads_or_names_file(dir.path(), "assets.jsonl");
  }
}

}  // namespace
}  // namespace optima::inventory
