// The FOCUS 1.2 columns as a C++ enumeration, with their verbatim names in one table.
//
// This is the engine's internal row layout: every reader maps its source into these columns
// (plus Tags and x_ extension columns). Column metadata (level, nullability, allowed values per
// FOCUS version) is data, loaded by Schema from data/focus/columns.json.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace optima::focus {

enum class Column : uint8_t {
  kAvailabilityZone,
  kBilledCost,
  kBillingAccountId,
  kBillingAccountName,
  kBillingAccountType,
  kBillingCurrency,
  kBillingPeriodEnd,
  kBillingPeriodStart,
  kCapacityReservationId,
  kCapacityReservationStatus,
  kChargeCategory,
  kChargeClass,
  kChargeDescription,
  kChargeFrequency,
  kChargePeriodEnd,
  kChargePeriodStart,
  kCommitmentDiscountCategory,
  kCommitmentDiscountId,
  kCommitmentDiscountName,
  kCommitmentDiscountQuantity,
  kCommitmentDiscountStatus,
  kCommitmentDiscountType,
  kCommitmentDiscountUnit,
  kConsumedQuantity,
  kConsumedUnit,
  kContractedCost,
  kContractedUnitPrice,
  kEffectiveCost,
  kInvoiceId,
  kInvoiceIssuerName,
  kListCost,
  kListUnitPrice,
  kPricingCategory,
  kPricingCurrency,
  kPricingCurrencyContractedUnitPrice,
  kPricingCurrencyEffectiveCost,
  kPricingCurrencyListUnitPrice,
  kPricingQuantity,
  kPricingUnit,
  kProviderName,
  kPublisherName,
  kRegionId,
  kRegionName,
  kResourceId,
  kResourceName,
  kResourceType,
  kServiceCategory,
  kServiceName,
  kServiceSubcategory,
  kSkuId,
  kSkuMeter,
  kSkuPriceDetails,
  kSkuPriceId,
  kSubAccountId,
  kSubAccountName,
  kSubAccountType,
  kTags,
};

inline constexpr size_t kColumnCount = static_cast<size_t>(Column::kTags) + 1;

// How a column is stored. kString columns are dictionary-encoded; kDecimal are exact decimals;
// kDateTime are UTC seconds; kTags is the key/value map. SkuPriceDetails (JSON) is kept as its
// JSON text in a kString column.
enum class ColumnKind : uint8_t { kString, kDecimal, kDateTime, kTags };

struct ColumnInfo {
  Column column;
  std::string_view name;  // verbatim FOCUS column id, e.g. "BilledCost"
  ColumnKind kind;
};

const std::array<ColumnInfo, kColumnCount>& all_columns();
inline size_t index_of(Column c) { return static_cast<size_t>(c); }
std::string_view column_name(Column c);
ColumnKind column_kind(Column c);
// Exact (case-sensitive) FOCUS column id lookup.
std::optional<Column> column_from_name(std::string_view name);
// Case-insensitive lookup, for lenient header matching.
std::optional<Column> column_from_name_icase(std::string_view name);

}  // namespace optima::focus
