#include "optima/ingest/azure_lookups.h"

#include <gtest/gtest.h>

#include "azure_test_support.h"
#include "support/shared_data.h"

namespace optima::ingest {
namespace {

using core::Decimal;

const AzureLookups& bundled() {
  auto lookups = AzureLookups::bundled();
  EXPECT_TRUE(lookups.is_ok()) << lookups.status().to_string();
  return **lookups;
}

TEST(AzureLookupsTest, PricingUnitsGiveBlockSizeAndDistinctUnit) {
  const AzureLookups& l = bundled();
  auto unit = l.pricing_unit("10K");
  EXPECT_EQ(unit.block_size, Decimal::from_int(10000));
  EXPECT_EQ(unit.distinct_units, "Units");
  unit = l.pricing_unit("1 Hour");
  EXPECT_EQ(unit.block_size, Decimal::from_int(1));
  EXPECT_EQ(unit.distinct_units, "Hours");
  unit = l.pricing_unit("100 Hours");
  EXPECT_EQ(unit.block_size, Decimal::from_int(100));
  unit = l.pricing_unit("1 GB/Month");
  EXPECT_EQ(unit.distinct_units, "GB/Month");
  // Case and surrounding spaces do not matter.
  unit = l.pricing_unit(" 10k ");
  EXPECT_EQ(unit.block_size, Decimal::from_int(10000));
}

TEST(AzureLookupsTest, UnknownUnitsAreReadAsBlockAndUnit) {
  const AzureLookups& l = bundled();
  auto unit = l.pricing_unit("250 Widgets");
  EXPECT_EQ(unit.block_size, Decimal::from_int(250));
  EXPECT_EQ(unit.distinct_units, "Widgets");
  unit = l.pricing_unit("0 Unassigned");  // koku sample: a zero block is no block
  EXPECT_EQ(unit.block_size, Decimal::from_int(1));
  EXPECT_EQ(unit.distinct_units, "0 Unassigned");
  unit = l.pricing_unit("Widgets");
  EXPECT_EQ(unit.block_size, Decimal::from_int(1));
  EXPECT_EQ(unit.distinct_units, "Widgets");
}

TEST(AzureLookupsTest, RegionsMatchEverySpellingOfALocation) {
  const AzureLookups& l = bundled();
  for (const char* spelling : {"US East 2", "eastus2", "EastUS2", "EASTUS2"}) {
    const AzureRegion* region = l.region(spelling);
    ASSERT_NE(region, nullptr) << spelling;
    EXPECT_EQ(region->id, "eastus2");
    EXPECT_EQ(region->name, "East US 2");
  }
  ASSERT_NE(l.region("CA Central"), nullptr);
  EXPECT_EQ(l.region("CA Central")->id, "canadacentral");
  EXPECT_EQ(l.region("usnorth")->id, "northcentralus");
  EXPECT_EQ(l.region("nowhere"), nullptr);
}

TEST(AzureLookupsTest, ServicesMatchPairThenResourceTypeThenUnambiguousConsumedService) {
  const AzureLookups& l = bundled();
  const AzureService* s = l.service("Microsoft.Storage", "microsoft.storage/storageaccounts");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->name, "Storage Accounts");
  EXPECT_EQ(s->category, "Storage");
  EXPECT_EQ(s->subcategory, "Storage Platforms");
  // Resource type alone.
  s = l.service("", "Microsoft.Compute/virtualMachines");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->name, "Virtual Machines");
  // Consumed service alone only when all its rows agree: Microsoft.Compute serves many.
  EXPECT_EQ(l.service("Microsoft.Compute", "<arm provider>/<servicename>"), nullptr);
  EXPECT_EQ(l.service("", ""), nullptr);
}

TEST(AzureLookupsTest, ResourceTypeDisplayNames) {
  const AzureLookups& l = bundled();
  ASSERT_NE(l.resource_type_name("microsoft.compute/virtualmachines"), nullptr);
  EXPECT_EQ(*l.resource_type_name("Microsoft.Compute/virtualMachines"), "Virtual machine");
  EXPECT_EQ(l.resource_type_name("contoso.widgets/gadgets"), nullptr);
}

TEST(AzureLookupsTest, BundledServicesStayInsideFocusCategories) {
  // Services.csv says "Migration / Data Transfer", which FOCUS 1.2 does not define.
  const AzureService* s =
      bundled().service("microsoft.storagesync", "microsoft.storagesync/storagesyncservices");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->category, "Migration");
  EXPECT_EQ(s->subcategory, "Other (Migration)");
}

TEST(AzureLookupsTest, LoadVetsCategoriesAndReportsBadRows) {
  optima::testing::TempDir dir;
  AzureLookupFiles files{dir.path() / "units.csv", dir.path() / "regions.csv",
                         dir.path() / "services.csv", dir.path() / "types.csv"};
  testing::write_file(files.pricing_units,
                      "UnitOfMeasure,AccountTypes,PricingBlockSize,DistinctUnits\n"
                      "\"10 Things\",\"MCA, EA\",10,Things\n");
  testing::write_file(files.regions, "OriginalValue,RegionId,RegionName\nmoon,moon1,Moon One\n");
  testing::write_file(files.services,
                      "ConsumedService,ResourceType,ServiceName,ServiceCategory,"
                      "ServiceSubcategory,PublisherName\n"
                      "a,a/x,Alpha,Compute,Containers,Microsoft\n"
                      "b,b/x,Beta,Compute,Teleportation,Microsoft\n"
                      "c,c/x,Gamma,Astrology,Stars,Microsoft\n");
  testing::write_file(files.resource_types, "ResourceType,SingularDisplayName\na/x,Alpha thing\n");
  const std::map<std::string, std::vector<std::string>> subcategories = {
      {"Compute", {"Containers", "Other (Compute)"}}, {"Other", {"Other (Other)"}}};
  auto lookups = AzureLookups::load(files, subcategories);
  ASSERT_TRUE(lookups.is_ok()) << lookups.status().to_string();
  EXPECT_EQ(lookups->pricing_unit("10 Things").block_size, Decimal::from_int(10));
  EXPECT_EQ(lookups->region("Moon")->name, "Moon One");
  EXPECT_EQ(lookups->service("a", "a/x")->subcategory, "Containers");
  EXPECT_EQ(lookups->service("b", "b/x")->subcategory, "Other (Compute)");
  EXPECT_EQ(lookups->service("c", "c/x")->category, "Other");
  EXPECT_EQ(lookups->service("c", "c/x")->subcategory, "Other (Other)");
  EXPECT_EQ(*lookups->resource_type_name("A/X"), "Alpha thing");

  testing::write_file(files.pricing_units,
                      "UnitOfMeasure,AccountTypes,PricingBlockSize,DistinctUnits\n"
                      "\"10 Things\",EA,ten,Things\n");
  auto bad = AzureLookups::load(files, subcategories);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("row 1, column PricingBlockSize"), std::string::npos)
      << bad.status().message();
  EXPECT_NE(bad.status().message().find("'ten'"), std::string::npos) << bad.status().message();

  testing::write_file(files.pricing_units,
                      "UnitOfMeasure,AccountTypes,PricingBlockSize,DistinctUnits\n");
  testing::write_file(files.regions, "Original,RegionId,RegionName\n");
  bad = AzureLookups::load(files, subcategories);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("missing column OriginalValue"), std::string::npos);
}

}  // namespace
}  // namespace optima::ingest
