#include "optima/focus/column.h"

#include "optima/core/strings.h"

namespace optima::focus {

const std::array<ColumnInfo, kColumnCount>& all_columns() {
  static constexpr std::array<ColumnInfo, kColumnCount> kColumns = {{
      {Column::kAvailabilityZone, "AvailabilityZone", ColumnKind::kString},
      {Column::kBilledCost, "BilledCost", ColumnKind::kDecimal},
      {Column::kBillingAccountId, "BillingAccountId", ColumnKind::kString},
      {Column::kBillingAccountName, "BillingAccountName", ColumnKind::kString},
      {Column::kBillingAccountType, "BillingAccountType", ColumnKind::kString},
      {Column::kBillingCurrency, "BillingCurrency", ColumnKind::kString},
      {Column::kBillingPeriodEnd, "BillingPeriodEnd", ColumnKind::kDateTime},
      {Column::kBillingPeriodStart, "BillingPeriodStart", ColumnKind::kDateTime},
      {Column::kCapacityReservationId, "CapacityReservationId", ColumnKind::kString},
      {Column::kCapacityReservationStatus, "CapacityReservationStatus", ColumnKind::kString},
      {Column::kChargeCategory, "ChargeCategory", ColumnKind::kString},
      {Column::kChargeClass, "ChargeClass", ColumnKind::kString},
      {Column::kChargeDescription, "ChargeDescription", ColumnKind::kString},
      {Column::kChargeFrequency, "ChargeFrequency", ColumnKind::kString},
      {Column::kChargePeriodEnd, "ChargePeriodEnd", ColumnKind::kDateTime},
      {Column::kChargePeriodStart, "ChargePeriodStart", ColumnKind::kDateTime},
      {Column::kCommitmentDiscountCategory, "CommitmentDiscountCategory", ColumnKind::kString},
      {Column::kCommitmentDiscountId, "CommitmentDiscountId", ColumnKind::kString},
      {Column::kCommitmentDiscountName, "CommitmentDiscountName", ColumnKind::kString},
      {Column::kCommitmentDiscountQuantity, "CommitmentDiscountQuantity", ColumnKind::kDecimal},
      {Column::kCommitmentDiscountStatus, "CommitmentDiscountStatus", ColumnKind::kString},
      {Column::kCommitmentDiscountType, "CommitmentDiscountType", ColumnKind::kString},
      {Column::kCommitmentDiscountUnit, "CommitmentDiscountUnit", ColumnKind::kString},
      {Column::kConsumedQuantity, "ConsumedQuantity", ColumnKind::kDecimal},
      {Column::kConsumedUnit, "ConsumedUnit", ColumnKind::kString},
      {Column::kContractedCost, "ContractedCost", ColumnKind::kDecimal},
      {Column::kContractedUnitPrice, "ContractedUnitPrice", ColumnKind::kDecimal},
      {Column::kEffectiveCost, "EffectiveCost", ColumnKind::kDecimal},
      {Column::kInvoiceId, "InvoiceId", ColumnKind::kString},
      {Column::kInvoiceIssuerName, "InvoiceIssuerName", ColumnKind::kString},
      {Column::kListCost, "ListCost", ColumnKind::kDecimal},
      {Column::kListUnitPrice, "ListUnitPrice", ColumnKind::kDecimal},
      {Column::kPricingCategory, "PricingCategory", ColumnKind::kString},
      {Column::kPricingCurrency, "PricingCurrency", ColumnKind::kString},
      {Column::kPricingCurrencyContractedUnitPrice, "PricingCurrencyContractedUnitPrice", ColumnKind::kDecimal},
      {Column::kPricingCurrencyEffectiveCost, "PricingCurrencyEffectiveCost", ColumnKind::kDecimal},
      {Column::kPricingCurrencyListUnitPrice, "PricingCurrencyListUnitPrice", ColumnKind::kDecimal},
      {Column::kPricingQuantity, "PricingQuantity", ColumnKind::kDecimal},
      {Column::kPricingUnit, "PricingUnit", ColumnKind::kString},
      {Column::kProviderName, "ProviderName", ColumnKind::kString},
      {Column::kPublisherName, "PublisherName", ColumnKind::kString},
      {Column::kRegionId, "RegionId", ColumnKind::kString},
      {Column::kRegionName, "RegionName", ColumnKind::kString},
      {Column::kResourceId, "ResourceId", ColumnKind::kString},
      {Column::kResourceName, "ResourceName", ColumnKind::kString},
      {Column::kResourceType, "ResourceType", ColumnKind::kString},
      {Column::kServiceCategory, "ServiceCategory", ColumnKind::kString},
      {Column::kServiceName, "ServiceName", ColumnKind::kString},
      {Column::kServiceSubcategory, "ServiceSubcategory", ColumnKind::kString},
      {Column::kSkuId, "SkuId", ColumnKind::kString},
      {Column::kSkuMeter, "SkuMeter", ColumnKind::kString},
      {Column::kSkuPriceDetails, "SkuPriceDetails", ColumnKind::kString},
      {Column::kSkuPriceId, "SkuPriceId", ColumnKind::kString},
      {Column::kSubAccountId, "SubAccountId", ColumnKind::kString},
      {Column::kSubAccountName, "SubAccountName", ColumnKind::kString},
      {Column::kSubAccountType, "SubAccountType", ColumnKind::kString},
      {Column::kTags, "Tags", ColumnKind::kTags},
  }};
  return kColumns;
}

std::string_view column_name(Column c) { return all_columns()[index_of(c)].name; }

ColumnKind column_kind(Column c) { return all_columns()[index_of(c)].kind; }

std::optional<Column> column_from_name(std::string_view name) {
  for (const ColumnInfo& info : all_columns()) {
    if (info.name == name) return info.column;
  }
  return std::nullopt;
}

std::optional<Column> column_from_name_icase(std::string_view name) {
  for (const ColumnInfo& info : all_columns()) {
    if (core::iequals(info.name, name)) return info.column;
  }
  return std::nullopt;
}

}  // namespace optima::focus
