// CurLayout: where the AWS Cost and Usage Report columns the mapping needs sit in one file's
// header, for every naming AWS uses.
//
// The same CUR column reaches us under three spellings: the legacy CSV's `lineItem/UnblendedCost`,
// the Athena/Parquet snake_case `line_item_unblended_cost` (also the CUR 2.0 names), and, for the
// long tail of product attributes in CUR 2.0, a key of the `product` map column. All three
// collapse to one key by lower-casing and dropping everything but letters and digits
// (`savings_plan_savings_plan_a_r_n` and `savingsPlan/SavingsPlanARN` both become
// `savingsplansavingsplanarn`), so one table of fields serves every dialect.
//
// Besides the fixed fields, a header carries dynamic columns: resource tags, cost categories and
// discounts (one column per key in legacy CUR, one JSON map column in CUR 2.0). Columns the
// mapping does not use are ignored; columns that belong to no CUR category, headers that look
// like two names merged by a missing comma, and duplicates are reported as warnings.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optima::ingest {

// The CUR columns the FOCUS mapping reads. The order is the table order in aws_cur_columns.cc.
enum class CurField : uint8_t {
  kLineItemId,
  kTimeInterval,
  kInvoiceId,
  kInvoicingEntity,
  kBillingEntity,
  kBillType,
  kPayerAccountId,
  kPayerAccountName,
  kBillingPeriodStartDate,
  kBillingPeriodEndDate,
  kUsageAccountId,
  kUsageAccountName,
  kLineItemType,
  kUsageStartDate,
  kUsageEndDate,
  kProductCode,
  kUsageType,
  kOperation,
  kAvailabilityZone,
  kResourceId,
  kUsageAmount,
  kCurrencyCode,
  kUnblendedRate,
  kUnblendedCost,
  kNetUnblendedRate,
  kNetUnblendedCost,
  kLineItemDescription,
  kTaxType,
  kLegalEntity,
  kProductName,
  kProductServiceCode,
  kProductServiceName,
  kProductSku,
  kProductRegion,
  kProductRegionCode,
  kProductLocation,
  kProductInstanceType,
  kProductOperatingSystem,
  kProductStorageClass,
  kProductVcpu,
  kProductFamily,
  kPricingRateCode,
  kPricingRateId,
  kPricingCurrency,
  kPublicOnDemandCost,
  kPublicOnDemandRate,
  kPricingTerm,
  kPricingUnit,
  kReservationArn,
  kReservationEffectiveCost,
  kReservationNetEffectiveCost,
  kReservationUnusedAmortizedUpfrontFee,
  kReservationNetUnusedAmortizedUpfrontFee,
  kReservationUnusedRecurringFee,
  kReservationNetUnusedRecurringFee,
  kReservationUnusedQuantity,
  kReservationTotalReservedUnits,
  kSavingsPlanArn,
  kSavingsPlanEffectiveCost,
  kSavingsPlanNetEffectiveCost,
  kSavingsPlanTotalCommitmentToDate,
  kSavingsPlanUsedCommitment,
  kCapacityReservationArn,
  kCapacityReservationStatus,
};

inline constexpr size_t kCurFieldCount =
    static_cast<size_t>(CurField::kCapacityReservationStatus) + 1;

// The legacy CSV name of a field, e.g. "lineItem/UnblendedCost" (for messages).
std::string_view cur_field_name(CurField field);
// The dialect-independent key of a field, e.g. "lineitemunblendedcost".
std::string_view cur_field_key(CurField field);
// The field whose key is `key` (see cur_column_key), if the mapping uses it.
std::optional<CurField> cur_field_from_key(std::string_view key);
// "lineItem/UnblendedCost", "line_item_unblended_cost" -> "lineitemunblendedcost".
std::string cur_column_key(std::string_view header_name);

// The map columns of CUR 2.0 (JSON objects serialized into one CSV cell).
enum class CurMapColumn : uint8_t { kResourceTags, kCostCategory, kDiscount, kProduct };

// A resource tag column: its cell is the tag's value for `key`.
struct CurTagColumn {
  size_t index = 0;
  std::string key;  // "user:team", "aws:createdBy"
};

// A column whose cell becomes one x_ extension column (cost categories) or one key of the
// x_Discounts object (discounts).
struct CurNamedColumn {
  size_t index = 0;
  std::string name;  // extension column name or discount key
};

class CurLayout {
 public:
  // Resolves a header. Never fails: what cannot be used is reported in warnings().
  static CurLayout resolve(const std::vector<std::string_view>& header);

  // Index of the column holding `field`, if the header has it.
  std::optional<size_t> index(CurField field) const { return fields_[static_cast<size_t>(field)]; }
  bool has(CurField field) const { return index(field).has_value(); }
  // The header text of `field` in this file, or its legacy name when absent.
  std::string_view column_name(CurField field) const;
  // The header text of column `index`.
  std::string_view header_name(size_t index) const { return header_[index]; }
  size_t column_count() const { return header_.size(); }

  std::optional<size_t> map_column(CurMapColumn column) const {
    return maps_[static_cast<size_t>(column)];
  }
  const std::vector<CurTagColumn>& tag_columns() const { return tags_; }
  const std::vector<CurNamedColumn>& cost_category_columns() const { return cost_categories_; }
  const std::vector<CurNamedColumn>& discount_columns() const { return discounts_; }
  // True when the header uses the legacy `category/Name` spelling.
  bool slash_names() const { return slash_names_; }

  // Human-readable notes about the header (quirks, ignored columns).
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::vector<std::string> header_;
  std::array<std::optional<size_t>, kCurFieldCount> fields_{};
  std::array<std::optional<size_t>, 4> maps_{};
  std::vector<CurTagColumn> tags_;
  std::vector<CurNamedColumn> cost_categories_;
  std::vector<CurNamedColumn> discounts_;
  bool slash_names_ = false;
  std::vector<std::string> warnings_;
};

// The Tags key for a snake_case resource tag name: "user_team" -> "user:team",
// "aws_created_by" -> "aws:created_by"; a name with another prefix is kept as is. (Athena and
// CUR 2.0 lower-case and snake_case tag keys, so the original spelling cannot be recovered.)
std::string snake_tag_key(std::string_view name);
// The x_ column for a cost category: "x_CostCategory_" + the name with every character other
// than an ASCII letter, digit or '_' replaced by '_' ("Charge type" ->
// "x_CostCategory_Charge_type").
std::string cost_category_column(std::string_view name);

}  // namespace optima::ingest
