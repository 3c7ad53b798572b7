// AzureCostHeader: recognises the header of an Azure Cost Management cost details export and
// locates each known column, whatever the dialect.
//
// Dialects seen in the wild (FOCUS.md §3.1, §3.4): EA PascalCase (CostInBillingCurrency +
// BillingCurrencyCode, or the FinOps-hub "Cost" + "BillingCurrency" variant), MCA camelCase
// (costInBillingCurrency, billingCurrency, pricingCurrency, exchangeRatePricingToBilling),
// all-lowercase headers, legacy pay-as-you-go (SubscriptionGuid, UsageDateTime, PreTaxCost,
// UsageQuantity, ResourceRate, InstanceId), German localised headers
// ("Abonnement-GUID (SubscriptionGuid)": the English name in parentheses is used) and mixes of
// these. Names are compared case-insensitively on letters and digits only. Azure's native
// FocusCost export is not this format (the FOCUS reader reads it) and is not recognised.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optima::ingest {

// The source columns the Azure reader understands. Each has one or more header spellings.
enum class AzureField : uint8_t {
  kAccountId,
  kAccountName,
  kAccountOwnerId,
  kAdditionalInfo,
  kAvailabilityZone,
  kBenefitId,
  kBenefitName,
  kBillingAccountId,
  kBillingAccountName,
  kBillingCurrency,
  kBillingPeriodEnd,
  kBillingPeriodStart,
  kBillingProfileId,
  kBillingProfileName,
  kChargeType,
  kConsumedService,
  kCost,
  kCostAllocationRuleName,
  kCostCenter,
  kCostInPricingCurrency,
  kCostInUsd,
  kCustomerName,
  kCustomerTenantId,
  kDate,
  kEffectivePrice,
  kExchangeRate,
  kExchangeRateDate,
  kFrequency,
  kInvoiceId,
  kInvoiceSectionId,
  kInvoiceSectionName,
  kIsAzureCreditEligible,
  kLocation,
  kMeterCategory,
  kMeterId,
  kMeterName,
  kMeterRegion,
  kMeterSubcategory,
  kOfferId,
  kPartNumber,
  kPartnerName,
  kPayGPrice,
  kPaygCostInBillingCurrency,
  kPaygCostInUsd,
  kPlanName,
  kPricingCurrency,
  kPricingModel,
  kProductId,
  kProductName,
  kProductOrderId,
  kProductOrderName,
  kPublisherId,
  kPublisherName,
  kPublisherType,
  kQuantity,
  kReservationId,
  kReservationName,
  kResellerMpnId,
  kResellerName,
  kResourceGroup,
  kResourceId,
  kResourceLocation,
  kResourceName,
  kResourceType,
  kServiceFamily,
  kServiceInfo1,
  kServiceInfo2,
  kServiceName,
  kServicePeriodEnd,
  kServicePeriodStart,
  kServiceTier,
  kSubscriptionId,
  kSubscriptionName,
  kTags,
  kTerm,
  kUnitOfMeasure,
  kUnitPrice,
};

inline constexpr size_t kAzureFieldCount = static_cast<size_t>(AzureField::kUnitPrice) + 1;

// Which agreement wrote the export; decides the billing account and currency semantics.
enum class AzureAgreement : uint8_t {
  kEnterprise,         // EA: billing account = enrollment, prices in billing currency
  kCustomerAgreement,  // MCA: billing account = billing profile, prices in pricing currency
  kLegacyPayAsYouGo,   // MOSP / old usage API: PreTaxCost, no billing account columns
};

// A source column passed through unchanged as an x_ extension column.
struct AzurePassThrough {
  AzureField field;
  std::string_view extension;  // e.g. "x_ResourceGroupName"
};

// The pass-through columns, in the order their x_ columns are declared.
const std::vector<AzurePassThrough>& azure_pass_through_columns();

class AzureCostHeader {
 public:
  // Recognises a cost details header (BOM on the first name tolerated). Returns nullopt unless
  // the header has a cost, a date and a subscription column, or when it is a FOCUS header
  // (has BilledCost). When several spellings of one field are present, the first listed
  // spelling wins (e.g. CostInBillingCurrency over Cost over PreTaxCost).
  static std::optional<AzureCostHeader> recognize(const std::vector<std::string>& names);

  bool has(AzureField field) const { return index_[static_cast<size_t>(field)] >= 0; }
  // Position of the field in a record, or -1 when absent.
  int index(AzureField field) const { return index_[static_cast<size_t>(field)]; }
  // The source header name of a present field, as written in the file (for messages).
  const std::string& name(AzureField field) const;
  AzureAgreement agreement() const { return agreement_; }
  size_t column_count() const { return names_.size(); }

 private:
  std::array<int, kAzureFieldCount> index_{};
  std::vector<std::string> names_;
  AzureAgreement agreement_ = AzureAgreement::kEnterprise;
};

// The English, normalised form of a header name: the text inside a trailing "(...)" when
// present, lower-cased letters and digits only. "Abonnement-GUID (SubscriptionGuid)" ->
// "subscriptionguid", "CostInBillingCurrency" -> "costinbillingcurrency".
std::string azure_header_key(std::string_view name);

}  // namespace optima::ingest
