// PriceCatalog: the bundled catalog files of data/pricing (see scripts/derive_price_catalog.py)
// loaded into memory: instance specs with list prices per region and pricing option, documented
// shapes without prices, and storage / network constants. Immutable after load; thread-safe.
// PriceBook is its public face; this header is for the pricing module and its tests.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/pricing/instance_spec.h"
#include "optima/pricing/provider.h"

namespace optima::pricing {

struct CatalogInstance {
  InstanceSpec spec;
  // region → PricingOption::to_string() ("on-demand", "reserved 1y standard no-upfront") → $/h.
  std::map<std::string, std::map<std::string, core::Decimal>> prices;
  std::string price_basis;  // "Linux", "PostgreSQL single-AZ"
};

// A constant of fixed_rates.json.
struct CatalogConstant {
  core::Decimal value;
  std::string base_region;  // the region the constant was published for
  std::string source;
};

class PriceCatalog {
 public:
  // Reads aws_ec2.json, aws_rds.json, azure_vm.json, machine_shapes.json and fixed_rates.json.
  // Errors: NotFound / IoError for a missing file, InvalidArgument naming file and entry.
  static core::Result<std::unique_ptr<PriceCatalog>> load(const std::filesystem::path& dir);

  // The entry of a type (exact name, else case-insensitive), or nullptr.
  const CatalogInstance* find(Provider provider, std::string_view type) const;
  const std::vector<CatalogInstance>& instances() const { return instances_; }
  // Per GB-month storage rate / hourly fee by catalog name; nullopt when absent.
  std::optional<CatalogConstant> storage(Provider provider, std::string_view volume_type) const;
  std::optional<CatalogConstant> hourly(Provider provider, std::string_view item) const;

 private:
  std::vector<CatalogInstance> instances_;
  std::map<std::pair<Provider, std::string>, CatalogConstant> storage_;
  std::map<std::pair<Provider, std::string>, CatalogConstant> hourly_;
};

}  // namespace optima::pricing
