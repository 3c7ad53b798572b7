// GcpExportRow: one row of Google Cloud's billing export to BigQuery (the standard and the
// detailed, resource-level usage cost tables), typed, whichever file dialect carried it; and
// GcpField, the catalogue of the export fields we read, by their dotted BigQuery path.
//
// Field meanings follow Google's schema (FOCUS.md §4.2). Text fields are views into the row
// source's current line and stay valid until the source reads the next row; an empty view is
// null. Money and quantities are exact decimals; times are UTC. Thread-compatible value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "optima/core/decimal.h"
#include "optima/core/time.h"

namespace optima::ingest {

enum class GcpCostType : uint8_t { kRegular, kTax, kAdjustment, kRoundingError };

struct GcpLabel {
  std::string_view key;
  std::string_view value;
};

// A Resource Manager tag (tags[]).
struct GcpTag {
  std::string_view key;
  std::string_view value;
  std::string_view namespace_name;  // organisation or project id owning the tag key
  bool inherited = false;
};

struct GcpCredit {
  std::string_view name;
  std::string_view full_name;
  std::string_view id;
  std::string_view type;  // COMMITTED_USAGE_DISCOUNT, SUSTAINED_USAGE_DISCOUNT, PROMOTION, …
  core::Decimal amount;   // negative for a credit
};

struct GcpExportRow {
  std::string_view billing_account_id;
  std::string_view service_id;
  std::string_view service_description;
  std::string_view sku_id;
  std::string_view sku_description;
  std::optional<core::Timestamp> usage_start_time;
  std::optional<core::Timestamp> usage_end_time;
  std::string_view project_id;
  std::string_view project_number;
  std::string_view project_name;
  std::string_view project_ancestry_numbers;
  std::vector<GcpLabel> project_labels;
  std::vector<GcpLabel> labels;
  std::vector<GcpLabel> system_labels;
  std::vector<GcpTag> tags;
  std::string_view location;  // location.location: region, multi-region ("us") or "global"
  std::string_view country;
  std::string_view region;
  std::string_view zone;
  std::string_view resource_name;
  std::string_view resource_global_name;
  std::optional<core::Decimal> cost;  // before credits
  std::string_view currency;
  std::optional<core::Decimal> currency_conversion_rate;
  std::optional<core::Decimal> cost_at_list;
  std::optional<core::Decimal> usage_amount;
  std::string_view usage_unit;
  std::optional<core::Decimal> usage_amount_in_pricing_units;
  std::string_view usage_pricing_unit;
  std::vector<GcpCredit> credits;
  std::string_view invoice_month;  // "YYYYMM", a US Pacific-time month
  std::string_view cost_type;
  std::string_view adjustment_id;
  std::string_view adjustment_description;
  std::string_view adjustment_mode;
  std::string_view adjustment_type;
  std::optional<int64_t> export_time_us;  // microseconds since the Unix epoch
  std::string_view transaction_type;      // GOOGLE, THIRD_PARTY_RESELLER, THIRD_PARTY_AGENCY
  std::string_view seller_name;
  std::optional<core::Decimal> price_effective_price;
  std::optional<core::Decimal> price_tier_start_amount;
  std::string_view price_unit;
  std::optional<core::Decimal> price_pricing_unit_quantity;
  std::string_view subscription_instance_id;

  // Set by gcp_check_row() once the row is known to be complete.
  GcpCostType cost_type_value = GcpCostType::kRegular;
  core::Period billing_period;  // invoice.month as UTC bounds of the Pacific-time month

  bool has_adjustment_info() const {
    return !adjustment_id.empty() || !adjustment_description.empty() || !adjustment_mode.empty() ||
           !adjustment_type.empty();
  }
  // Resets every field to null, keeping vector capacity.
  void clear();
};

enum class GcpField : uint8_t {
  kBillingAccountId,
  kServiceId,
  kServiceDescription,
  kSkuId,
  kSkuDescription,
  kUsageStartTime,
  kUsageEndTime,
  kProjectId,
  kProjectNumber,
  kProjectName,
  kProjectAncestryNumbers,
  kProjectLabels,
  kLabels,
  kSystemLabels,
  kTags,
  kLocation,
  kCountry,
  kRegion,
  kZone,
  kResourceName,
  kResourceGlobalName,
  kCost,
  kCurrency,
  kCurrencyConversionRate,
  kCostAtList,
  kUsageAmount,
  kUsageUnit,
  kUsageAmountInPricingUnits,
  kUsagePricingUnit,
  kCredits,
  kInvoiceMonth,
  kCostType,
  kAdjustmentId,
  kAdjustmentDescription,
  kAdjustmentMode,
  kAdjustmentType,
  kExportTime,
  kTransactionType,
  kSellerName,
  kPriceEffectivePrice,
  kPriceTierStartAmount,
  kPriceUnit,
  kPricePricingUnitQuantity,
  kSubscriptionInstanceId,
};

// How a field's value is written in the export.
enum class GcpFieldType : uint8_t { kString, kDecimal, kTimestamp, kLabels, kTags, kCredits };

struct GcpFieldInfo {
  GcpField field;
  std::string_view path;  // BigQuery column path, e.g. "usage.amount_in_pricing_units"
  GcpFieldType type;
};

// The field at a dotted path ("project.labels"), or nullopt for fields we do not read.
std::optional<GcpFieldInfo> gcp_field_from_path(std::string_view path);
const GcpFieldInfo& gcp_field_info(GcpField field);

}  // namespace optima::ingest
