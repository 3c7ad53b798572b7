// AzureLookups: Microsoft's FinOps toolkit open-data tables, used to normalise Azure cost
// details rows into FOCUS values (FOCUS.md §3.4, §3.6). Loaded as data from data/azure/
// (see data/azure/README.md for source, commit and licence):
//   PricingUnits.csv   UnitOfMeasure -> PricingBlockSize, DistinctUnits
//   Regions.csv        ResourceLocation (any spelling) -> RegionId, RegionName
//   Services.csv       (ConsumedService, ResourceType) -> ServiceName, Category, Subcategory
//   ResourceTypes.csv  ARM resource type -> singular display name
// Immutable after load; thread-safe to share.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"

namespace optima::ingest {

struct AzurePricingUnit {
  core::Decimal block_size = core::Decimal::from_int(1);
  std::string distinct_units;  // e.g. "Hours", "GB/Month", "Units"
};

struct AzureRegion {
  std::string id;    // "eastus2"
  std::string name;  // "East US 2"
};

struct AzureService {
  std::string name;         // "Storage Accounts"
  std::string category;     // a FOCUS 1.2 ServiceCategory
  std::string subcategory;  // a FOCUS 1.2 ServiceSubcategory of that category
  std::string publisher;    // "Microsoft"
};

struct AzureLookupFiles {
  std::filesystem::path pricing_units;
  std::filesystem::path regions;
  std::filesystem::path services;
  std::filesystem::path resource_types;
};

class AzureLookups {
 public:
  // Loads the four tables. `subcategories` (FOCUS ServiceCategory -> its subcategories) vets
  // Services.csv: a category FOCUS does not define becomes "Other" / "Other (Other)", a
  // subcategory outside its category becomes "Other (<category>)". Errors name file and row.
  static core::Result<AzureLookups> load(
      const AzureLookupFiles& files,
      const std::map<std::string, std::vector<std::string>>& subcategories);
  // The bundled tables (data/azure/*.csv, vetted against data/focus/columns.json), loaded once
  // per process.
  static core::Result<std::shared_ptr<const AzureLookups>> bundled();

  // Block size and distinct unit of a UnitOfMeasure ("10K" -> 10000 Units). Matched exactly,
  // then trimmed and case-insensitively. Unknown values of the form "<whole number> <unit>"
  // yield that block and unit; anything else is a block of 1 in the unit as written.
  // Requires: unit_of_measure is not blank.
  AzurePricingUnit pricing_unit(std::string_view unit_of_measure) const;
  // The region for a ResourceLocation value ("US East 2", "eastus2", "EastUS2"), or nullptr.
  const AzureRegion* region(std::string_view location) const;
  // The service for a ConsumedService and ARM resource type (both matched case-insensitively):
  // the exact pair, else the resource type alone, else the consumed service alone, a single-key
  // match counting only when all its rows name the same service. nullptr when nothing matches.
  const AzureService* service(std::string_view consumed_service,
                              std::string_view resource_type) const;
  // Display name of an ARM resource type ("microsoft.compute/virtualmachines" ->
  // "Virtual machine"), or nullptr.
  const std::string* resource_type_name(std::string_view resource_type) const;

 private:
  std::unordered_map<std::string, AzurePricingUnit> pricing_units_exact_;
  std::unordered_map<std::string, AzurePricingUnit> pricing_units_folded_;
  std::unordered_map<std::string, AzureRegion> regions_;
  std::vector<AzureService> services_;
  std::unordered_map<std::string, size_t> service_by_pair_;      // "consumed|type"
  std::unordered_map<std::string, size_t> service_by_type_;      // only unambiguous types
  std::unordered_map<std::string, size_t> service_by_consumed_;  // only unambiguous services
  std::unordered_map<std::string, std::string> resource_type_names_;
};

}  // namespace optima::ingest
