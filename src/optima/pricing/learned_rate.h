// LearnedRate: a rate observed on the customer's own bill — what they actually paid per unit of
// one SKU in one region over a window, with the rows it came from — and the function that
// learns them from FOCUS rows in the store.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/store/table_source.h"

namespace optima::pricing {

struct LearnedRate {
  std::string provider;       // FOCUS ProviderName as billed
  std::string region;         // RegionId
  std::string instance_type;  // SkuPriceDetails InstanceType (AWS) / x_ServiceType (Azure), or ""
  std::string usage_type;     // x_UsageType (AWS: "EBS:VolumeUsage.gp3", "BoxUsage:m5.large")
  std::string sku_meter;      // SkuMeter ("EBS:VolumeUsage.gp3", "Standard SSD Managed Disks")
  std::string pricing_category;   // PricingCategory: "Standard", "Committed", "Dynamic", …
  std::string unit;               // ConsumedUnit ("Hours", "GB-Mo", …)
  std::string currency;           // BillingCurrency
  core::Decimal quantity;         // Σ ConsumedQuantity
  core::Decimal effective_cost;   // Σ EffectiveCost
  core::Decimal list_cost;        // Σ ListCost
  core::Decimal contracted_cost;  // Σ ContractedCost
  uint64_t rows = 0;
  core::Period period;  // the window the rows were read from

  // Σ EffectiveCost / Σ ConsumedQuantity. Requires: quantity > 0.
  core::Decimal effective_rate() const;
  core::Decimal list_rate() const;
  core::Decimal contracted_rate() const;
  // (list − effective) / list; 0 when the list cost is 0.
  core::Decimal discount_vs_list() const;
  // True when ConsumedUnit is an hour ("Hours", "Hrs", "1 Hour").
  bool is_hourly() const;
  // "bill: effective rate of m5.large in us-east-1 over 2026-10-22..2026-11-21 from 720 rows"
  std::string description() const;
};

// The instance type a SkuPriceDetails JSON object names: FOCUS key InstanceType (our AWS
// readers), Azure AdditionalInfo ServiceType / VMSize (x_ServiceType, x_VMSize); "" otherwise.
std::string instance_type_from_sku_price_details(std::string_view sku_price_details);

// Reads the Usage rows with ChargePeriodStart in `period` and a positive ConsumedQuantity
// (commitment Unused rows excluded), grouped by ProviderName, RegionId, x_UsageType, SkuMeter,
// PricingCategory, ConsumedUnit, BillingCurrency and SkuPriceDetails (for the instance type),
// merges groups that differ only in other SkuPriceDetails keys, and returns one
// LearnedRate per group, ordered by effective cost descending.
// Errors: the query's (e.g. an unreadable segment).
core::Result<std::vector<LearnedRate>> learn_rates(const store::TableSource& source,
                                                   core::Period period);

}  // namespace optima::pricing
