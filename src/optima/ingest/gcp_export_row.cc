#include "optima/ingest/gcp_export_row.h"

#include <array>

namespace optima::ingest {
namespace {

using T = GcpFieldType;

// In GcpField order (checked by the lookup below).
constexpr std::array kFields = {
    GcpFieldInfo{GcpField::kBillingAccountId, "billing_account_id", T::kString},
    GcpFieldInfo{GcpField::kServiceId, "service.id", T::kString},
    GcpFieldInfo{GcpField::kServiceDescription, "service.description", T::kString},
    GcpFieldInfo{GcpField::kSkuId, "sku.id", T::kString},
    GcpFieldInfo{GcpField::kSkuDescription, "sku.description", T::kString},
    GcpFieldInfo{GcpField::kUsageStartTime, "usage_start_time", T::kTimestamp},
    GcpFieldInfo{GcpField::kUsageEndTime, "usage_end_time", T::kTimestamp},
    GcpFieldInfo{GcpField::kProjectId, "project.id", T::kString},
    GcpFieldInfo{GcpField::kProjectNumber, "project.number", T::kString},
    GcpFieldInfo{GcpField::kProjectName, "project.name", T::kString},
    GcpFieldInfo{GcpField::kProjectAncestryNumbers, "project.ancestry_numbers", T::kString},
    GcpFieldInfo{GcpField::kProjectLabels, "project.labels", T::kLabels},
    GcpFieldInfo{GcpField::kLabels, "labels", T::kLabels},
    GcpFieldInfo{GcpField::kSystemLabels, "system_labels", T::kLabels},
    GcpFieldInfo{GcpField::kTags, "tags", T::kTags},
    GcpFieldInfo{GcpField::kLocation, "location.location", T::kString},
    GcpFieldInfo{GcpField::kCountry, "location.country", T::kString},
    GcpFieldInfo{GcpField::kRegion, "location.region", T::kString},
    GcpFieldInfo{GcpField::kZone, "location.zone", T::kString},
    GcpFieldInfo{GcpField::kResourceName, "resource.name", T::kString},
    GcpFieldInfo{GcpField::kResourceGlobalName, "resource.global_name", T::kString},
    GcpFieldInfo{GcpField::kCost, "cost", T::kDecimal},
    GcpFieldInfo{GcpField::kCurrency, "currency", T::kString},
    GcpFieldInfo{GcpField::kCurrencyConversionRate, "currency_conversion_rate", T::kDecimal},
    GcpFieldInfo{GcpField::kCostAtList, "cost_at_list", T::kDecimal},
    GcpFieldInfo{GcpField::kUsageAmount, "usage.amount", T::kDecimal},
    GcpFieldInfo{GcpField::kUsageUnit, "usage.unit", T::kString},
    GcpFieldInfo{GcpField::kUsageAmountInPricingUnits, "usage.amount_in_pricing_units",
                 T::kDecimal},
    GcpFieldInfo{GcpField::kUsagePricingUnit, "usage.pricing_unit", T::kString},
    GcpFieldInfo{GcpField::kCredits, "credits", T::kCredits},
    GcpFieldInfo{GcpField::kInvoiceMonth, "invoice.month", T::kString},
    GcpFieldInfo{GcpField::kCostType, "cost_type", T::kString},
    GcpFieldInfo{GcpField::kAdjustmentId, "adjustment_info.id", T::kString},
    GcpFieldInfo{GcpField::kAdjustmentDescription, "adjustment_info.description", T::kString},
    GcpFieldInfo{GcpField::kAdjustmentMode, "adjustment_info.mode", T::kString},
    GcpFieldInfo{GcpField::kAdjustmentType, "adjustment_info.type", T::kString},
    GcpFieldInfo{GcpField::kExportTime, "export_time", T::kTimestamp},
    GcpFieldInfo{GcpField::kTransactionType, "transaction_type", T::kString},
    GcpFieldInfo{GcpField::kSellerName, "seller_name", T::kString},
    GcpFieldInfo{GcpField::kPriceEffectivePrice, "price.effective_price", T::kDecimal},
    GcpFieldInfo{GcpField::kPriceTierStartAmount, "price.tier_start_amount", T::kDecimal},
    GcpFieldInfo{GcpField::kPriceUnit, "price.unit", T::kString},
    GcpFieldInfo{GcpField::kPricePricingUnitQuantity, "price.pricing_unit_quantity", T::kDecimal},
    GcpFieldInfo{GcpField::kSubscriptionInstanceId, "subscription.instance_id", T::kString},
};

constexpr bool fields_in_enum_order() {
  for (size_t i = 0; i < kFields.size(); ++i) {
    if (static_cast<size_t>(kFields[i].field) != i) return false;
  }
  return static_cast<size_t>(GcpField::kSubscriptionInstanceId) + 1 == kFields.size();
}
static_assert(fields_in_enum_order(), "kFields must list every GcpField in enum order");

}  // namespace

std::optional<GcpFieldInfo> gcp_field_from_path(std::string_view path) {
  for (const GcpFieldInfo& info : kFields) {
    if (info.path == path) return info;
  }
  return std::nullopt;
}

const GcpFieldInfo& gcp_field_info(GcpField field) {
  return kFields[static_cast<size_t>(field)];
}

void GcpExportRow::clear() {
  // Keep the vectors' capacity: rows are decoded into one reused object.
  std::vector<GcpLabel> keep_project_labels = std::move(project_labels);
  std::vector<GcpLabel> keep_labels = std::move(labels);
  std::vector<GcpLabel> keep_system_labels = std::move(system_labels);
  std::vector<GcpTag> keep_tags = std::move(tags);
  std::vector<GcpCredit> keep_credits = std::move(credits);
  *this = GcpExportRow();
  project_labels = std::move(keep_project_labels);
  labels = std::move(keep_labels);
  system_labels = std::move(keep_system_labels);
  tags = std::move(keep_tags);
  credits = std::move(keep_credits);
  project_labels.clear();
  labels.clear();
  system_labels.clear();
  tags.clear();
  credits.clear();
}

}  // namespace optima::ingest
