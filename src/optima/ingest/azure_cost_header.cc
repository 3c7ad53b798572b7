#include "optima/ingest/azure_cost_header.h"

#include <initializer_list>

#include "optima/core/strings.h"

namespace optima::ingest {
namespace {

struct FieldSpelling {
  AzureField field;
  // Normalised spellings (see azure_header_key), most specific first.
  std::initializer_list<std::string_view> keys;
};

// Header spellings per field, from Microsoft's EA 2024-08-01 and MCA 2023-12-01-preview
// schemas, the FinOps-hub c360 export, the legacy usage API and the samples in
// shared/data/billing (FOCUS.md §3.1).
const FieldSpelling kSpellings[] = {
    {AzureField::kAccountId, {"accountid"}},
    {AzureField::kAccountName, {"accountname"}},
    {AzureField::kAccountOwnerId, {"accountownerid"}},
    {AzureField::kAdditionalInfo, {"additionalinfo"}},
    {AzureField::kAvailabilityZone, {"availabilityzone"}},
    {AzureField::kBenefitId, {"benefitid"}},
    {AzureField::kBenefitName, {"benefitname"}},
    {AzureField::kBillingAccountId, {"billingaccountid"}},
    {AzureField::kBillingAccountName, {"billingaccountname"}},
    {AzureField::kBillingCurrency, {"billingcurrencycode", "billingcurrency", "currency"}},
    {AzureField::kBillingPeriodEnd, {"billingperiodenddate"}},
    {AzureField::kBillingPeriodStart, {"billingperiodstartdate"}},
    {AzureField::kBillingProfileId, {"billingprofileid"}},
    {AzureField::kBillingProfileName, {"billingprofilename"}},
    {AzureField::kChargeType, {"chargetype"}},
    {AzureField::kConsumedService, {"consumedservice"}},
    {AzureField::kCost, {"costinbillingcurrency", "cost", "pretaxcost"}},
    {AzureField::kCostAllocationRuleName, {"costallocationrulename"}},
    {AzureField::kCostCenter, {"costcenter"}},
    {AzureField::kCostInPricingCurrency, {"costinpricingcurrency"}},
    {AzureField::kCostInUsd, {"costinusd"}},
    {AzureField::kCustomerName, {"customername"}},
    {AzureField::kCustomerTenantId, {"customertenantid"}},
    {AzureField::kDate, {"date", "usagedatetime", "usagedate"}},
    {AzureField::kEffectivePrice, {"effectiveprice"}},
    {AzureField::kExchangeRate, {"exchangeratepricingtobilling"}},
    {AzureField::kExchangeRateDate, {"exchangeratedate"}},
    {AzureField::kFrequency, {"frequency"}},
    {AzureField::kInvoiceId, {"invoiceid"}},
    {AzureField::kInvoiceSectionId, {"invoicesectionid"}},
    {AzureField::kInvoiceSectionName, {"invoicesectionname", "invoicesection"}},
    {AzureField::kIsAzureCreditEligible, {"isazurecrediteligible"}},
    {AzureField::kLocation, {"location"}},
    {AzureField::kMeterCategory, {"metercategory"}},
    {AzureField::kMeterId, {"meterid"}},
    {AzureField::kMeterName, {"metername"}},
    {AzureField::kMeterRegion, {"meterregion"}},
    {AzureField::kMeterSubcategory, {"metersubcategory"}},
    {AzureField::kOfferId, {"offerid"}},
    {AzureField::kPartNumber, {"partnumber"}},
    {AzureField::kPartnerName, {"partnername"}},
    {AzureField::kPayGPrice, {"paygprice"}},
    {AzureField::kPaygCostInBillingCurrency, {"paygcostinbillingcurrency"}},
    {AzureField::kPaygCostInUsd, {"paygcostinusd"}},
    {AzureField::kPlanName, {"planname"}},
    {AzureField::kPricingCurrency, {"pricingcurrency"}},
    {AzureField::kPricingModel, {"pricingmodel"}},
    {AzureField::kProductId, {"productid"}},
    {AzureField::kProductName, {"productname", "product"}},
    {AzureField::kProductOrderId, {"productorderid"}},
    {AzureField::kProductOrderName, {"productordername"}},
    {AzureField::kPublisherId, {"publisherid"}},
    {AzureField::kPublisherName, {"publishername"}},
    {AzureField::kPublisherType, {"publishertype"}},
    {AzureField::kQuantity, {"quantity", "usagequantity"}},
    {AzureField::kReservationId, {"reservationid"}},
    {AzureField::kReservationName, {"reservationname"}},
    {AzureField::kResellerMpnId, {"resellermpnid"}},
    {AzureField::kResellerName, {"resellername"}},
    {AzureField::kResourceGroup, {"resourcegroup", "resourcegroupname"}},
    {AzureField::kResourceId, {"resourceid", "instanceid", "instancename"}},
    {AzureField::kResourceLocation, {"resourcelocation", "resourcelocationnormalized"}},
    {AzureField::kResourceName, {"resourcename"}},
    {AzureField::kResourceType, {"resourcetype"}},
    {AzureField::kServiceFamily, {"servicefamily"}},
    {AzureField::kServiceInfo1, {"serviceinfo1"}},
    {AzureField::kServiceInfo2, {"serviceinfo2"}},
    {AzureField::kServiceName, {"servicename"}},
    {AzureField::kServicePeriodEnd, {"serviceperiodenddate"}},
    {AzureField::kServicePeriodStart, {"serviceperiodstartdate"}},
    {AzureField::kServiceTier, {"servicetier"}},
    {AzureField::kSubscriptionId, {"subscriptionid", "subscriptionguid"}},
    {AzureField::kSubscriptionName, {"subscriptionname"}},
    {AzureField::kTags, {"tags"}},
    {AzureField::kTerm, {"term"}},
    {AzureField::kUnitOfMeasure, {"unitofmeasure"}},
    {AzureField::kUnitPrice, {"unitprice", "resourcerate"}},
};

}  // namespace

const std::vector<AzurePassThrough>& azure_pass_through_columns() {
  // Names follow Microsoft's FocusCost x_ columns where one exists (FOCUS.md §3.5).
  static const std::vector<AzurePassThrough> kColumns = {
      {AzureField::kAccountId, "x_AccountId"},
      {AzureField::kAccountName, "x_AccountName"},
      {AzureField::kAccountOwnerId, "x_AccountOwnerId"},
      {AzureField::kBillingAccountId, "x_BillingAccountId"},
      {AzureField::kBillingAccountName, "x_BillingAccountName"},
      {AzureField::kBillingProfileId, "x_BillingProfileId"},
      {AzureField::kBillingProfileName, "x_BillingProfileName"},
      {AzureField::kChargeType, "x_ChargeType"},
      {AzureField::kConsumedService, "x_ConsumedService"},
      {AzureField::kCostAllocationRuleName, "x_CostAllocationRuleName"},
      {AzureField::kCostCenter, "x_CostCenter"},
      {AzureField::kCustomerTenantId, "x_CustomerId"},
      {AzureField::kCustomerName, "x_CustomerName"},
      {AzureField::kEffectivePrice, "x_EffectiveUnitPrice"},
      {AzureField::kExchangeRate, "x_BillingExchangeRate"},
      {AzureField::kExchangeRateDate, "x_BillingExchangeRateDate"},
      {AzureField::kInvoiceSectionId, "x_InvoiceSectionId"},
      {AzureField::kInvoiceSectionName, "x_InvoiceSectionName"},
      {AzureField::kPaygCostInUsd, "x_ListCostInUsd"},
      {AzureField::kPricingModel, "x_PricingModel"},
      {AzureField::kPublisherType, "x_PublisherCategory"},
      {AzureField::kPublisherId, "x_PublisherId"},
      {AzureField::kResellerMpnId, "x_ResellerId"},
      {AzureField::kResellerName, "x_ResellerName"},
      {AzureField::kResourceGroup, "x_ResourceGroupName"},
      {AzureField::kServiceInfo1, "x_ServiceInfo1"},
      {AzureField::kServiceInfo2, "x_ServiceInfo2"},
      {AzureField::kIsAzureCreditEligible, "x_SkuIsCreditEligible"},
      {AzureField::kMeterCategory, "x_SkuMeterCategory"},
      {AzureField::kMeterId, "x_SkuMeterId"},
      {AzureField::kMeterSubcategory, "x_SkuMeterSubcategory"},
      {AzureField::kOfferId, "x_SkuOfferId"},
      {AzureField::kProductOrderId, "x_SkuOrderId"},
      {AzureField::kProductOrderName, "x_SkuOrderName"},
      {AzureField::kPartNumber, "x_SkuPartNumber"},
      {AzureField::kPlanName, "x_SkuPlanName"},
      {AzureField::kMeterRegion, "x_SkuRegion"},
      {AzureField::kServiceFamily, "x_SkuServiceFamily"},
      {AzureField::kTerm, "x_SkuTerm"},
      {AzureField::kServiceTier, "x_SkuTier"},
      {AzureField::kUnitOfMeasure, "x_PricingUnitDescription"},
  };
  return kColumns;
}

std::string azure_header_key(std::string_view name) {
  std::string_view text = core::trim(core::strip_utf8_bom(name));
  // Localised exports write "Abonnement-GUID (SubscriptionGuid)": the English name is inside.
  if (!text.empty() && text.back() == ')') {
    const size_t open = text.rfind('(');
    if (open != std::string_view::npos)
      text = text.substr(open + 1, text.size() - open - 2);
  }
  return core::normalize_identifier(text);
}

std::optional<AzureCostHeader> AzureCostHeader::recognize(const std::vector<std::string>& names) {
  AzureCostHeader header;
  header.index_.fill(-1);
  std::vector<std::string> keys;
  keys.reserve(names.size());
  for (const std::string& name : names) {
    keys.push_back(azure_header_key(name));
    header.names_.emplace_back(core::trim(core::strip_utf8_bom(name)));
    // A FOCUS dataset (Azure FocusCost included) belongs to the FOCUS reader.
    if (keys.back() == "billedcost")
      return std::nullopt;
  }
  std::string cost_key;
  for (const FieldSpelling& spelling : kSpellings) {
    for (std::string_view key : spelling.keys) {
      for (size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == key) {
          header.index_[static_cast<size_t>(spelling.field)] = static_cast<int>(i);
          if (spelling.field == AzureField::kCost)
            cost_key = key;
          break;
        }
      }
      if (header.has(spelling.field))
        break;
    }
  }
  if (!header.has(AzureField::kCost) || !header.has(AzureField::kDate) ||
      !header.has(AzureField::kSubscriptionId)) {
    return std::nullopt;
  }
  if (cost_key == "pretaxcost") {
    header.agreement_ = AzureAgreement::kLegacyPayAsYouGo;
  } else if (header.has(AzureField::kPricingCurrency) || header.has(AzureField::kExchangeRate) ||
             header.has(AzureField::kCostInPricingCurrency)) {
    header.agreement_ = AzureAgreement::kCustomerAgreement;
  } else {
    header.agreement_ = AzureAgreement::kEnterprise;
  }
  return header;
}

const std::string& AzureCostHeader::name(AzureField field) const {
  static const std::string kAbsent;
  const int i = index(field);
  return i < 0 ? kAbsent : names_[static_cast<size_t>(i)];
}

}  // namespace optima::ingest
